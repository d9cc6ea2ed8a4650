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
    private final Function<Channel, UnitCheckReceiverPortType> clientFactory;
    private final Map<String, UnitCheckReceiverPortType> clients = new ConcurrentHashMap<>();
    private final Function<Channel, cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType> clientFactoryV2;
    private final Map<String, cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType> clientsV2 = new ConcurrentHashMap<>();
    private final Counter deliveredCount;

    public CheckDelivery(CheckTasks tasks, CheckDocuments documents, PartnerRegistry registry, JmsTemplate jms,
                         Function<Channel, UnitCheckReceiverPortType> clientFactory,
                         Function<Channel, cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType> clientFactoryV2,
                         MeterRegistry meters) {
        this.tasks = tasks;
        this.documents = documents;
        this.registry = registry;
        this.jms = jms;
        this.clientFactory = clientFactory;
        this.clientFactoryV2 = clientFactoryV2;
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
        if (unit.channel().v2()) {
            sendV2(clientsV2.computeIfAbsent(unit.channel().endpoint(), endpoint -> clientFactoryV2.apply(unit.channel())),
                    documents.v2Receive(task.document()));
            return;
        }
        send(clients.computeIfAbsent(unit.channel().endpoint(), endpoint -> clientFactory.apply(unit.channel())),
                documents.read(task.document()));
    }

    /** The hub's client of a unit's UnitCheckReceiver (also the conformance checker's, cn.degreehub.conformance). */
    public static UnitCheckReceiverPortType receiver(String endpoint, String username, String password,
                                                     SoapClients.CallSecurity security, long timeoutMs) {
        return SoapClients.withUsernameToken(UnitCheckReceiverPortType.class, endpoint, username, password, security, timeoutMs);
    }

    /** One check request sent; anything but received = true is a failure (docs/partner-interfaces.md). */
    public static void send(UnitCheckReceiverPortType unit, CheckRequest request) throws DegreeHubFault {
        ReceiveCheckRequestResponse answer = unit.receiveCheckRequest(request);
        if (answer == null || !answer.isReceived()) {
            throw new IllegalStateException("The unit did not acknowledge the check request");
        }
    }

    /** The hub's client of a unit's UnitCheckReceiver of contract v2. */
    public static cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType receiverV2(String endpoint, String username,
            String password, SoapClients.CallSecurity security, long timeoutMs) {
        return SoapClients.withUsernameToken(cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType.class, endpoint,
                username, password, security, timeoutMs);
    }

    /** One v2 check request sent; anything but received = true is a failure, as in v1. */
    public static void sendV2(cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType unit,
                              cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequest request)
            throws cn.degreehub.contract.v2.unitreceiver.DegreeHubFault {
        cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequestResponse answer = unit.receiveCheckRequest(request);
        if (answer == null || !answer.isReceived()) {
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
