package cn.degreehub.common.soap;

import cn.degreehub.common.Masking;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import cn.degreehub.contract.types.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every fault leaving a hub endpoint, whether raised by a route, WS-Security, schema validation or the
 * XML parser, is rewritten here into one shape: faultstring "[CODE] English message" and a
 * {@code t:faultDetail} with the stable code and both languages. No stack trace leaves the hub.
 */
public class FaultShapingInterceptor extends AbstractSoapInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(FaultShapingInterceptor.class);
    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    private static final QName SERVER = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Server");
    /** SOAP's own fault codes for an envelope the endpoint cannot process at all: kept as they are (SOAP 1.1 §4.4.1). */
    private static final java.util.Set<String> ENVELOPE_FAULTS = java.util.Set.of("MustUnderstand", "VersionMismatch");
    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(FaultDetail.class, ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public FaultShapingInterceptor() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception ex = message.getContent(Exception.class);
        if (ex == null) {
            return;
        }
        FaultDetail detail = FaultMapper.map(ex);
        var operation = message.getExchange().getBindingOperationInfo();
        String op = operation == null ? "-" : operation.getName().getLocalPart();
        if (detail.getCode() == FaultCode.INTERNAL) {
            LOG.error("SOAP request failed, trace {}: {}", detail.getTraceId(), Masking.idNumbersIn(String.valueOf(ex)), ex);
        } else {
            LOG.info("SOAP fault {} on {}: {} [{}]", detail.getCode(), op, Masking.idNumbersIn(detail.getMessageEn()),
                    causeChain(ex));
        }
        QName code = ex instanceof SoapFault f && isEnvelopeFault(f.getFaultCode()) ? f.getFaultCode()
                : detail.getCode() == FaultCode.INTERNAL ? SERVER : CLIENT;
        SoapFault fault = new SoapFault("[" + detail.getCode() + "] " + detail.getMessageEn(), code);
        fault.setDetail(detailElement(detail));
        fault.setStackTrace(new StackTraceElement[0]);
        message.setContent(Exception.class, fault);
    }

    /** A MustUnderstand or VersionMismatch fault (CXF raises them in SOAP 1.1's namespace on a SOAP 1.1 endpoint). */
    static boolean isEnvelopeFault(QName code) {
        return code != null && CLIENT.getNamespaceURI().equals(code.getNamespaceURI()) && ENVELOPE_FAULTS.contains(code.getLocalPart());
    }

    /** Exception classes and messages, outermost first: enough to tell what failed, without a stack. */
    private static String causeChain(Throwable ex) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = ex; t != null && sb.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(Masking.idNumbersIn(String.valueOf(t.getMessage())));
        }
        return sb.length() > 600 ? sb.substring(0, 600) : sb.toString();
    }

    private static Element detailElement(FaultDetail detail) {
        try {
            Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            Element wrapper = doc.createElementNS("", "detail");
            doc.appendChild(wrapper);
            JAXB.createMarshaller().marshal(new ObjectFactory().createFaultDetail(detail), wrapper);
            return wrapper;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new Fault(e);
        }
    }
}
