package cn.degreehub.publication;

import cn.degreehub.common.Paging;
import cn.degreehub.contract.filing.GetWithheldFeedbackRequest;
import cn.degreehub.contract.filing.GetWithheldFeedbackResponse;
import cn.degreehub.contract.filing.WithheldReason;
import cn.degreehub.contract.filing.WithheldRecord;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.Account;

/**
 * The SOAP operation getWithheldFeedback of DegreeFilingService (routes/filing.xml, bean
 * {@code withheldFeedbackEndpoint}): the request to {@link WithheldFeedback}, its page to the contract's response
 * with a bilingual message per reason.
 */
public class WithheldFeedbackEndpoint {

    private final WithheldFeedback feedback;

    public WithheldFeedbackEndpoint(WithheldFeedback feedback) {
        this.feedback = feedback;
    }

    public GetWithheldFeedbackResponse getWithheldFeedback(Account account, GetWithheldFeedbackRequest request) {
        WithheldFeedback.Scope scope = feedback.scope(account, request.getSemester(), request.getUnitCode(),
                request.getProvinceCode());
        WithheldFeedback.Page page = feedback.page(scope, Paging.of(request.getPaging()));
        GetWithheldFeedbackResponse response = new GetWithheldFeedbackResponse();
        response.setTotal(page.total());
        response.setPage(page.paging().page());
        response.setPageSize(page.paging().size());
        for (DegreeRecords.Withheld w : page.records()) {
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
