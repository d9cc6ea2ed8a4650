package cn.degreehub.publication;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Paging;
import cn.degreehub.contract.filing.GetWithheldFeedbackRequest;
import cn.degreehub.contract.filing.GetWithheldFeedbackResponse;
import cn.degreehub.contract.filing.WithheldReason;
import cn.degreehub.contract.filing.WithheldRecord;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.Semester;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;

/** Withheld records fed back to a province (all its units) or to one unit, per semester, page by page. */
public class WithheldFeedback {

    private final DegreeRecords records;
    private final PartnerRegistry registry;

    public WithheldFeedback(DegreeRecords records, PartnerRegistry registry) {
        this.records = records;
        this.registry = registry;
    }

    public GetWithheldFeedbackResponse feedback(Account account, GetWithheldFeedbackRequest request) {
        String semester = Semester.parse(request.getSemester()).map(Semester::toString).orElseThrow(() ->
                DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1", "Semester must look like 2025-2026-1"));
        String unit = null;
        String province = null;
        if (request.getUnitCode() != null) {
            unit = request.getUnitCode();
            String value = unit;
            boolean own = registry.unit(value).map(u -> u.province().equals(account.provinceCode())).orElse(false)
                    && (account.role() == Role.PROVINCE || value.equals(account.unitCode()));
            if (!own) {
                throw DegreeHubException.forbidden("无权查看单位 " + value + " 的反馈", "No access to feedback of unit " + value);
            }
        } else {
            province = request.getProvinceCode();
            String value = province;
            if (account.role() != Role.PROVINCE || !value.equals(account.provinceCode())) {
                throw DegreeHubException.forbidden("无权查看省份 " + value + " 的反馈", "No access to feedback of province " + value);
            }
        }
        Paging paging = Paging.of(request.getPaging());
        GetWithheldFeedbackResponse response = new GetWithheldFeedbackResponse();
        response.setTotal(records.countWithheld(semester, unit, province));
        response.setPage(paging.page());
        response.setPageSize(paging.size());
        for (DegreeRecords.Withheld w : records.withheld(semester, unit, province, paging.offset(), paging.size())) {
            WithheldRecord r = new WithheldRecord();
            r.setXWZSBH(w.certificateNumber());
            r.setXM(w.holderName());
            r.setUnitCode(w.unitCode());
            r.setSemester(w.semester());
            WithheldReason reason = WithheldReason.fromValue(w.reason());
            r.setReason(reason);
            r.setDetail(w.detail());
            r.setMessageZh(switch (reason) {
                case CLASSIFIED -> "涉密记录, 不在网上公开";
                case INCOMPLETE -> "关键信息不完整或不准确, 请更正后重新报送";
                case POLICY_REVIEW -> "涉嫌违反国家学位政策, 待审查";
                case HONORARY -> "名誉博士学位不在网上公开";
            });
            r.setMessageEn(switch (reason) {
                case CLASSIFIED -> "Classified record, not published online";
                case INCOMPLETE -> "Key information incomplete or inaccurate: correct it and file again";
                case POLICY_REVIEW -> "Suspected of violating national degree policy, under review";
                case HONORARY -> "Honorary doctorates are not published online";
            });
            response.getRecord().add(r);
        }
        return response;
    }
}
