package cn.degreehub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.UtcTime;
import cn.degreehub.support.ClusterDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every node relays the outbox: a row is claimed by one node only, and a starting node takes back only its own. */
class OutboxClusterTest {

    private static final Outbox.Table TABLE = new Outbox.Table("portal_notification", "event_id", "state",
            "application_no", "seq");

    private final DataSource db = ClusterDatabase.migrated("outbox-cluster-" + System.nanoTime());
    private final JdbcTemplate jdbc = new JdbcTemplate(db);
    private final DeliverySchedule schedule = new DeliverySchedule(Duration.ofSeconds(1), 2, Duration.ofHours(1),
            Duration.ofHours(25));

    private Outbox node(String nodeId, Outbox.Partner partner) {
        return new Outbox("portal", "degreehub.portal.notify", TABLE, partner, schedule, Duration.ofMinutes(1), 1, jdbc,
                Clock.systemUTC(), null, null, new SimpleMeterRegistry(), nodeId);
    }

    private void row(String id, String state, String claimedBy, Instant nextAttempt) {
        jdbc.update("INSERT INTO portal_notification (event_id, application_no, status, changed_at, state, seq, claimed_by,"
                + " next_attempt_at) VALUES (?, ?, 'RECEIVED', ?, ?, 1, ?, ?)", id, "A-" + id, UtcTime.column(Instant.now()),
                state, claimedBy, nextAttempt == null ? null : UtcTime.column(nextAttempt));
    }

    private static Outbox.Partner partner(Runnable onDeliver) {
        return new Outbox.Partner() {
            @Override
            public void deliver(String id) {
                onDeliver.run();
            }

            @Override
            public byte[] document(String id) {
                return new byte[0];
            }

            @Override
            public String idOf(byte[] document) {
                return null;
            }

            @Override
            public Outbox.Alert alert(String id) {
                return null;
            }
        };
    }

    @Test
    void aRowDueOnTwoNodesIsDeliveredOnce() {
        row("e1", "PENDING", null, null);
        AtomicInteger deliveries = new AtomicInteger();
        Outbox b = node("node-b", partner(deliveries::incrementAndGet));
        // node b tries the same due row while node a's attempt is in flight
        Outbox a = node("node-a", partner(() -> {
            deliveries.incrementAndGet();
            b.attempt("e1");
        }));
        assertThat(a.due(10)).containsExactly("e1");
        assertThat(b.due(10)).containsExactly("e1");
        a.attempt("e1");
        assertThat(deliveries).hasValue(1);
        assertThat(jdbc.queryForObject("SELECT state FROM portal_notification WHERE event_id = 'e1'", String.class))
                .isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM portal_notification WHERE event_id = 'e1'", String.class))
                .isEqualTo("node-a");
    }

    @Test
    void aStartingNodeTakesBackOnlyTheRowsItLeftInFlight() {
        Instant leaseEnd = Instant.now().plus(Duration.ofMinutes(1));
        row("mine", "QUEUED", "node-a", leaseEnd);
        row("theirs", "QUEUED", "node-b", leaseEnd);
        assertThat(node("node-a", partner(() -> { })).reconcile()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT state FROM portal_notification WHERE event_id = 'mine'", String.class))
                .isEqualTo("RETRYING");
        // node b is alive and its attempt in flight: its lease stands
        assertThat(jdbc.queryForObject("SELECT state FROM portal_notification WHERE event_id = 'theirs'", String.class))
                .isEqualTo("QUEUED");
    }
}
