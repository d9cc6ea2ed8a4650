package cn.degreehub.publication;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.UtcTime;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.Semester;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Withheld records fed back to every degree-granting unit by the day before the semester's publication deadline
 * (May 31 / Nov 30; docs/domain-rules.md, "Withheld feedback pushed to the units"). A push is one document per
 * semester and unit with withheld records, kept in withheld_feedback_push and handed to the unit by the outbox
 * ({@link FeedbackDelivery}). A unit's feedback of a semester is pushed once; again only when its withheld records
 * changed since (other records, or other reasons), never twice for the same set.
 */
public class WithheldFeedbackPush {

    private static final Logger LOG = LoggerFactory.getLogger(WithheldFeedbackPush.class);

    /** Pushes are independent of each other: no order among them. */
    public static final Outbox.Table TABLE = new Outbox.Table("withheld_feedback_push", "push_id", "delivery", null,
            "created_at, o.push_id");

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final PartnerRegistry registry;
    private final FeedbackDocuments documents;
    private final AuditLog audit;
    private final Clock clock;
    private final int leadDays;
    private final int catchUpDays;

    public WithheldFeedbackPush(JdbcTemplate jdbc, DegreeRecords records, PartnerRegistry registry,
                                FeedbackDocuments documents, AuditLog audit, Clock clock, int leadDays, int catchUpDays) {
        this.catchUpDays = catchUpDays;
        this.jdbc = jdbc;
        this.records = records;
        this.registry = registry;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
        this.leadDays = leadDays;
    }

    /** The day a semester's withheld records are fed back by: the day before its publication deadline. */
    public static LocalDate feedbackDate(Semester semester) {
        return semester.publicationDeadline().minusDays(1);
    }

    /** One push made: to which unit, how many records, and how it goes (PENDING: on its way; PICKUP: to be fetched). */
    public record Pushed(String pushId, String semester, String unitCode, int records, String delivery, boolean late) {
    }

    /**
     * The daily run: every semester whose feedback window has opened ({@code lead-days} before its feedback date, and
     * a semester whose date has passed, late, for {@code catch-up-days} after it), each unit with withheld records that
     * has no push of their current set yet.
     */
    public List<Pushed> pushDue(String triggeredBy) {
        LocalDate today = ChinaTime.today(clock);
        Map<String, List<DegreeRecords.WithheldCount>> bySemester = new TreeMap<>();
        for (DegreeRecords.WithheldCount c : records.withheldCounts()) {
            bySemester.computeIfAbsent(c.semester(), s -> new ArrayList<>()).add(c);
        }
        List<Pushed> pushed = new ArrayList<>();
        bySemester.forEach((name, units) -> Semester.parse(name).ifPresent(semester -> {
            LocalDate date = feedbackDate(semester);
            // not years of history on a first start: only the window ahead and a late catch-up of half a year
            if (!today.isBefore(date.minusDays(leadDays)) && !today.isAfter(date.plusDays(catchUpDays))) {
                units.forEach(u -> pushUnit(semester, u.unitCode(), today, triggeredBy).ifPresent(pushed::add));
            }
        }));
        return pushed;
    }

