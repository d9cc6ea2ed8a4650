package cn.degreehub.verification;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import java.time.LocalDate;

/**
 * The checks of a degree as someone states it: the same {@link DegreeRules} for the portal's application, a
 * reviewer's correction and a unit's corrected answer, with the faults they answer.
 */
public final class AppliedDegree {

    private AppliedDegree() {
    }

    /**
     * Refuses a stated degree that breaks a rule.
     *
     * @param fieldPrefix put before the field named in the fault ("degree." for an application's degree)
     */
    public static void check(Degree d, LocalDate today, String fieldPrefix) {
        DegreeRules.statedDegree(d, today).ifPresent(v -> {
            throw fault(v, fieldPrefix);
        });
    }

    /** A broken rule as the fault the SOAP and admin APIs answer, naming the field of {@link Degree}. */
    public static DegreeHubException fault(DegreeRules.Violation v, String fieldPrefix) {
        return switch (v.rule()) {
            case ID_NUMBER -> new DegreeHubException(FaultCode.INVALID_ID_NUMBER, v.messageZh(), v.messageEn(),
                    fieldPrefix + "idNumber");
            case CERTIFICATE_NUMBER -> new DegreeHubException(FaultCode.INVALID_CERTIFICATE_NUMBER, v.messageZh(),
                    v.messageEn(), fieldPrefix + "certificateNumber");
            case AWARD_DATE -> DegreeHubException.invalid(fieldPrefix + "awardDate", v.messageZh(), v.messageEn());
        };
    }
}
