package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.soap.FaultMapper;
import cn.degreehub.common.soap.PayloadTooLargeException;
import cn.degreehub.contract.types.FaultCode;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The soapErrors route configuration of routes/errors.xml, loaded as the hub loads it, on a route that fails the
 * way a SOAP route can: a partner's refusal is answered (the exception handed back to CXF as the body) and is
 * no failure of the route; anything else fails the exchange, once, and is counted. The queueErrors configuration:
 * QueueErrorsTest.
 */
class ErrorRoutesTest {

    private CamelContext camel;
    private ProducerTemplate producer;
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/errors.xml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:soap").routeId("soap-route").routeConfigurationId("soapErrors")
                        .process(e -> {
                            attempts.incrementAndGet();
                            throw e.getIn().getBody(Exception.class);
                        })
                        .setBody(constant("answered"));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPartnersRefusalIsAnsweredWithItselfAndIsNoRouteFailure() throws Exception {
        DegreeHubException notFound = DegreeHubException.notFound("申请", "Application");

        Exchange answered = send(notFound);

        assertThat(answered.isFailed()).isFalse();
        assertThat(answered.getMessage().getBody()).as("handed back to CXF, which shapes the fault").isSameAs(notFound);
        assertThat(FaultMapper.map(answered.getMessage().getBody(Throwable.class)).getCode()).isEqualTo(FaultCode.NOT_FOUND);
        assertThat(attempts).hasValue(1);
        assertThat(route().getExchangesFailed()).isZero();
        assertThat(route().getExchangesCompleted()).isEqualTo(1);
    }

    @Test
    void thePayloadLimitWrappedByCamelIsAPartnersErrorToo() throws Exception {
        RuntimeCamelException wrapped = new RuntimeCamelException(new PayloadTooLargeException(1024));

        Exchange answered = send(wrapped);

        assertThat(answered.isFailed()).isFalse();
        assertThat(answered.getMessage().getBody()).isSameAs(wrapped);
        assertThat(FaultMapper.map(wrapped).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        assertThat(route().getExchangesFailed()).isZero();
    }

    @Test
    void aFailureOfTheHubFailsTheExchangeOnceAndIsCounted() throws Exception {
        SQLException ora = new SQLException("ORA-12899: value too large for column \"XM\" (actual: 120, maximum: 60)");

        Exchange failed = send(ora);

        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.getException()).isSameAs(ora);
        assertThat(attempts).as("no redelivery of a SOAP request").hasValue(1);
        assertThat(FaultMapper.map(failed.getException()).getCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(route().getExchangesFailed()).isEqualTo(1);
    }

    @Test
    void anInternalDomainErrorIsNoPartnersError() throws Exception {
        Exchange failed = send(new DegreeHubException(FaultCode.INTERNAL, "内部错误", "Internal error"));

        assertThat(failed.isFailed()).isTrue();
        assertThat(route().getExchangesFailed()).isEqualTo(1);
    }

    private Exchange send(Exception failure) {
        return producer.send("direct:soap", e -> e.getIn().setBody(failure));
    }

    private ManagedRouteMBean route() {
        return camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute("soap-route");
    }
}
