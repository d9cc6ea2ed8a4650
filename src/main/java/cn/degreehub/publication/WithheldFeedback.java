package cn.degreehub.publication;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Paging;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.Semester;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import java.util.List;

/**
 * Withheld records fed back to a province (all its units) or to one unit, per semester, page by page. The SOAP
 * operation getWithheldFeedback is {@link WithheldFeedbackEndpoint}.
 */
public class WithheldFeedback {

    private final DegreeRecords records;
    private final PartnerRegistry registry;

    public WithheldFeedback(DegreeRecords records, PartnerRegistry registry) {
        this.records = records;
        this.registry = registry;
    }

    /** Whose withheld records of a semester: one unit's, or (unitCode null) those of a province's units. */
    public record Scope(String semester, String unitCode, String provinceCode) {
    }

    /** One page of withheld records and how many there are in all. */
    public record Page(int total, Paging paging, List<DegreeRecords.Withheld> records) {
    }

    /**
     * The feedback the account may read: of a unit ({@code unitCode} given) of its province (a unit's lead: its own
     * unit only), or of its own province. INVALID_REQUEST for a malformed semester, FORBIDDEN otherwise.
     */
    public Scope scope(Account account, String semesterAsked, String unitCode, String provinceCode) {
        String semester = Semester.parse(semesterAsked).map(Semester::toString).orElseThrow(() ->
                DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1", "Semester must look like 2025-2026-1"));
        String unit = null;
        String province = null;
        if (unitCode != null) {
            unit = unitCode;
            String value = unit;
            boolean own = registry.unit(value).map(u -> u.province().equals(account.provinceCode())).orElse(false)
                    && (account.role() == Role.PROVINCE || value.equals(account.unitCode()));
            if (!own) {
                throw DegreeHubException.forbidden("无权查看单位 " + value + " 的反馈", "No access to feedback of unit " + value);
            }
        } else {
            province = provinceCode;
            String value = province;
            if (account.role() != Role.PROVINCE || !value.equals(account.provinceCode())) {
                throw DegreeHubException.forbidden("无权查看省份 " + value + " 的反馈", "No access to feedback of province " + value);
            }
        }
        return new Scope(semester, unit, province);
    }

    public Page page(Scope scope, Paging paging) {
        int total = records.countWithheld(scope.semester(), scope.unitCode(), scope.provinceCode());
        return new Page(total, paging, records.withheld(scope.semester(), scope.unitCode(), scope.provinceCode(),
                paging.offset(), paging.size()));
    }
}
