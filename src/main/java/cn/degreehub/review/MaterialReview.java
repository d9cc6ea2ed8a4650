package cn.degreehub.review;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.check.CheckTasks;
import cn.degreehub.check.Checks;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.common.Paging;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.verification.AppliedDegree;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.Verifications;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 材料审查 by the center's reviewers (docs/domain-rules.md, "Material review (材料审查)"): applications in REVIEW are looked at beside their
 * attachments, mis-typed fields corrected (kept in the history), then matched again (→ report at once when
 * they now match), rejected as ineligible, or sent to the unit for a check. Every action is audited.
 */
public class MaterialReview {

    /** Fields a reviewer may correct, with their column. */
    private static final Map<String, String> CORRECTABLE = Map.of("holderName", "holder_name", "idType", "id_type",
            "idNumber", "id_number", "unitCode", "unit_code", "level", "degree_level", "awardDate", "award_date",
            "certificateNumber", "certificate_number", "discipline", "discipline");
    private static final Set<String> LEVELS = Set.of("BACHELOR", "MASTER", "DOCTOR");

    private final Applications applications;
    private final ApplicationLifecycle lifecycle;
    private final Verifications verification;
    private final Checks checks;
    private final DegreeRecords records;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MaterialReview(Applications applications, ApplicationLifecycle lifecycle, Verifications verification,
                          Checks checks, DegreeRecords records, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.verification = verification;
        this.checks = checks;
        this.records = records;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public record Page<T>(int total, int page, int pageSize, List<T> items) {
    }

    public record Detail(Applications.Stored application, List<Applications.AttachmentInfo> attachments,
                         List<Applications.HistoryRow> history, Map<String, String> databaseRecord,
                         List<CheckTasks.Task> checkTasks) {
    }

    public Page<Applications.Stored> inReview(Paging paging) {
        return new Page<>(applications.countInStatus(ApplicationState.REVIEW), paging.page(), paging.size(),
                applications.inStatus(ApplicationState.REVIEW, paging));
    }

    public Detail detail(String applicationNo) {
        Applications.Stored a = applications.find(applicationNo)
                .orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
        Map<String, String> onRecord = records.find(a.certificateNumber()).map(r -> {
            Degree d = r.degree();
            Map<String, String> m = new LinkedHashMap<>();
            m.put("holderName", d.holderName());
            m.put("idType", d.idType());
            m.put("idNumber", d.idNumber());
            m.put("unitCode", d.unitCode());
            m.put("levelCode", d.levelCode());
            m.put("awardDate", d.awardDate() == null ? null : d.awardDate().format(DateTimeFormatter.BASIC_ISO_DATE));
            m.put("certificateNumber", d.certificateNumber());
            m.put("status", r.status());
            return m;
        }).orElse(null);
        return new Detail(a, applications.attachments(applicationNo), applications.history(applicationNo), onRecord,
                checks.tasksOf(applicationNo));
    }

    public Applications.AttachmentFile attachment(String applicationNo, long id) {
        return applications.attachment(applicationNo, id)
                .orElseThrow(() -> DegreeHubException.notFound("附件", "Attachment"));
    }

    /** Corrects mis-typed fields of an application in review; each change is a history line. */
    public Applications.Stored correct(String applicationNo, Map<String, String> fields, String actor) {
        if (fields == null || fields.isEmpty()) {
            throw DegreeHubException.invalid("fields", "没有要更正的字段", "No field to correct");
        }
        return tx.execute(status -> {
            Applications.Stored a = inReview(applicationNo);
            Map<String, String> old = current(a);
            Map<String, Object> columns = corrections(a, fields, ChinaTime.today(clock));
            List<String> notes = new ArrayList<>();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                applications.correct(applicationNo, CORRECTABLE.get(f.getKey()), columns.get(f.getKey()));
                String value = f.getValue() == null ? "" : f.getValue().trim();
                boolean id = f.getKey().equals("idNumber");
                notes.add(f.getKey() + ": " + (id ? Masking.idNumber(old.get(f.getKey())) : old.get(f.getKey()))
                        + " → " + (id ? Masking.idNumber(value) : value));
            }
            String note = String.join("; ", notes);
            lifecycle.note(applicationNo, ApplicationState.REVIEW, actor, "审查更正：" + note, "Corrected in review: " + note);
            audit.record(actor, "REVIEW_CORRECT", applicationNo, note);
            return applications.find(applicationNo).orElseThrow();
        });
    }

    public ApplicationState rematch(String applicationNo, String actor) {
        return tx.execute(status -> {
            ApplicationState outcome = verification.rematch(inReview(applicationNo), actor);
            audit.record(actor, "REVIEW_REMATCH", applicationNo, outcome.value());
            return outcome;
        });
    }

