package cn.degreehub.demo;

import cn.degreehub.contract.feedback.ObjectFactory;
import cn.degreehub.contract.feedback.ReceiveWithheldFeedbackResponse;
import cn.degreehub.contract.feedback.UnitFeedbackReceiverPortType;
import cn.degreehub.contract.feedback.WithheldFeedback;
import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.transform.stream.StreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo profile: the simulated units receiving their withheld-records feedback, one per channel. The SOAP unit (10486)
 * implements UnitFeedbackReceiver at /services/unit-simulator/10486/feedback; the queue unit (10056) reads
 * degreehub.feedback.10056 with its broker account. Both keep what they received and log it.
 */
@WebService(serviceName = "UnitFeedbackReceiver", portName = "UnitFeedbackReceiverPort",
        targetNamespace = "urn:degreehub:unit-feedback:v1",
        endpointInterface = "cn.degreehub.contract.feedback.UnitFeedbackReceiverPortType",
        wsdlLocation = "classpath:wsdl/UnitFeedbackReceiver.wsdl")
public class UnitFeedbackSimulator implements UnitFeedbackReceiverPortType {

    private static final Logger log = LoggerFactory.getLogger(UnitFeedbackSimulator.class);

    private final List<WithheldFeedback> received = new CopyOnWriteArrayList<>();
    private final JAXBContext jaxb;

    public UnitFeedbackSimulator() {
        try {
            jaxb = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SOAP unit: UnitFeedbackReceiver.receiveWithheldFeedback. */
    @Override
    public ReceiveWithheldFeedbackResponse receiveWithheldFeedback(WithheldFeedback feedback) {
        received(feedback, "SOAP");
        ReceiveWithheldFeedbackResponse response = new ReceiveWithheldFeedbackResponse();
        response.setReceived(true);
        return response;
    }

    /** The queue unit: a feedback document read from its queue. */
    public void receivedOnQueue(String document) throws JAXBException {
        received(jaxb.createUnmarshaller().unmarshal(new StreamSource(new StringReader(document)), WithheldFeedback.class)
                .getValue(), "queue");
    }

    private void received(WithheldFeedback feedback, String channel) {
        // a retried push has the same id: kept once, as a unit should
        if (received.stream().noneMatch(f -> f.getPushId().equals(feedback.getPushId()))) {
            received.add(feedback);
        }
        log.info("Unit simulator {}: withheld feedback {} of semester {} over {}, {} records", feedback.getUnitCode(),
                feedback.getPushId(), feedback.getSemester(), channel, feedback.getRecordCount());
    }

    public List<WithheldFeedback> received() {
        return List.copyOf(received);
    }
}
