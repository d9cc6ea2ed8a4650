package cn.degreehub.check;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.ObjectFactory;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.types.FaultCode;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * The check contract's documents outside SOAP: the check request as stored with its task and sent to the unit
 * (queue or UnitCheckReceiver), and a result document from the results queue, checked against the schema as a
 * SOAP request is. Made once: a JAXB context and a schema are expensive.
 */
public class CheckDocuments {

    private final JAXBContext jaxb;
    private final Schema schema;
    /** Made once: XMLInputFactory.newFactory() scans the whole classpath for a provider on every call. */
    private final XMLInputFactory xml = XMLInputFactory.newDefaultFactory();

    public CheckDocuments() {
        try {
            this.jaxb = JAXBContext.newInstance(ObjectFactory.class);
            SchemaFactory schemas = SchemaFactory.newDefaultInstance();
            this.schema = schemas.newSchema(CheckDocuments.class.getResource("/xsd/check.xsd"));
        } catch (JAXBException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("Cannot load the check contract", e);
        }
        // no DTDs, no external entities in a document from a partner
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** The check request as a document (UTF-8 XML). */
    public String write(CheckRequest request) {
        try {
            StringWriter out = new StringWriter();
            Marshaller m = jaxb.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(new ObjectFactory().createCheckRequest(request), out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A check request the hub wrote. */
    public CheckRequest read(String document) {
        try {
            return jaxb.createUnmarshaller().unmarshal(new StreamSource(new StringReader(document)), CheckRequest.class)
                    .getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("A stored check request cannot be read", e);
        }
    }

    /** A unit's result from the queue; one that does not conform to the contract is INVALID_REQUEST. */
    public SubmitCheckResultRequest readResult(InputStream in) {
        try {
            Unmarshaller u = jaxb.createUnmarshaller();
            u.setSchema(schema);
            return (SubmitCheckResultRequest) u.unmarshal(xml.createXMLStreamReader(in));
        } catch (JAXBException | XMLStreamException | ClassCastException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "核查结果报文不符合接口规范: " + cause.getMessage(),
                    "The check result does not conform to the contract: " + cause.getMessage());
        }
    }
}
