package cn.degreehub.demo;

import cn.degreehub.contract.v2.check.CheckOutcome;
import cn.degreehub.contract.v2.check.CheckRequest;
import cn.degreehub.contract.v2.check.DegreeCheckPortType;
import cn.degreehub.contract.v2.check.SubmitCheckResult;
import cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequest;
import cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequestResponse;
import cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType;
import jakarta.jws.WebService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo stand-in for a degree-granting unit on contract v2 (config/partners.yml: 复旦大学 10246): its
 * UnitCheckReceiver in urn:degreehub:unit-receiver:v1 keeps each check request and, after the answer delay,
 * confirms it over the v2 DegreeCheckService with the unit's lead account.
 */
@WebService(serviceName = "UnitCheckReceiver", portName = "UnitCheckReceiverPort",
        targetNamespace = "urn:degreehub:unit-receiver:v1",
        endpointInterface = "cn.degreehub.contract.v2.unitreceiver.UnitCheckReceiverPortType",
        wsdlLocation = "classpath:wsdl/v2/UnitCheckReceiver.wsdl")
public class UnitSimulatorV2 implements UnitCheckReceiverPortType {

    private static final Logger log = LoggerFactory.getLogger(UnitSimulatorV2.class);

    private final Supplier<DegreeCheckPortType> checkService;
    private final long answerDelayMs;
    private final List<CheckRequest> received = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unit-simulator-v2");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean answering = true;

    public UnitSimulatorV2(Supplier<DegreeCheckPortType> checkService, long answerDelayMs) {
        this.checkService = checkService;
        this.answerDelayMs = answerDelayMs;
    }

    @Override
    public ReceiveCheckRequestResponse receiveCheckRequest(ReceiveCheckRequest request) {
        CheckRequest check = request.getCheckRequest();
        received.add(check);
        if (answering) {
            timer.schedule(() -> answer(check.getTaskId()), answerDelayMs, TimeUnit.MILLISECONDS);
        }
        ReceiveCheckRequestResponse response = new ReceiveCheckRequestResponse();
        response.setReceived(true);
        return response;
    }

    private void answer(String taskId) {
        SubmitCheckResult result = new SubmitCheckResult();
        result.setRequestId("sim-v2-" + taskId);
        result.setTaskId(taskId);
        result.setOutcome(CheckOutcome.CONFIRMED);
        result.setChecker("模拟核查员");
        result.setRemarks("单位模拟器（v2）自动答复 / answered by the v2 unit simulator");
        try {
            checkService.get().submitCheckResult(result);
        } catch (Exception e) {
            log.warn("Unit simulator v2: answering task {} failed: {}", taskId, e.getMessage());
        }
    }

    /** The check requests received, as the unit's v2 classes read them. */
    public List<CheckRequest> received() {
        return List.copyOf(received);
    }

    public void setAnswering(boolean answering) {
        this.answering = answering;
    }
}
