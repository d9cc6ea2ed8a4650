package cn.degreehub.demo;

import cn.degreehub.contract.check.CheckOutcome;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.ObjectFactory;
import cn.degreehub.contract.check.ReceiveCheckRequestResponse;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.check.UnitCheckReceiverPortType;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Demo profile: two degree-granting units that answer check requests after a delay, one per channel.
 * The queue unit reads degreehub.check.&lt;unit&gt; and answers over SOAP (DegreeCheckService, as its lead
 * department); the SOAP unit receives UnitCheckReceiver calls and answers on queue degreehub.check.result.
 * So both ways in and both ways back are exercised. Tests switch the SOAP unit down, answers off, or the outcome.
 */
@WebService(serviceName = "UnitCheckReceiver", portName = "UnitCheckReceiverPort",
        targetNamespace = "urn:degreehub:check:v1",
        endpointInterface = "cn.degreehub.contract.check.UnitCheckReceiverPortType",
        wsdlLocation = "classpath:wsdl/UnitCheckReceiver.wsdl")
public class UnitSimulator implements UnitCheckReceiverPortType {

    private static final Logger log = LoggerFactory.getLogger(UnitSimulator.class);

    private final Supplier<DegreeCheckPortType> checkService;
    private final JmsTemplate jms;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unit-simulator");
        t.setDaemon(true);
        return t;
    });
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final JAXBContext jaxb;
    private volatile long answerDelayMs;
    private volatile boolean up = true;
    private volatile boolean answering = true;
    private volatile CheckOutcome outcome = CheckOutcome.CONFIRMED;

    public UnitSimulator(Supplier<DegreeCheckPortType> checkService, JmsTemplate jms, long answerDelayMs) {
        this.checkService = checkService;
        this.jms = jms;
        this.answerDelayMs = answerDelayMs;
        try {
            this.jaxb = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SOAP unit: UnitCheckReceiver.receiveCheckRequest. */
    @Override
    public ReceiveCheckRequestResponse receiveCheckRequest(CheckRequest request)
            throws cn.degreehub.contract.check.DegreeHubFault {
        if (!up) {
            FaultDetail detail = new FaultDetail();
            detail.setCode(FaultCode.INTERNAL);
            detail.setMessageZh("单位系统维护中");
            detail.setMessageEn("The unit's system is down for maintenance");
            throw new cn.degreehub.contract.check.DegreeHubFault("unit down (simulated)", detail);
        }
        received.add(request.getTaskId());
        if (answering) {
            timer.schedule(() -> answerOnQueue(request.getTaskId()), answerDelayMs, TimeUnit.MILLISECONDS);
        }
        ReceiveCheckRequestResponse response = new ReceiveCheckRequestResponse();
        response.setReceived(true);
        return response;
    }

    /** The queue unit: a check request document read from its queue (routes/checks.xml). */
    public void receivedOnQueue(String document) throws JAXBException {
        CheckRequest request = jaxb.createUnmarshaller().unmarshal(
                new javax.xml.transform.stream.StreamSource(new java.io.StringReader(document)), CheckRequest.class).getValue();
        received.add(request.getTaskId());
        if (answering) {
            timer.schedule(() -> answerOverSoap(request.getTaskId()), answerDelayMs, TimeUnit.MILLISECONDS);
        }
    }

    private SubmitCheckResultRequest result(String taskId) {
        SubmitCheckResultRequest r = new SubmitCheckResultRequest();
        r.setRequestId("sim-" + taskId);
        r.setTaskId(taskId);
        r.setOutcome(outcome == CheckOutcome.CORRECTED ? CheckOutcome.CONFIRMED : outcome);
        r.setChecker("模拟核查员");
        r.setRemarks("单位模拟器自动答复 / answered by the unit simulator");
        return r;
    }

    private void answerOverSoap(String taskId) {
        try {
            checkService.get().submitCheckResult(result(taskId));
        } catch (Exception e) {
            log.warn("Unit simulator: answering task {} over SOAP failed: {}", taskId, e.getMessage());
        }
    }

    private void answerOnQueue(String taskId) {
        try {
            StringWriter out = new StringWriter();
            jaxb.createMarshaller().marshal(result(taskId), out);
            jms.convertAndSend("degreehub.check.result", out.toString());
        } catch (Exception e) {
            log.warn("Unit simulator: answering task {} on the queue failed: {}", taskId, e.getMessage());
        }
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    public void setUp(boolean up) {
        this.up = up;
    }

    public void setAnswering(boolean answering) {
        this.answering = answering;
    }

    public void setOutcome(CheckOutcome outcome) {
        this.outcome = outcome;
    }

    public void setAnswerDelayMs(long answerDelayMs) {
        this.answerDelayMs = answerDelayMs;
    }
}
