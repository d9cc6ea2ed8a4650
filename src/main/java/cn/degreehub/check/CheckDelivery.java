package cn.degreehub.check;

import cn.degreehub.common.Masking;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.DegreeHubFault;
import cn.degreehub.contract.check.ReceiveCheckRequestResponse;
import cn.degreehub.contract.check.UnitCheckReceiverPortType;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands check requests to the units (routes/checks.xml): outbox rows become messages on
 * degreehub.check.dispatch; each is put on the unit's queue or sent to its UnitCheckReceiver endpoint.
 * While an endpoint fails, the broker redelivers with back-off; after the last attempt the message is
 * dead-lettered and the task, still open and listed, shows delivery DEAD.
 */
public class CheckDelivery {

    private static final Logger log = LoggerFactory.getLogger(CheckDelivery.class);

    private final CheckTasks tasks;
    private final CheckService checks;
    private final PartnerRegistry registry;
    private final Function<String, UnitCheckReceiverPortType> clientFactory;
    private final Map<String, UnitCheckReceiverPortType> clients = new ConcurrentHashMap<>();
    private final int maxDeliveries;
    private final Counter deliveredCount;

    public CheckDelivery(CheckTasks tasks, CheckService checks, PartnerRegistry registry,
                         Function<String, UnitCheckReceiverPortType> clientFactory, int maxDeliveries, MeterRegistry meters) {
        this.tasks = tasks;
        this.checks = checks;
        this.registry = registry;
        this.clientFactory = clientFactory;
        this.maxDeliveries = maxDeliveries;
        this.deliveredCount = Counter.builder("degreehub.checks.delivered").description("check requests handed to units")
                .register(meters);
    }

    /** One check request to dispatch: the task, the unit and its channel, and the document. */
    public record Outgoing(String taskId, String unitCode, String channel, String document) {
    }

    public List<Outgoing> pending(int max) {
        return tasks.pendingDelivery(max).stream()
                .map(t -> new Outgoing(t.taskId(), t.unitCode(), t.channel(), t.document())).toList();
    }

    /** After the poll's JMS transaction committed: a crash before this only sends a task twice (same taskId). */
    public void markQueued(List<Outgoing> sent) {
        sent.forEach(o -> tasks.markQueued(o.taskId()));
    }

    public String read(Path spooled) throws IOException {
        return Files.readString(spooled, StandardCharsets.UTF_8);
    }

    public void delivered(String taskId) {
        tasks.delivered(taskId);
        deliveredCount.increment();
    }

    /** One delivery attempt to the unit's UnitCheckReceiver; throws to have the broker redeliver. */
    public void toUnitEndpoint(Path spooled, String taskId, int deliveryCount) throws IOException {
        CheckRequest request = checks.parse(read(spooled));
        Unit unit = registry.unit(request.getUnitCode()).orElseThrow();
        String endpoint = unit.channel().endpoint();
        try {
            ReceiveCheckRequestResponse answer = clients.computeIfAbsent(endpoint, clientFactory).receiveCheckRequest(request);
            if (answer == null || !answer.isReceived()) {
                throw new IllegalStateException("The unit did not acknowledge the check request");
            }
        } catch (DegreeHubFault | RuntimeException e) {
            String error = Masking.idNumbersIn(String.valueOf(e.getMessage()));
            tasks.deliveryFailed(taskId, error, deliveryCount >= maxDeliveries);
            log.warn("Check request {} to unit {} failed, attempt {} of {}: {}", taskId, unit.code(), deliveryCount,
                    maxDeliveries, error);
            throw new IllegalStateException("Check request delivery failed: " + error, e);
        }
        delivered(taskId);
    }
}
