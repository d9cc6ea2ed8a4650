package cn.degreehub.verification;

import cn.degreehub.degree.Degree;
import java.util.List;

/**
 * An application as the portal submits it, in the hub's terms: the applicant, the degree as applied (normalised
 * as stored), the report languages (Chinese first, always) and the inspected attachments.
 */
public record NewApplication(String requestId, Applicant applicant, Degree degree, boolean honorary, boolean urgent,
                             List<String> languages, List<AttachmentInspector.Inspected> attachments) {

    /** Who applies (the holder or someone they authorised). */
    public record Applicant(String name, String idType, String idNumber, String phone, String email) {
    }
}
