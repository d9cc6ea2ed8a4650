package cn.degreehub.verification;

/**
 * Where an application stands (docs/domain-rules.md, "Verification applications"). The hub's own type: the
 * portal's contract enumeration of the same names is mapped at the SOAP edge.
 */
public enum ApplicationState {
    RECEIVED, REVIEW, CHECKING, COMPLETED, CANCELLED, REJECTED;

    /** The code as stored, told to the portal and shown in the console. */
    public String value() {
        return name();
    }

    public static ApplicationState fromValue(String code) {
        return valueOf(code);
    }
}
