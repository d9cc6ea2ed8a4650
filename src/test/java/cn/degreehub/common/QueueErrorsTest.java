package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.jms.DeadLetters;
import cn.degreehub.common.jms.MessageSpool;
import cn.degreehub.support.JmsBodies;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;

/**
 * The queueErrors route configuration of routes/errors.xml, loaded as the hub loads it, with the real DeadLetters
 * on a real (in-VM) Artemis broker: what a failing queue message leaves behind in DLQ.&lt;queue&gt; and on the
 * sender's reply queue, and when it is given up.
 */
class QueueErrorsTest {

    private static final String QUEUE = "degreehub.filing.in";
    private static final String REPLY_QUEUE = "degreehub.filing.receipt.12";
    private static final int MAX_DELIVERIES = 3;

    @TempDir
    Path spool;

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory connections;
    private CamelContext camel;
    private ProducerTemplate producer;
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(spool.resolve("journal").toString());
        config.setLargeMessagesDirectory(spool.resolve("large").toString());
        config.setBindingsDirectory(spool.resolve("bindings").toString());
        config.setPagingDirectory(spool.resolve("paging").toString());
        config.addAcceptorConfiguration("in-vm", "vm://71");
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        connections = new ActiveMQConnectionFactory("vm://71");

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("deadLetters", new DeadLetters(new JmsTemplate(connections), MAX_DELIVERIES));
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/errors.xml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:queue").routeId("queue-route").routeConfigurationId("queueErrors")
                        .process(e -> {
                            attempts.incrementAndGet();
                            throw e.getProperty("failure", Exception.class);
                        });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        connections.close();
        broker.stop();
    }

    @Test
    void aRefusalIsGivenUpAtOnceWithItsReasonAndAnsweredOnTheReplyQueue() throws Exception {
        Exchange done = send(DegreeHubException.forbidden("批次不属于本省", "The batch is not of this province"), 1, REPLY_QUEUE);

        assertThat(done.isFailed()).as("handled: the consumer commits").isFalse();
        assertThat(attempts).hasValue(1);
        Letter dead = receiveOne("DLQ." + QUEUE);
        assertThat(dead.body()).isEqualTo("<batch>one</batch>");
        assertThat(dead.properties()).containsEntry("degreehubFailureCode", "FORBIDDEN")
                .containsEntry("degreehubFailureReason", "The batch is not of this province")
                .containsEntry("degreehubOriginalQueue", QUEUE)
                .containsEntry("degreehubOriginalMessageId", "ID:message-1")
                .containsEntry("degreehubDeliveryCount", "1")
                .containsEntry("degreehubOriginalSender", "province-12");
        Letter reply = receiveOne(REPLY_QUEUE);
        assertThat(reply.correlationId()).isEqualTo("batch-1");
        assertThat(reply.body()).contains("<code>FORBIDDEN</code>").contains("<messageZh>批次不属于本省</messageZh>")
                .contains("<messageEn>The batch is not of this province</messageEn>");
        assertThat(reply.properties().keySet()).as("nothing of the sender's message goes back")
                .noneMatch(name -> name.startsWith("degreehub"));
    }

    @Test
    void aFailureOfTheHubIsRetriedByTheBrokerUntilTheLastDelivery() throws Exception {
        SQLException ora = new SQLException("ORA-12899: value too large for column \"XM\" (actual: 120, maximum: 60)");

        Exchange retried = send(ora, 1, REPLY_QUEUE);
        assertThat(retried.isFailed()).as("rolled back: the broker delivers it again").isTrue();
        assertThat(retried.getException()).isSameAs(ora);
        assertThat(browse("DLQ." + QUEUE)).isEmpty();
        assertThat(browse(REPLY_QUEUE)).isEmpty();

        Exchange givenUp = send(ora, MAX_DELIVERIES, REPLY_QUEUE);
        assertThat(givenUp.isFailed()).isFalse();
        Letter dead = receiveOne("DLQ." + QUEUE);
        assertThat(dead.properties()).containsEntry("degreehubFailureCode", "INTERNAL")
                .containsEntry("degreehubDeliveryCount", String.valueOf(MAX_DELIVERIES));
        // the operator reads the cause in the dead letter; the province only a trace id to quote
        String reason = (String) dead.properties().get("degreehubFailureReason");
        assertThat(reason).startsWith("Internal error, please retry later (trace ").contains("ORA-12899");
        Letter reply = receiveOne(REPLY_QUEUE);
        String traceId = reason.substring(reason.indexOf("(trace ") + 7, reason.indexOf(')'));
        assertThat(reply.body()).contains("<code>INTERNAL</code>").contains("<traceId>" + traceId + "</traceId>")
                .doesNotContain("ORA-").doesNotContain("too large");
    }

    @Test
    void withoutAReplyQueueOnlyTheDeadLetterIsWritten() throws Exception {
        send(DegreeHubException.invalid("batchId", "批次号缺失", "The batch id is missing"), 1, null);

        assertThat(receiveOne("DLQ." + QUEUE).properties()).containsEntry("degreehubFailureCode", "INVALID_REQUEST");
        assertThat(browse(REPLY_QUEUE)).isEmpty();
    }

    private Exchange send(Exception failure, int delivery, String replyQueue) throws Exception {
        Path body = Files.writeString(spool.resolve("message-" + attempts.get() + ".xml"), "<batch>one</batch>");
        return producer.send("direct:queue", e -> {
            e.setProperty("failure", failure);
            e.getIn().setBody(body);
            e.getIn().setHeader(MessageSpool.SOURCE_QUEUE, QUEUE);
            e.getIn().setHeader(MessageSpool.MESSAGE_ID, "ID:message-1");
            e.getIn().setHeader(MessageSpool.DELIVERY_COUNT, delivery);
            e.getIn().setHeader(MessageSpool.SENDER, "province-12");
            e.getIn().setHeader("JMSCorrelationID", "batch-1");
            if (replyQueue != null) {
                e.getIn().setHeader("degreehubReplyQueue", replyQueue);
            }
        });
    }

    private record Letter(String body, String correlationId, Map<String, Object> properties) {
    }

    private Letter receiveOne(String queue) throws Exception {
        try (Connection c = connections.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m = consumer.receive(5_000);
            assertThat(m).as("a message on " + queue).isNotNull();
            Map<String, Object> properties = new java.util.HashMap<>();
            for (Object name : Collections.list(m.getPropertyNames())) {
                properties.put((String) name, m.getObjectProperty((String) name));
            }
            String body = m instanceof BytesMessage b ? JmsBodies.text(b) : m.getBody(String.class);
            assertThat(consumer.receive(500)).as("one message only on " + queue).isNull();
            return new Letter(body, m.getJMSCorrelationID(), properties);
        }
    }

    private List<Message> browse(String queue) throws Exception {
        try (Connection c = connections.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new ArrayList<>(Collections.list(s.createBrowser(s.createQueue(queue)).getEnumeration()));
        }
    }
}
