package cn.degreehub.publication;

import java.time.Instant;
import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.Progress;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.RecordField;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes approved records queryable online, or withholds them with a reason: honorary doctorates (never
 * published), classified records, records flagged for policy review, records missing key information
 * (fields listed in degreehub.publication.required-fields). One run is one transaction.
 */
public class Publication {

    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);
    private static final int PUBLISH_CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final List<RecordField> requiredFields;

    public Publication(JdbcTemplate jdbc, DegreeRecords records, TransactionTemplate tx, Clock clock, AuditLog audit,
                       List<String> requiredFields) {
        this.jdbc = jdbc;
        this.records = records;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        // names come from configuration: only known field codes may reach SQL
        this.requiredFields = requiredFields.stream().map(RecordField::valueOf).toList();
    }

    /** The counts of one run. */
    public record RunResult(long runId, int examined, int published, int withheld, Map<String, Integer> withheldByReason) {
    }

    public RunResult run(String triggeredBy) {
        return run(triggeredBy, Progress.NONE);
    }

    /** One run, reporting its steps and counts as it goes (the counts become visible to others on commit). */
    public RunResult run(String triggeredBy, Progress progress) {
        Progress p = Progress.orNone(progress);
        long runId = SqlDialect.of(jdbc).next(jdbc, "seq_publication_run");
        jdbc.update("INSERT INTO publication_run (id, triggered_by, started_at, status) VALUES (?, ?, ?, 'RUNNING')",
                runId, triggeredBy, UtcTime.column(clock.instant()));
        RunResult result = tx.execute(status -> {
            RunResult r = publish(runId, p);
            p.step("commit"); // a large run's commit takes a while (seconds for 200,000 records on H2)
            return r;
        });
        jdbc.update("UPDATE publication_run SET finished_at = ?, examined = ?, published = ?, withheld = ?, status = 'DONE'"
                        + " WHERE id = ?", UtcTime.column(clock.instant()), result.examined(), result.published(),
                result.withheld(), runId);
        audit.record(triggeredBy, "PUBLICATION_RUN", String.valueOf(runId),
                "examined=" + result.examined() + " published=" + result.published() + " withheld=" + result.withheldByReason());
        LOG.info("Publication run {} by {}: {} examined, {} published, {} withheld {}", runId, triggeredBy,
                result.examined(), result.published(), result.withheld(), result.withheldByReason());
        return result;
    }

    private RunResult publish(long runId, Progress progress) {
        Instant now = clock.instant();
        int examined = records.countApproved();
        progress.total(examined);
        Map<String, DegreeRecords.Held> conditions = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        conditions.put("HONORARY", new DegreeRecords.Held.OfLevel(DegreeLevel.HONORARY_DOCTOR));
        details.put("HONORARY", "名誉博士学位不公开");
        conditions.put("CLASSIFIED", new DegreeRecords.Held.Flagged(RecordField.SFSM));
        details.put("CLASSIFIED", "涉密记录");
        conditions.put("POLICY_REVIEW", new DegreeRecords.Held.Flagged(RecordField.ZCSC));
        details.put("POLICY_REVIEW", "涉嫌违反国家学位政策, 待审查");
        if (!requiredFields.isEmpty()) {
            conditions.put("INCOMPLETE", new DegreeRecords.Held.Missing(requiredFields));
            details.put("INCOMPLETE", "关键信息不完整, 须包含: "
                    + requiredFields.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        Map<String, Integer> withheld = new LinkedHashMap<>();
        int done = 0;
        for (var c : conditions.entrySet()) {
            progress.step("withhold " + c.getKey());
            int n = records.withholdApproved(c.getValue(), c.getKey(), details.get(c.getKey()), now);
            withheld.put(c.getKey(), n);
            progress.counts(done += n, 0);
        }
        // published in chunks of the primary key so a peak-season run of hundreds of thousands shows how far it has
        // come; each chunk starts where the last ended, so the table is walked once along its index
        progress.step("publish");
        int published = 0;
        for (String after = null, upTo; (upTo = records.approvedChunkEnd(after, PUBLISH_CHUNK)) != null; after = upTo) {
            published += records.publishApproved(after, upTo, now);
            progress.counts(done + published, 0);
        }
        int withheldTotal = withheld.values().stream().mapToInt(Integer::intValue).sum();
        return new RunResult(runId, examined, published, withheldTotal, withheld);
    }

    /** One publication run as recorded. */
    public record Run(long id, String triggeredBy, Instant startedAt, int examined, int published, int withheld,
                      String status) {
    }

    public List<Run> recentRuns(int limit) {
        return jdbc.query("SELECT * FROM publication_run ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                (rs, i) -> new Run(rs.getLong("id"), rs.getString("triggered_by"),
                        UtcTime.instant(rs.getTimestamp("started_at").toLocalDateTime()), rs.getInt("examined"),
                        rs.getInt("published"), rs.getInt("withheld"), rs.getString("status")), limit);
    }
}
