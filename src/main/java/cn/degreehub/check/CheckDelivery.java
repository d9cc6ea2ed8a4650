package cn.degreehub.check;

import cn.degreehub.check.CheckTasks.Task;
import cn.degreehub.common.soap.SoapClients;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.DegreeHubFault;
import cn.degreehub.contract.check.ReceiveCheckRequestResponse;
import cn.degreehub.contract.check.UnitCheckReceiverPortType;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Channel;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.Message;
import org.springframework.jms.core.JmsTemplate;

/**
 * Hands check requests to the units (routes/checks.xml): each attempt puts the task's request on the unit's
 * queue degreehub.check.&lt;unit&gt; or sends it to the unit's UnitCheckReceiver endpoint. The schedule and dead
 * letters are the outbox's (delivery/Outbox); a task given up stays open and listed, with delivery DEAD.
 * A unit registered for contract v2 (channel.contract) receives the v2 document: on its queue
 * {urn:degreehub:check:v2}checkRequest, over SOAP UnitCheckReceiver in urn:degreehub:unit-receiver:v1.
 */
public class CheckDelivery implements Outbox.Partner {

    /** Tasks are independent of each other: no order among them. */
    public static final Outbox.Table TABLE = new Outbox.Table("check_task", "task_id", "delivery", null,
            "created_at, o.task_id");

    private final CheckTasks tasks;
    private final CheckDocuments documents;
    private final PartnerRegistry registry;
    private final JmsTemplate jms;
    /** A client of a unit's UnitCheckReceiver in the unit's contract version ({@link #receiver}). */
    private final Function<Channel, Object> clientFactory;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private final Counter deliveredCount;

    public CheckDelivery(CheckTasks tasks, CheckDocuments documents, PartnerRegistry registry, JmsTemplate jms,
                         Function<Channel, Object> clientFactory, MeterRegistry meters) {
        this.tasks = tasks;
        this.documents = documents;
        this.registry = registry;
        this.jms = jms;
        this.clientFactory = clientFactory;
        this.deliveredCount = Counter.builder("degreehub.checks.delivered").description("check requests handed to units")
                .register(meters);
    }

    @Override
    public void deliver(String taskId) throws Exception {
        Task task = tasks.find(taskId).orElseThrow();
        Unit unit = registry.unit(task.unitCode()).orElseThrow();
        if ("QUEUE".equals(task.channel())) {
            String document = unit.channel().v2() ? documents.v2Document(task.document()) : task.document();
            // sent again after a crash before the row said DELIVERED: the broker drops it (same duplicate id)
            jms.send("degreehub.check." + task.unitCode(), session -> {
                TextMessage m = session.createTextMessage(document);
                m.setStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), "check-request:" + taskId);
                return m;
            });
            return;
        }
        Channel channel = unit.channel();
        send(clients.computeIfAbsent(channel.contract() + " " + channel.endpoint(), key -> clientFactory.apply(channel)),
                task.document(), documents);
    }

    /**
     * The hub's client of a unit's UnitCheckReceiver in the unit's contract version, v1 or v2 (also the conformance
     * checker's, cn.degreehub.conformance).
     */
    public static Object receiver(String contract, String endpoint, String username, String password,
                                  SoapClients.CallSecurity security, long timeoutMs) {
        return switch (contract) {
            case "v1" -> SoapClients.withUsernameToken(UnitCheckReceiverPortType.class, endpoint, username, password, security, timeoutMs);
            case "v2" -> SoapClients.withUsernameToken(cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType.class,
                    endpoint, username, password, security, timeoutMs);
            default -> throw new IllegalArgumentException("A unit's contract is v1 or v2, not " + contract);
        };
    }

    /**
     * One check request (the stored v1 document) sent through a client of {@link #receiver}, in that client's contract
     * version; anything but received = true is a failure (docs/partner-interfaces.md).
     */
    public static void send(Object unit, String document, CheckDocuments documents) throws Exception {
        boolean received;
        if (unit instanceof cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType v2) {
            cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequestResponse answer = v2.receiveCheckRequest(documents.v2Receive(document));
            received = answer != null && answer.isReceived();
        } else {
            ReceiveCheckRequestResponse answer = ((UnitCheckReceiverPortType) unit).receiveCheckRequest(documents.read(document));
            received = answer != null && answer.isReceived();
        }
        if (!received) {
            throw new IllegalStateException("The unit did not acknowledge the check request");
        }
    }

    @Override
    public byte[] document(String taskId) {
        return tasks.find(taskId).orElseThrow().document().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String idOf(byte[] document) {
        CheckRequest request = documents.read(new String(document, StandardCharsets.UTF_8));
        return request.getTaskId();
    }

    @Override
    public Outbox.Alert alert(String taskId) {
        return new Outbox.Alert(CheckTasks.CHECK_TASK, taskId, tasks.find(taskId).orElseThrow().unitCode());
    }

    @Override
    public void delivered(String taskId) {
        tasks.event(taskId, "DELIVERED", "degree-hub", null);
        deliveredCount.increment();
    }

    @Override
    public void dead(String taskId, String reason) {
        tasks.event(taskId, "DEAD", "degree-hub", reason);
    }
}
