package cn.degreehub.delivery;

import cn.degreehub.common.jms.DeadLetters;
import cn.degreehub.deadline.TimeLimitWatch;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    /** Makes the outbox of each kind of partner (notification/, check/) with what they all share. */
    @Bean
    Outboxes outboxes(JdbcTemplate jdbc, Clock clock, DeadLetters deadLetters, TimeLimitWatch alerts, MeterRegistry meters,
                      Environment environment, @Value("${degreehub.node-id}") String nodeId) {
        return (partnerName, queue, table, partner, callTimeoutMs, threads) -> new Outbox(partnerName, queue, table,
                partner, DeliverySchedule.of(environment, partnerName), Outbox.lease(callTimeoutMs), threads, jdbc, clock,
                deadLetters, alerts, meters, nodeId);
    }

    /** The outbox of one kind of partner, on its schedule degreehub.deliveries.&lt;partnerName&gt;. */
    @FunctionalInterface
    public interface Outboxes {
        Outbox create(String partnerName, String queue, Outbox.Table table, Outbox.Partner partner, long callTimeoutMs,
                      int threads);
    }
}
