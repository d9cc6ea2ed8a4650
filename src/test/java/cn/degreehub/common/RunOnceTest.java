package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.support.ClusterDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two hub nodes on one database, each with its own lock provider, as two processes have. */
class RunOnceTest {

    private final DataSource db = ClusterDatabase.migrated("run-once");

    private RunOnce node(String id, Duration atLeast) {
        return new RunOnce(RunOnce.lockProvider(db, id), Map.of("publication", new RunOnce.Job(Duration.ofMinutes(10), atLeast),
                "time-limits", new RunOnce.Job(Duration.ofMinutes(10), Duration.ZERO)), id);
    }

    @Test
    void aJobWhoseTimersFireOnTwoNodesRunsOnce() throws Exception {
        RunOnce a = node("node-a", Duration.ofMinutes(5));
        RunOnce b = node("node-b", Duration.ofMinutes(5));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        ExecutorService timers = Executors.newFixedThreadPool(2);
        try {
            Runnable publication = () -> {
                runs.incrementAndGet();
                sleep(300);
            };
            Future<Boolean> onA = timers.submit(() -> {
                bothStarted.countDown();
                bothStarted.await();
                return a.run("publication", publication);
            });
            Future<Boolean> onB = timers.submit(() -> {
                bothStarted.countDown();
                bothStarted.await();
                return b.run("publication", publication);
            });
            assertThat(onA.get(10, TimeUnit.SECONDS) ^ onB.get(10, TimeUnit.SECONDS)).as("exactly one node ran it").isTrue();
        } finally {
            timers.shutdownNow();
        }
        assertThat(runs).hasValue(1);
        // the other node's timer a little later (clocks and timers differ): the round is still taken
        assertThat(b.run("publication", runs::incrementAndGet)).isFalse();
        assertThat(a.run("publication", runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);
        // the holder is named, with the database's time
        assertThat(new JdbcTemplate(db).queryForObject("SELECT locked_by FROM shedlock WHERE name = 'publication'",
                String.class)).isIn("node-a", "node-b");
    }

    @Test
    void aJobWhileItRunsIsSkippedElsewhereAndRunsAgainOnceDone() throws Exception {
        RunOnce a = node("node-a", Duration.ZERO);
        RunOnce b = node("node-b", Duration.ZERO);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService nodeB = Executors.newSingleThreadExecutor();
        try {
            assertThat(a.run("time-limits", () -> {
                runs.incrementAndGet();
                // node b's timer fires while node a scans (another thread: ShedLock lets its holder's thread nest)
                try {
                    assertThat(nodeB.submit(() -> b.run("time-limits", runs::incrementAndGet)).get(10, TimeUnit.SECONDS))
                            .isFalse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).isTrue();
        } finally {
            nodeB.shutdownNow();
        }
        assertThat(runs).hasValue(1);
        // released at its end (no lock-at-least-for): the next round may run anywhere
        assertThat(b.run("time-limits", runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailedRunReleasesItsLock() {
        RunOnce a = node("node-a", Duration.ZERO);
        RunOnce b = node("node-b", Duration.ZERO);
        try {
            a.run("time-limits", () -> {
                throw new IllegalStateException("scan failed");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("scan failed");
        }
        assertThat(b.run("time-limits", () -> { })).isTrue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
