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
            r.setMessageZh(WithheldReasons.zh(w.reason()));
            r.setMessageEn(WithheldReasons.en(w.reason()));
            response.getRecord().add(r);
        }
        return response;
    }
}
