package cn.degreehub.publication;

import cn.degreehub.common.soap.SoapClients;
import cn.degreehub.contract.feedback.ReceiveWithheldFeedbackResponse;
import cn.degreehub.contract.feedback.UnitFeedbackReceiverPortType;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.partner.BrokerSecurity;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Hands withheld-feedback pushes to the units (routes/publication.xml), as check requests are handed (check.CheckDelivery):
 * each attempt puts the push's document on the unit's queue degreehub.feedback.&lt;unit&gt; or sends it to the unit's
 * UnitFeedbackReceiver at channel.feedbackEndpoint. Retries, dead letters (DLQ.degreehub.feedback.dispatch) and the
 * operator's alert are the outbox's (delivery/Outbox); docs/partner-interfaces.md, "Withheld feedback".
 */
public class FeedbackDelivery implements Outbox.Partner {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDelivery.class);

    private final WithheldFeedbackPush pushes;
    private final FeedbackDocuments documents;
    private final PartnerRegistry registry;
    private final JmsTemplate jms;
    /** A client of a unit's UnitFeedbackReceiver at its feedback endpoint, with the unit's call security. */
    private final Function<Channel, UnitFeedbackReceiverPortType> clientFactory;
    private final Map<String, UnitFeedbackReceiverPortType> clients = new ConcurrentHashMap<>();
    private final Counter deliveredCount;

    public FeedbackDelivery(WithheldFeedbackPush pushes, FeedbackDocuments documents, PartnerRegistry registry,
                            JmsTemplate jms, Function<Channel, UnitFeedbackReceiverPortType> clientFactory,
                            MeterRegistry meters) {
        this.pushes = pushes;
        this.documents = documents;
        this.registry = registry;
        this.jms = jms;
        this.clientFactory = clientFactory;
        this.deliveredCount = Counter.builder("degreehub.feedback.delivered")
                .description("withheld-feedback documents handed to units").register(meters);
    }

    /** The hub's client of a unit's UnitFeedbackReceiver. */
    public static UnitFeedbackReceiverPortType receiver(String endpoint, String username, String password,
                                                       SoapClients.CallSecurity security, long timeoutMs) {
        return SoapClients.withUsernameToken(UnitFeedbackReceiverPortType.class, endpoint, username, password, security,
                timeoutMs);
    }

    @Override
    public void deliver(String pushId) throws Exception {
        WithheldFeedbackPush.Push push = pushes.find(pushId).orElseThrow();
        String document = pushes.document(pushId);
        if ("QUEUE".equals(push.channel())) {
            // sent again after a crash before the row said DELIVERED: the broker drops it (same duplicate id)
            jms.send(BrokerSecurity.feedbackQueue(push.unitCode()), session -> {
                TextMessage m = session.createTextMessage(document);
                m.setStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), "withheld-feedback:" + pushId);
                m.setStringProperty("degreehubPushId", pushId);
                m.setStringProperty("degreehubSemester", push.semester());
                return m;
            });
            return;
        }
        Channel channel = registry.unit(push.unitCode()).orElseThrow().channel();
        if (channel.feedbackEndpoint() == null || channel.feedbackEndpoint().isBlank()) {
            // the registry lost the endpoint since the push was made: nothing to call; retried, then a dead letter
            throw new IllegalStateException("Unit " + push.unitCode() + " has no feedbackEndpoint in the registry");
        }
        UnitFeedbackReceiverPortType client = clients.computeIfAbsent(channel.feedbackEndpoint() + " " + channel.security(),
                key -> clientFactory.apply(channel));
        ReceiveWithheldFeedbackResponse answer = client.receiveWithheldFeedback(documents.read(document));
        if (answer == null || !answer.isReceived()) {
            throw new IllegalStateException("The unit did not acknowledge the withheld feedback");
        }
    }

    @Override
    public byte[] document(String pushId) {
        return pushes.document(pushId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String idOf(byte[] document) {
        return documents.read(new String(document, StandardCharsets.UTF_8)).getPushId();
    }

    @Override
    public Outbox.Alert alert(String pushId) {
        // the publication subject: withheld feedback is part of a semester's publication (deadline_alert's subjects)
        return new Outbox.Alert(PublicationSchedule.PUBLICATION, pushId, pushes.find(pushId).orElseThrow().unitCode());
    }

    @Override
    public void delivered(String pushId) {
        deliveredCount.increment();
        LOG.info("Withheld feedback {} delivered to its unit", pushId);
    }
}
