package cn.degreehub.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The dashboard's business figures on /actuator/prometheus, next to the counters the flows keep themselves
 * (degreehub.applications by outcome, degreehub.filing.records accepted/rejected, degreehub.checks.overdue,
 * degreehub.report.render): applications by current status and the share answered at once over the last
 * seven days. Read from the database at most every 15 seconds, however often Prometheus scrapes.
 */
public class BusinessMetrics {

    private static final Duration FRESH = Duration.ofSeconds(15);

    private final Dashboard dashboard;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant at, Map<String, Integer> byStatus, double instantRatio) {
    }

    public BusinessMetrics(Dashboard dashboard, Clock clock, MeterRegistry meters) {
        this.dashboard = dashboard;
        this.clock = clock;
        for (String status : Dashboard.STATUSES) {
            Gauge.builder("degreehub.applications.by.status", this, m -> m.current().byStatus().getOrDefault(status, 0))
                    .description("verification applications now in this status").tag("status", status).register(meters);
        }
        Gauge.builder("degreehub.applications.instant.ratio", this, m -> m.current().instantRatio())
                .description("share of the last seven days' applications answered at once (no review)").register(meters);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.at().plus(FRESH).isBefore(now)) {
            Instant weekAgo = now.minus(Duration.ofDays(7));
            int received = dashboard.receivedSince(weekAgo);
            s = new Snapshot(now, dashboard.byStatus(Instant.EPOCH),
                    received == 0 ? 0 : (double) dashboard.answeredAtOnceSince(weekAgo) / received);
            snapshot = s;
        }
        return s;
    }
}
