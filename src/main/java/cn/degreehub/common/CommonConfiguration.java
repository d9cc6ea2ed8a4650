package cn.degreehub.common;

import java.time.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import org.apache.camel.CamelContext;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans of the base package only: it depends on no other package of the hub (ArchitectureTest). */
@Configuration(proxyBeanMethods = false)
public class CommonConfiguration {

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager txManager) {
        return new TransactionTemplate(txManager);
    }

    @Bean
    IdempotentRequests idempotentRequests(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new IdempotentRequests(jdbc, tx, clock);
    }

    /**
     * The cluster's locks (table shedlock): lock times are the database's, so the nodes' clocks do not matter;
     * locked_by names the node (degreehub.node-id).
     */
    @Bean
    LockProvider lockProvider(DataSource dataSource, @Value("${degreehub.node-id}") String nodeId) {
        return RunOnce.lockProvider(dataSource, nodeId);
    }

    /**
     * State kept in each node's memory on purpose (failed logins, rate-limiter buckets: BoundedState) is published
     * with the node's name, tag "node": in a cluster each node's figures are its own.
     */
    @Bean
    MeterFilter nodeTagOnNodeState(@Value("${degreehub.node-id}") String nodeId) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("degreehub.security.tracked.") ? id.withTag(Tag.of("node", nodeId)) : id;
            }
        };
    }

    @Bean
    RunOnce runOnce(LockProvider locks, Environment environment, @Value("${degreehub.node-id}") String nodeId,
                    CamelContext camel) {
        Map<String, RunOnce.Job> jobs = Binder.get(environment)
                .bind("degreehub.cluster.jobs", Bindable.mapOf(String.class, RunOnce.Job.class)).orElse(Map.of());
        LoggerFactory.getLogger(RunOnce.class).info("This hub node is {}; jobs run once in the cluster: {}", nodeId,
                jobs.keySet());
        RunOnce runOnce = new RunOnce(locks, jobs, nodeId);
        runOnce.setProducer(camel.createProducerTemplate());
        return runOnce;
    }
}
