package cn.degreehub.common;

import cn.degreehub.contract.types.FaultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must run once in a cluster of hubs, whichever node's timer fires: it runs on the node that gets the
 * job's lock (ShedLock, table shedlock, the database's clock), the others skip that round. A job's lock is held
 * while it runs, at most {@code lockAtMostFor} (a node that died holding it frees it then), and at least
 * {@code lockAtLeastFor} (longer than the nodes' clocks and timers differ, so a round that ended quickly on one
 * node is not run again by a later timer on another). Per job in {@code degreehub.cluster.jobs}.
 */
public class RunOnce {

    private static final Logger log = LoggerFactory.getLogger(RunOnce.class);

    /** How long a job's lock lasts. */
    public record Job(Duration lockAtMostFor, Duration lockAtLeastFor) {
    }

    private final LockingTaskExecutor executor;
    private final Map<String, Job> jobs;
    private final String nodeId;
    private volatile ProducerTemplate producer;

    public RunOnce(LockProvider locks, Map<String, Job> jobs, String nodeId) {
        this.executor = new DefaultLockingTaskExecutor(locks);
        this.jobs = Map.copyOf(jobs);
        this.nodeId = nodeId;
    }

    /** The locks of the cluster's nodes on one database: table shedlock, the database's clock. */
    public static LockProvider lockProvider(DataSource dataSource, String nodeId) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .withLockedByValue(nodeId)
                .usingDbTime()
                .build());
    }

    public void setProducer(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Runs {@code task} if this node gets the job's lock; returns whether it ran. */
    public boolean run(String job, Runnable task) {
        Job j = jobs.get(job);
        if (j == null) {
            throw new IllegalArgumentException("No lock times for job " + job + " in degreehub.cluster.jobs");
        }
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = executor.executeWithLock(() -> {
                task.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), job, j.lockAtMostFor(), j.lockAtLeastFor()));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!result.wasExecuted()) {
            log.debug("Job {} skipped on {}: another node runs it", job, nodeId);
        }
        return result.wasExecuted();
    }

    /**
     * For a timer route: the exchange goes on to {@code endpoint} (a direct: route doing the work) if this node
     * gets the job's lock; a failure there fails the calling route as before.
     */
    public boolean send(String job, String endpoint, Exchange exchange) {
        ProducerTemplate p = producer != null ? producer : (producer = exchange.getContext().createProducerTemplate());
        return run(job, () -> p.send(endpoint, exchange));
    }

    /**
     * For work a person starts (an admin's "publish now"): it goes on to {@code endpoint} if this node gets the job's
     * lock, else it is refused with INVALID_STATE, since the same work is running on some node right now.
     */
    public void sendOrRefuse(String job, String endpoint, Exchange exchange) {
        if (!send(job, endpoint, exchange)) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该作业正在集群的另一次运行中 (" + job + ")，请稍后再试",
                    "Job " + job + " is running already (on this or another node); try again later");
        }
    }

    public String nodeId() {
        return nodeId;
    }
}