    /** An admin's push of one semester, whenever it is: the units whose withheld records have no push yet. */
    public List<Pushed> push(String semesterAsked, String triggeredBy) {
        Semester semester = Semester.parse(semesterAsked).orElseThrow(() ->
                DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1", "Semester must look like 2025-2026-1"));
        LocalDate today = ChinaTime.today(clock);
        List<Pushed> pushed = new ArrayList<>();
        for (DegreeRecords.WithheldCount c : records.withheldCounts()) {
            if (c.semester().equals(semester.toString())) {
                pushUnit(semester, c.unitCode(), today, triggeredBy).ifPresent(pushed::add);
            }
        }
        return pushed;
    }

    private Optional<Pushed> pushUnit(Semester semester, String unitCode, LocalDate today, String triggeredBy) {
        Optional<Unit> unit = registry.unit(unitCode);
        if (unit.isEmpty() || unit.get().channel() == null) {
            LOG.warn("Withheld feedback of semester {} for unit {} not pushed: the unit has no channel in the registry",
                    semester, unitCode);
            return Optional.empty();
        }
        String name = semester.toString();
        int count = records.countWithheld(name, unitCode, null);
        List<DegreeRecords.Withheld> withheld = count == 0 ? List.of() : records.withheld(name, unitCode, null, 0, count);
        if (withheld.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(withheld);
        List<Map<String, Object>> last = jdbc.queryForList("SELECT seq, records_hash FROM withheld_feedback_push"
                + " WHERE semester = ? AND unit_code = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", name, unitCode);
        if (!last.isEmpty() && hash.equals(last.get(0).get("records_hash"))) {
            return Optional.empty();
        }
        int seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).intValue() + 1;
        String pushId = name + "-" + unitCode + "-" + seq;
        LocalDate feedbackDate = feedbackDate(semester);
        boolean late = today.isAfter(feedbackDate);
        Instant now = clock.instant();
        String channel = "QUEUE".equals(unit.get().channel().type()) ? "QUEUE" : "SOAP";
        String feedbackEndpoint = unit.get().channel().feedbackEndpoint();
        // a SOAP unit that implements no UnitFeedbackReceiver fetches its feedback (getWithheldFeedback)
        String delivery = channel.equals("QUEUE") || (feedbackEndpoint != null && !feedbackEndpoint.isBlank())
                ? "PENDING" : "PICKUP";
        String document = documents.write(new FeedbackDocuments.Content(pushId, unitCode, name, feedbackDate, late, now,
                withheld));
        try {
            jdbc.update("INSERT INTO withheld_feedback_push (push_id, semester, unit_code, seq, record_count, records_hash,"
                            + " feedback_date, late, channel, document, created_at, created_by, delivery, attempts)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", pushId, name, unitCode, seq,
                    withheld.size(), hash, Date.valueOf(feedbackDate), late ? "Y" : "N", channel, document,
                    UtcTime.column(now), triggeredBy, delivery);
        } catch (DuplicateKeyException e) {
            // pushed meanwhile by another run (another node): once is enough
            return Optional.empty();
        }
        Map<String, Integer> byReason = new LinkedHashMap<>();
        withheld.forEach(w -> byReason.merge(w.reason(), 1, Integer::sum));
        audit.record(triggeredBy, "WITHHELD_FEEDBACK_PUSH", pushId, "unit=" + unitCode + " semester=" + name
                + " records=" + withheld.size() + " " + byReason + " delivery=" + delivery + (late ? " late" : " on time"));
        LOG.info("Withheld feedback {} for unit {} of semester {} by {}: {} records {}, {} ({}; feedback date {})", pushId,
                unitCode, name, triggeredBy, withheld.size(), byReason, delivery.equals("PICKUP") ? "to be fetched"
                        : "on its way over " + channel, late ? "late" : "on time", feedbackDate);
        return Optional.of(new Pushed(pushId, name, unitCode, withheld.size(), delivery, late));
    }

    /** The certificate numbers and reasons of a unit's withheld records (they come sorted by number). */
    private static String hash(List<DegreeRecords.Withheld> withheld) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            withheld.forEach(w -> sha.update((w.certificateNumber() + ":" + w.reason() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A push as recorded. {@code timeliness}: ON_TIME when the unit had it (delivered, or ready to fetch) by the
     * feedback date, LATE when after it, WAITING while it is on its way and the date has not passed.
     */
    public record Push(String pushId, String semester, String unitCode, int seq, int records, String channel,
                       String delivery, int attempts, Instant createdAt, String createdBy, Instant deliveredAt,
                       LocalDate feedbackDate, boolean late, String lastError, String timeliness) {
    }

    /** The pushes of a semester (null: the latest 200 of all), newest first. */
    public List<Push> list(String semester) {
        LocalDate today = ChinaTime.today(clock);
        String select = "SELECT push_id, semester, unit_code, seq, record_count, channel, delivery, attempts, created_at,"
                + " created_by, delivered_at, feedback_date, late, last_error FROM withheld_feedback_push";
        if (semester == null) {
            return jdbc.query(select + " ORDER BY created_at DESC, push_id FETCH FIRST 200 ROWS ONLY",
                    (rs, i) -> push(rs, today));
        }
        return jdbc.query(select + " WHERE semester = ? ORDER BY unit_code, seq DESC", (rs, i) -> push(rs, today), semester);
    }

    public Optional<Push> find(String pushId) {
        return jdbc.query("SELECT push_id, semester, unit_code, seq, record_count, channel, delivery, attempts, created_at,"
                + " created_by, delivered_at, feedback_date, late, last_error FROM withheld_feedback_push WHERE push_id = ?",
                (rs, i) -> push(rs, ChinaTime.today(clock)), pushId).stream().findFirst();
    }

    /** The document of a push, as sent. */
    public String document(String pushId) {
        return jdbc.queryForObject("SELECT document FROM withheld_feedback_push WHERE push_id = ?", String.class, pushId);
    }

    private static Push push(ResultSet rs, LocalDate today) throws SQLException {
        Instant created = UtcTime.instant(rs.getTimestamp("created_at").toLocalDateTime());
        Instant delivered = rs.getTimestamp("delivered_at") == null ? null
                : UtcTime.instant(rs.getTimestamp("delivered_at").toLocalDateTime());
        LocalDate date = rs.getDate("feedback_date").toLocalDate();
        String delivery = rs.getString("delivery");
        Instant had = delivered != null ? delivered : "PICKUP".equals(delivery) ? created : null;
        String timeliness = had != null
                ? (had.atZone(ChinaTime.ZONE).toLocalDate().isAfter(date) ? "LATE" : "ON_TIME")
                : (today.isAfter(date) ? "LATE" : "WAITING");
        return new Push(rs.getString("push_id"), rs.getString("semester"), rs.getString("unit_code"), rs.getInt("seq"),
                rs.getInt("record_count"), rs.getString("channel"), delivery, rs.getInt("attempts"), created,
                rs.getString("created_by"), delivered, date, "Y".equals(rs.getString("late")), rs.getString("last_error"),
                timeliness);
    }
}
