package cn.degreehub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/** The hub's typed SOAP fault, as a generated client receives it or as it stands in a raw answer. */
public final class Faults {

    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");

    private Faults() {
    }

    /**
     * The fault detail a client call ends with, whichever service's client made it (each WSDL has its own
     * generated DegreeHubFault class); every fault has both messages.
     */
    public static FaultDetail detailOf(Executable call) {
        Throwable thrown = assertThrows(Exception.class, call);
        FaultDetail detail;
        if (thrown instanceof cn.degreehub.contract.filing.DegreeHubFault f) {
            detail = f.getFaultInfo();
        } else if (thrown instanceof cn.degreehub.contract.verification.DegreeHubFault f) {
            detail = f.getFaultInfo();
        } else if (thrown instanceof cn.degreehub.contract.check.DegreeHubFault f) {
            detail = f.getFaultInfo();
        } else if (thrown instanceof cn.degreehub.contract.portal.DegreeHubFault f) {
            detail = f.getFaultInfo();
        } else {
            throw new AssertionError("not a typed hub fault: " + thrown, thrown);
        }
        assertThat(detail.getMessageZh()).isNotBlank();
        assertThat(detail.getMessageEn()).isNotBlank();
        return detail;
    }

    /** The fault code a client call ends with. */
    public static FaultCode codeOf(Executable call) {
        return detailOf(call).getCode();
    }

    /** The code of the t:faultDetail in a raw SOAP answer (or a queue's fault document), or null when there is none. */
    public static FaultCode codeIn(String answer) {
        Matcher m = CODE.matcher(answer);
        return m.find() ? FaultCode.fromValue(m.group(1)) : null;
    }
}
