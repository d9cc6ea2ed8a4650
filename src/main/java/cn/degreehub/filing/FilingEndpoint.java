package cn.degreehub.filing;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.CorrectRecordResponse;
import cn.degreehub.contract.filing.GetFilingReceiptRequest;
import cn.degreehub.contract.filing.GetFilingReceiptResponse;
import cn.degreehub.contract.filing.RecordChange;
import cn.degreehub.contract.filing.RecordStatus;
import cn.degreehub.contract.filing.RevokeDegreeRequest;
import cn.degreehub.contract.filing.RevokeDegreeResponse;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.partner.Account;

/**
 * The SOAP operations of DegreeFilingService (routes/filing.xml, bean {@code filingEndpoint}): the contract's request
 * to the filing classes and their answer to the contract's response. correctRecord and revokeDegree run once per
 * requestId; the stored answer is the contract's response, replayed as it was first given.
 */
public class FilingEndpoint {

    private final FilingIntake intake;
    private final RecordMaintenance maintenance;
    private final IdempotentRequests idempotent;

    public FilingEndpoint(FilingIntake intake, RecordMaintenance maintenance, IdempotentRequests idempotent) {
        this.intake = intake;
        this.maintenance = maintenance;
        this.idempotent = idempotent;
    }

    public SubmitFilingBatchResponse submitFilingBatch(Account account, SubmitFilingBatchRequest request) {
        FilingIntake.BatchHeader header = new FilingIntake.BatchHeader(request.getBatchId(), request.getProvinceCode(),
                request.getUnitCode(), request.getSemester());
        SubmitFilingBatchResponse response = new SubmitFilingBatchResponse();
        response.setReceipt(FilingDocuments.receipt(intake.submit(account, header,
                request.getRecord().stream().map(FilingDocuments::filed).iterator(), "SOAP")));
        return response;
    }

    public GetFilingReceiptResponse getFilingReceipt(Account account, GetFilingReceiptRequest request) {
        GetFilingReceiptResponse response = new GetFilingReceiptResponse();
        response.setReceipt(FilingDocuments.receipt(intake.receipt(account, request.getBatchId())));
        return response;
    }

    public CorrectRecordResponse correctRecord(Account account, CorrectRecordRequest request) {
        return idempotent.once(account.username(), "correctRecord", request.getRequestId(), CorrectRecordResponse.class,
                () -> corrected(maintenance.correct(account, request.getRequestId(), request.getXWZSBH(),
                        FilingDocuments.filed(request.getChanges()), request.getReason())));
    }

    public RevokeDegreeResponse revokeDegree(Account account, RevokeDegreeRequest request) {
        return idempotent.once(account.username(), "revokeDegree", request.getRequestId(), RevokeDegreeResponse.class,
                () -> revoked(maintenance.revoke(account, request.getRequestId(), request.getXWZSBH(),
                        request.getDecisionDate(), request.getReason())));
    }

    private static CorrectRecordResponse corrected(RecordMaintenance.Corrected corrected) {
        CorrectRecordResponse response = new CorrectRecordResponse();
        for (RecordMaintenance.Change change : corrected.changes()) {
            RecordChange c = new RecordChange();
            c.setField(change.field());
            c.setOldValue(change.oldValue());
            c.setNewValue(change.newValue());
            response.getChange().add(c);
        }
        response.setXWZSBH(corrected.certificateNumber());
        // a corrected record goes back to APPROVED (DegreeRecords.update)
        response.setStatus(RecordStatus.APPROVED);
        response.setVersion(corrected.version());
        return response;
    }

    private static RevokeDegreeResponse revoked(RecordMaintenance.Revoked revoked) {
        RevokeDegreeResponse response = new RevokeDegreeResponse();
        response.setXWZSBH(revoked.certificateNumber());
        response.setStatus(RecordStatus.REVOKED);
        response.setRevokedAt(revoked.revokedAt().atZone(ChinaTime.ZONE).toOffsetDateTime());
        response.setReportDueDate(revoked.reportDue().date());
        response.setWorkingDaysAfterDecision(revoked.workingDaysAfterDecision());
        response.setLate(revoked.late());
        response.setReportDueProvisionalYear(revoked.reportDue().provisionalYear());
        return response;
    }
}