    public void reject(String applicationNo, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw DegreeHubException.invalid("reason", "须说明不符合条件的理由", "A reason is required");
        }
        tx.executeWithoutResult(status -> {
            verification.reject(inReview(applicationNo), reason.trim(), actor);
            audit.record(actor, "REVIEW_REJECT", applicationNo, reason.trim());
        });
    }

    public CheckTasks.Task sendToUnit(String applicationNo, String actor) {
        return tx.execute(status -> {
            Applications.Stored a = inReview(applicationNo);
            CheckTasks.Task task = checks.open(a, a.differingFields(), actor);
            audit.record(actor, "REVIEW_SEND_TO_UNIT", applicationNo, task.taskId() + " → " + task.unitCode() + "/" + task.department());
            return task;
        });
    }

    private Applications.Stored inReview(String applicationNo) {
        Applications.Stored a = applications.lock(applicationNo)
                .orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
        if (a.status() != ApplicationState.REVIEW) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "申请不在审查中（" + a.status().value() + "）",
                    "The application is not in review (" + a.status().value() + ")");
        }
        return a;
    }

    private static Map<String, String> current(Applications.Stored a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("holderName", a.holderName());
        m.put("idType", a.idType());
        m.put("idNumber", a.idNumber());
        m.put("unitCode", a.unitCode());
        m.put("level", a.level());
        m.put("awardDate", a.awardDate().toString());
        m.put("certificateNumber", a.certificateNumber());
        m.put("discipline", a.discipline());
        return m;
    }

    /**
     * The column values of a reviewer's corrections, or a refusal. Each value must have its field's form, and the
     * corrected application must be one submitApplication would take: the same {@link DegreeRules} (ID number of
     * its type, certificate number of its award date, no award date in the future), so a correction cannot store
     * what the portal is refused.
     */
    public static Map<String, Object> corrections(Applications.Stored a, Map<String, String> fields, LocalDate today) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (!CORRECTABLE.containsKey(f.getKey())) {
                throw DegreeHubException.invalid(f.getKey(), "该字段不能更正：" + f.getKey(), "Field cannot be corrected: " + f.getKey());
            }
            String value = f.getValue() == null ? "" : f.getValue().trim();
            columns.put(f.getKey(), formatted(f.getKey(), value));
        }
        Degree was = a.degree();
        Degree corrected = new Degree(
                (String) columns.getOrDefault("holderName", was.holderName()), null,
                (String) columns.getOrDefault("idType", was.idType()),
                (String) columns.getOrDefault("idNumber", was.idNumber()),
                (String) columns.getOrDefault("unitCode", was.unitCode()), null,
                columns.containsKey("level") ? DegreeLevel.valueOf((String) columns.get("level")) : was.level(), null,
                columns.containsKey("awardDate") ? ((Date) columns.get("awardDate")).toLocalDate() : was.awardDate(),
                (String) columns.getOrDefault("certificateNumber", was.certificateNumber()), was.discipline(), null);
        AppliedDegree.check(corrected, today, "");
        return columns;
    }

    /** A corrected value in the form its column takes; the rules across fields are checked on the whole degree. */
    private static Object formatted(String field, String value) {
        switch (field) {
            case "holderName" -> {
                if (value.isEmpty() || value.length() > 40) {
                    throw DegreeHubException.invalid(field, "姓名须为1至40个字符", "The name must have 1 to 40 characters");
                }
                return value;
            }
            case "idType" -> {
                if (!value.matches("\\d{2}")) {
                    throw DegreeHubException.invalid(field, "证件类型码为两位数字", "The ID type is a two-digit code");
                }
                return value;
            }
            case "idNumber" -> {
                return DegreeRules.normaliseIdNumber(value);
            }
            case "unitCode" -> {
                if (!value.matches("\\d{5}")) {
                    throw DegreeHubException.invalid(field, "学位授予单位码为五位数字", "The unit code has five digits");
                }
                return value;
            }
            case "level" -> {
                if (!LEVELS.contains(value)) {
                    throw DegreeHubException.invalid(field, "学位层次须为 BACHELOR/MASTER/DOCTOR", "The level must be BACHELOR, MASTER or DOCTOR");
                }
                return value;
            }
            case "awardDate" -> {
                try {
                    return Date.valueOf(LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    throw DegreeHubException.invalid(field, "日期格式为 yyyy-MM-dd", "Dates are written yyyy-MM-dd");
                }
            }
            case "certificateNumber" -> {
                return DegreeRules.normaliseCertificateNumber(value);
            }
            default -> {
                return value.isEmpty() ? null : value;
            }
        }
    }
}
