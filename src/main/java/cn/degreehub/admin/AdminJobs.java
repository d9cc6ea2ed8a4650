package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.common.Progress;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Long admin operations run in the background, one per kind and target at a time, with their progress and
 * counts kept in admin_job so the console can show them (and still shows how they ended after a restart:
 * a job that was running when the hub stopped is marked INTERRUPTED at the next start of the same node: in a
 * cluster, another node's running jobs are left alone).
 */
public class AdminJobs implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(AdminJobs.class);
    /** Progress is written at most this often; the end is always written. */
    private static final Duration WRITE_EVERY = Duration.ofMillis(250);

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutorService executor;
    /** Progress is written in its own transaction: the work's transaction (a publication run) is still open. */
    private final TransactionTemplate ownTransaction;

    private final String nodeId;

    public AdminJobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditLog audit, Clock clock, int threads) {
        this(jdbc, transactions, audit, clock, threads, "hub");
    }

    /** @param nodeId this node of a cluster (degreehub.node-id): its jobs carry it */
    public AdminJobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditLog audit, Clock clock, int threads,
                     String nodeId) {
        this.nodeId = nodeId;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.audit = audit;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "admin-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int interrupted = jdbc.update("UPDATE admin_job SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING'"
                + " AND (node_id = ? OR node_id IS NULL)", now(), nodeId);
        if (interrupted > 0) {
            LOG.warn("{} admin job(s) were running when the hub stopped; marked INTERRUPTED", interrupted);
        }
    }

    /** How a job ended: a summary for people and, where there is one, the page of what it produced. */
    public record Outcome(String summary, String link) {
    }

    @FunctionalInterface
    public interface Work {
        Outcome run(Progress progress) throws Exception;
    }

    public record Job(long id, String kind, String target, String actor, String status, Integer total, int done,
                      int failed, String step, String result, String resultLink, Instant startedAt, Instant finishedAt) {

        public boolean running() {
            return "RUNNING".equals(status);
        }

        /** Share finished, 0–100; null while the total is not known yet. */
        public Integer percent() {
            if (total == null) {
                return null;
            }
            return total == 0 ? 100 : Math.min(100, Math.round(100f * (done + failed) / total));
        }
    }

    /** Starts a job unless the same kind of job on the same target is still running. */
    public synchronized long start(String kind, String target, String actor, Work work) {
        Integer running = jdbc.queryForObject("SELECT COUNT(*) FROM admin_job WHERE kind = ? AND status = 'RUNNING'"
                + " AND COALESCE(target, '-') = COALESCE(?, '-')", Integer.class, kind, target);
        if (running > 0) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "同类操作正在进行，请等待其结束",
                    "The same operation is still running; wait for it to end");
        }
        long id = SqlDialect.of(jdbc).next(jdbc, "seq_admin_job");
        jdbc.update("INSERT INTO admin_job (id, kind, target, actor, status, started_at, updated_at, node_id)"
                + " VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)", id, kind, target, actor, now(), now(), nodeId);
        audit.record(actor, "JOB_START", kind + (target == null ? "" : " " + target), "job " + id);
        executor.execute(() -> execute(id, kind, actor, work));
        return id;
    }

    private void execute(long id, String kind, String actor, Work work) {
        JobProgress progress = new JobProgress(id);
        try {
            Outcome outcome = work.run(progress);
            progress.write(true);
            jdbc.update("UPDATE admin_job SET status = 'DONE', step = NULL, result = ?, result_link = ?, finished_at = ?,"
                    + " updated_at = ? WHERE id = ?", cut(outcome.summary()), outcome.link(), now(), now(), id);
            audit.record(actor, "JOB_DONE", kind, "job " + id + ": " + cut(outcome.summary()));
        } catch (Exception | Error e) {
            String message = e instanceof DegreeHubException d ? d.messageZh() + " / " + d.messageEn()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("Admin job {} ({}) failed: {}", id, kind, Masking.idNumbersIn(message), e);
            progress.write(true);
            jdbc.update("UPDATE admin_job SET status = 'FAILED', result = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                    cut(Masking.idNumbersIn(message)), now(), now(), id);
            audit.record(actor, "JOB_FAILED", kind, "job " + id + ": " + cut(Masking.idNumbersIn(message)));
        }
    }

    public Job job(long id) {
        return jdbc.query("SELECT * FROM admin_job WHERE id = ?", AdminJobs::job, id).stream().findFirst()
                .orElseThrow(() -> DegreeHubException.notFound("后台操作", "Job"));
    }

    /** The latest jobs, newest first; of one actor only when actor is given. */
    public List<Job> recent(String actor, int limit) {
        return actor == null
                ? jdbc.query("SELECT * FROM admin_job ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", AdminJobs::job)
                : jdbc.query("SELECT * FROM admin_job WHERE actor = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                AdminJobs::job, actor);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private final class JobProgress implements Progress {

        private final long id;
        private volatile Integer total;
        private volatile String step;
        private volatile int done;
        private volatile int failed;
        private Instant written = Instant.EPOCH;

        JobProgress(long id) {
            this.id = id;
        }

        @Override
        public void total(int total) {
            this.total = total;
            write(true);
        }

        @Override
        public void step(String step) {
            this.step = step;
            write(true);
        }

        @Override
        public void counts(int done, int failed) {
            this.done = done;
            this.failed = failed;
            write(false);
        }

        synchronized void write(boolean always) {
            Instant now = clock.instant();
            if (!always && now.isBefore(written.plus(WRITE_EVERY))) {
                return;
            }
            written = now;
            ownTransaction.executeWithoutResult(s -> jdbc.update("UPDATE admin_job SET total = ?, done = ?, failed = ?,"
                    + " step = ?, updated_at = ? WHERE id = ?", total, done, failed, cut(step), UtcTime.column(now), id));
        }
    }

    private Object now() {
        return UtcTime.column(clock.instant());
    }

    private static String cut(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static Job job(ResultSet rs, int i) throws SQLException {
        Integer total = rs.getObject("total") == null ? null : rs.getInt("total");
        return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("target"), rs.getString("actor"),
                rs.getString("status"), total, rs.getInt("done"), rs.getInt("failed"),
                rs.getString("step"), rs.getString("result"), rs.getString("result_link"),
                UtcTime.instant(rs.getTimestamp("started_at").toLocalDateTime()),
                rs.getTimestamp("finished_at") == null ? null : UtcTime.instant(rs.getTimestamp("finished_at").toLocalDateTime()));
    }
}
