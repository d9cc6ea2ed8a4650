package cn.degreehub.delivery;

import cn.degreehub.common.Masking;
import cn.degreehub.common.UtcTime;
import cn.degreehub.common.jms.DeadLetters;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.deadline.TimeLimitWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Deliveries to one kind of partner from an outbox table, on a schedule kept in the table itself
 * (routes/notifications.xml, routes/checks.xml). A row is PENDING (new), QUEUED (an attempt in flight;
 * next_attempt_at is the end of its lease), RETRYING (due again at next_attempt_at), DELIVERED, or DEAD
 * (given up after the schedule: a copy with the reason in DLQ.&lt;queue&gt;, an alert, a WARN log and a metric).
 * The state is written in the step that ends the attempt, so it follows the delivery. With an order key
 * (the application of a notification) only the oldest undelivered row of a key is ever attempted.
 * <p>
 * Every node of a cluster relays: a row is claimed by a conditional UPDATE (its lease, claimed_by = the node), so
 * two nodes never attempt one row at once, and at its start a node takes back only the rows it left in flight.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String WAITING = "('PENDING', 'RETRYING', 'QUEUED')";

    /**
     * The outbox table: its key and state columns, and, when its rows must reach the partner in order, the
     * column they are grouped by and the column that orders them within a group (else null).
     */
    public record Table(String name, String id, String state, String orderKey, String order) {
    }

    /** A deadline_alert row of kind DEAD_LETTER: what was given up, and the unit it was for (or null). */
    public record Alert(String subject, String ref, String unitCode) {
    }

    /** What differs between partners: the attempt itself and the document a dead letter carries. */
    public interface Partner {

        /** One attempt to hand the row to the partner; returns only when the partner has it. */
        void deliver(String id) throws Exception;

        /** The document of a row, as the dead letter carries it (and a replay brings it back). */
        byte[] document(String id) throws Exception;

        /** The row a dead letter's document stands for. */
        String idOf(byte[] document) throws Exception;

        /** The alert of a row given up. */
        Alert alert(String id);

        default void delivered(String id) {
        }

        default void dead(String id, String reason) {
        }
    }

    private final String partnerName;
    private final String queue;
    private final Table table;
    private final Partner partner;
    private final DeliverySchedule schedule;
    private final Duration lease;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final TimeLimitWatch alerts;
    private final Counter deadCount;
    private final AtomicBoolean reconciled = new AtomicBoolean();
    private final ExecutorService threads;
    private final String nodeId;

    /**
     * @param queue where a dead letter's copy goes (DLQ.&lt;queue&gt;) and where a replay puts it back
     * @param lease how long an attempt in flight keeps its row from being tried again (longer than a call)
     * @param threads how many rows are attempted at the same time (never two of one order key)
     */
    public Outbox(String partnerName, String queue, Table table, Partner partner, DeliverySchedule schedule,
                  Duration lease, int threads, JdbcTemplate jdbc, Clock clock, DeadLetters deadLetters,
                  TimeLimitWatch alerts, MeterRegistry meters) {
        this(partnerName, queue, table, partner, schedule, lease, threads, jdbc, clock, deadLetters, alerts, meters, "hub");
    }

    /** @param nodeId this node of a cluster (degreehub.node-id): the rows it claims carry it */
    public Outbox(String partnerName, String queue, Table table, Partner partner, DeliverySchedule schedule,
                  Duration lease, int threads, JdbcTemplate jdbc, Clock clock, DeadLetters deadLetters,
                  TimeLimitWatch alerts, MeterRegistry meters, String nodeId) {
        this.nodeId = nodeId;
        this.partnerName = partnerName;
        this.queue = queue;
        this.table = table;
        this.partner = partner;
        this.schedule = schedule;
        this.lease = lease;
        this.jdbc = jdbc;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.alerts = alerts;
        this.threads = Executors.newFixedThreadPool(threads, new CustomizableThreadFactory(partnerName + "-delivery-"));
        this.deadCount = Counter.builder("degreehub.deliveries.dead").tag("partner", partnerName)
                .description("deliveries given up after their retry schedule (dead letters)").register(meters);
        Gauge.builder("degreehub.deliveries.waiting", this, Outbox::waiting).tag("partner", partnerName)
                .description("deliveries not yet acknowledged by the partner, dead letters not counted").register(meters);
    }

    /** An attempt's lease: well beyond a call's time-out, so only a crashed or hung attempt outlives it. */
    public static Duration lease(long callTimeoutMs) {
        return Duration.ofMillis(Math.max(60_000, 6 * callTimeoutMs));
    }

    /**
     * One round of the relay: the rows due now are attempted in parallel (at most one per order key, so in
     * order), then the rows stuck behind a dead letter follow it. Returns how many were attempted.
     */
    public int relay(int max) throws InterruptedException {
        List<String> due = due(max);
        for (Future<Object> attempt : threads.invokeAll(due.stream().map(id -> Executors.callable(() -> attempt(id))).toList())) {
            try {
                attempt.get();
            } catch (ExecutionException e) {
                // the row keeps its lease and is tried again once it has run out
                log.error("A delivery attempt to the {} could not record its outcome", partnerName, e.getCause());
            }
        }
        deadLetterFollowers();
        return due.size();
    }

    /** Called when the hub stops. */
    public void close() {
        threads.shutdown();
    }

    public DeliverySchedule schedule() {
        return schedule;
    }

    /**
     * The rows due now, oldest first; with an order key only the oldest undelivered row of each key. The first
     * call after a start first makes every row left in flight by the previous run due at once.
     */
    public List<String> due(int max) {
        if (reconciled.compareAndSet(false, true)) {
            reconcile();
        }
        String t = table.name();
        String sql = "SELECT o." + table.id() + " FROM " + t + " o WHERE o." + table.state() + " IN " + WAITING
                + " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)";
        if (table.orderKey() != null) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + t + " e WHERE e." + table.orderKey() + " = o." + table.orderKey()
                    + " AND e." + table.order() + " < o." + table.order() + " AND e." + table.state() + " <> 'DELIVERED')";
        }
        return jdbc.queryForList(sql + " ORDER BY o." + table.order() + " FETCH FIRST " + max + " ROWS ONLY", String.class,
                UtcTime.column(now()));
    }

    /**
     * Rows this node's earlier run left in flight (QUEUED, claimed by this node or before nodes were named) are due
     * again: the previous run is gone, so is its lease. Another node's rows keep their lease (it may be alive).
     */
    public int reconcile() {
        int n = jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = 'RETRYING', next_attempt_at = NULL"
                + " WHERE " + table.state() + " = 'QUEUED' AND (claimed_by = ? OR claimed_by IS NULL)", nodeId);
        if (n > 0) {
            log.info("{} deliveries left in flight by the previous run are due again", n);
        }
        return n;
    }

    /** One attempt of a due row; its outcome is recorded, never thrown (a partner's outage is no route failure). */
    public void attempt(String id) {
        Instant now = now();
        // claim: a row someone else took meanwhile, or that is no longer due, is left alone
        if (jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = 'QUEUED', next_attempt_at = ?, claimed_by = ?,"
                + " first_attempt_at = COALESCE(first_attempt_at, ?) WHERE " + table.id() + " = ? AND " + table.state()
                + " IN " + WAITING + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
                UtcTime.column(now.plus(lease)), nodeId, UtcTime.column(now), id, UtcTime.column(now)) == 0) {
            return;
        }
        try {
            partner.deliver(id);
        } catch (Exception | LinkageError e) {
            failed(id, Masking.idNumbersIn(String.valueOf(e.getMessage())));
            return;
        }
        jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = 'DELIVERED', attempts = attempts + 1,"
                + " delivered_at = ?, last_error = NULL, next_attempt_at = NULL WHERE " + table.id() + " = ?",
                UtcTime.column(now()), id);
        partner.delivered(id);
    }

    private void failed(String id, String error) {
        Instant now = now();
        Timestamp first = jdbc.queryForObject("SELECT first_attempt_at FROM " + table.name() + " WHERE " + table.id() + " = ?",
                Timestamp.class, id);
        Duration spent = Duration.between(UtcTime.instant(first.toLocalDateTime()), now);
        if (schedule.givesUp(spent)) {
            String window = schedule.giveUpAfter().toString().substring(2).toLowerCase(); // PT25H → 25h
            deadLetter(id, 1, "重试 " + window + " 后仍失败 / still failing after retrying for " + window + ": " + error);
            return;
        }
        Duration wait = schedule.next(spent);
        jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = 'RETRYING', attempts = attempts + 1,"
                + " last_error = ?, next_attempt_at = ? WHERE " + table.id() + " = ?", cut(error, 400),
                UtcTime.column(now.plus(wait)), id);
        log.info("Delivery of {} to the {} failed, next attempt in {}: {}", id, partnerName, wait, error);
    }

    /**
     * Rows waiting behind a dead letter of the same key can never be delivered in order: they follow it into
     * the dead-letter queue, so a replay of the queue brings them back together.
     */
    public int deadLetterFollowers() {
        if (table.orderKey() == null) {
            return 0;
        }
        String t = table.name();
        List<String> ids = jdbc.queryForList("SELECT o." + table.id() + " FROM " + t + " o WHERE o." + table.state()
                + " IN ('PENDING', 'RETRYING') AND EXISTS (SELECT 1 FROM " + t + " e WHERE e." + table.orderKey() + " = o."
                + table.orderKey() + " AND e." + table.order() + " < o." + table.order() + " AND e." + table.state()
                + " = 'DEAD') ORDER BY o." + table.order(), String.class);
        ids.forEach(id -> deadLetter(id, 0, "同一申请的前一条通知已转入死信队列 / an earlier one of the same application"
                + " is in the dead-letter queue"));
        return ids.size();
    }

    /**
     * The copy in the dead-letter queue first, then the alert, then the row DEAD: a crash in between gives the same
     * copy again (same duplicate-detection id, dropped by the broker), never a DEAD row without its letter.
     */
    private void deadLetter(String id, int thisAttempt, String reason) {
        int attempts = jdbc.queryForObject("SELECT attempts FROM " + table.name() + " WHERE " + table.id() + " = ?",
                Integer.class, id) + thisAttempt;
        try {
            deadLetters.send(queue, partner.document(id), FaultCode.INTERNAL, reason, id, attempts,
                    "dead:" + table.name() + ":" + id + ":" + attempts);
        } catch (Exception e) {
            // the row stays due: given up again at its next attempt
            log.error("Dead letter of {} to the {} could not be written", id, partnerName, e);
            return;
        }
        // the operator's alert before the row turns DEAD: whoever sees the row DEAD finds its alert (a crash in
        // between gives the row up again at its next attempt; the alert is written once a day per row)
        Alert alert = partner.alert(id);
        alerts.record("DEAD_LETTER", alert.subject(), alert.ref(), alert.unitCode(), alerts.today());
        jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = 'DEAD', attempts = ?, last_error = ?,"
                + " next_attempt_at = NULL WHERE " + table.id() + " = ?", attempts, cut(reason, 400), id);
        partner.dead(id, reason);
        deadCount.increment();
        log.warn("Delivery of {} to the {} given up after {} attempts, in DLQ.{} for an operator's replay: {}", id,
                partnerName, attempts, queue, reason);
    }

    /**
     * A dead letter replayed by an operator: its row is due again with a fresh schedule. It turns DELIVERED only
     * when the partner has it; a row delivered meanwhile is left alone (the replay is then dropped).
     */
    public void rearm(Path spooled) throws Exception {
        String id = partner.idOf(Files.readAllBytes(spooled));
        int n = jdbc.update("UPDATE " + table.name() + " SET " + table.state() + " = CASE WHEN " + table.state()
                + " = 'DEAD' THEN 'RETRYING' ELSE " + table.state() + " END, next_attempt_at = NULL, first_attempt_at = NULL,"
                // a new count, so that giving it up again writes a letter with a new duplicate-detection id
                + " attempts = attempts + 1"
                + " WHERE " + table.id() + " = ? AND " + table.state() + " IN ('DEAD', 'RETRYING', 'PENDING')", id);
        log.info("Replayed delivery {} to the {}: {}", id, partnerName, n > 0 ? "due again" : "nothing to do");
    }

    int waiting() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table.name() + " WHERE " + table.state() + " IN " + WAITING,
                Integer.class);
    }

    private Instant now() {
        return clock.instant();
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
