package cn.degreehub.common.soap;

/** The contracts' target namespaces, v1 and v2 (docs/partner-interfaces.md, "Contract versions"). */
public final class Namespaces {

    public static final String VERIFICATION_V1 = "urn:degreehub:verification:v1";
    public static final String VERIFICATION_V2 = "urn:degreehub:verification:v2";
    public static final String FILING_V1 = "urn:degreehub:filing:v1";
    public static final String FILING_V2 = "urn:degreehub:filing:v2";
    public static final String CHECK_V1 = "urn:degreehub:check:v1";
    public static final String CHECK_V2 = "urn:degreehub:check:v2";
    public static final String PORTAL_CALLBACK_V1 = "urn:degreehub:portal-callback:v1";
    public static final String PORTAL_CALLBACK_V2 = "urn:degreehub:portal-callback:v2";
    /** UnitCheckReceiver of contract v2, in the namespace agreed with the units. */
    public static final String UNIT_RECEIVER = "urn:degreehub:unit-receiver:v1";

    private Namespaces() {
    }
}
