package cn.degreehub.check;

import cn.degreehub.calendar.DueDate;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.soap.FaultMapper;
import cn.degreehub.common.soap.ContractVersions;
import cn.degreehub.common.soap.Namespaces;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.DegreeOnRecord;
import cn.degreehub.contract.check.ObjectFactory;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeField;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.verification.Applications;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The check contract's documents outside SOAP: the check request as stored with its task and sent to the unit
 * (queue or UnitCheckReceiver), and a result document from the results queue, checked against the schema as a
 * SOAP request is. Made once: a JAXB context and a schema are expensive. The check request is built and edited
 * here only, so that task handling ({@link Checks}) sees no contract class.
 */
public class CheckDocuments {

    private final JAXBContext jaxb;
    private final java.util.function.Supplier<JAXBContext> jaxbV2 = ContractVersions.context(cn.degreehub.contract.v2.check.ObjectFactory.class);
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

    /**
     * The check request of a new task (the 学位信息核查反馈表): the degree as applied, the fields that differ, the
     * national record of its certificate number if there is one, and the unit's due date.
     *
     * @param objection the applicant's objection when this is a re-check, else null
     */
    public String request(String taskId, Applications.Stored a, String department, List<String> differing,
                          Optional<DegreeRecords.Stored> record, DueDate due, Instant createdAt, String objection) {
        CheckRequest request = new CheckRequest();
        request.setTaskId(taskId);
        request.setApplicationNo(a.applicationNo());
        request.setUnitCode(a.unitCode());
        request.setDepartment(department);
        request.setDegree(asApplied(a));
        differing.forEach(f -> request.getDifferingField().add(DegreeField.fromValue(f)));
        record.ifPresent(r -> request.setDatabaseRecord(onRecord(r)));
        request.setUrgent(a.urgent());
        request.setDueDate(due.date());
        request.setDueDateProvisionalYear(due.provisionalYear());
        request.setCreatedAt(OffsetDateTime.ofInstant(createdAt, ChinaTime.ZONE));
        request.setObjection(objection);
        return write(request);
    }

    /** The degree as (now) on the application, in the contract's terms. */
    private static DegreeAsApplied asApplied(Applications.Stored a) {
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(a.holderName());
        d.setIdType(a.idType());
        d.setIdNumber(a.idNumber());
        d.setUnitCode(a.unitCode());
        d.setLevel(cn.degreehub.contract.types.DegreeLevel.fromValue(a.level()));
        d.setAwardDate(a.awardDate());
        d.setCertificateNumber(a.certificateNumber());
        d.setDiscipline(a.discipline());
        return d;
    }

    /** The stored request sent to another department of the unit. */
    public String reassigned(String document, String department) {
        CheckRequest request = read(document);
        request.setDepartment(department);
        return write(request);
    }

    /** The stored request with its due date counted again. */
    public String due(String document, DueDate due) {
        CheckRequest request = read(document);
        request.setDueDate(due.date());
        request.setDueDateProvisionalYear(due.provisionalYear());
        return write(request);
    }

    /** The national record as the check request shows it to the unit (codes and dates as filed). */
    private static DegreeOnRecord onRecord(DegreeRecords.Stored r) {
        Degree degree = r.degree();
        DegreeOnRecord d = new DegreeOnRecord();
        d.setHolderName(degree.holderName());
        d.setIdType(degree.idType());
        d.setIdNumber(degree.idNumber());
        d.setUnitCode(degree.unitCode());
        d.setLevelCode(degree.levelCode());
        d.setAwardDate(degree.awardDate() == null ? null : degree.awardDate().format(DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(degree.certificateNumber());
        d.setRecordStatus(r.status());
        return d;
    }

    /** The check contract's v2 namespaces and their v1 ones (a check document carries verification types too). */
    public static final Map<String, String> V2_TO_V1 = Map.of(Namespaces.CHECK_V2, Namespaces.CHECK_V1,
            Namespaces.VERIFICATION_V2, Namespaces.VERIFICATION_V1);

    private static final ContractVersions V1_TO_V2 = new ContractVersions(
            ContractVersions.context(ObjectFactory.class),
            ContractVersions.context(cn.degreehub.contract.v2.check.ObjectFactory.class),
            Map.of(Namespaces.CHECK_V1, Namespaces.CHECK_V2, Namespaces.VERIFICATION_V1, Namespaces.VERIFICATION_V2),
            ContractVersions.RootRename.NONE, CheckDocuments::typeRecordsForV2);

    /**
     * A v1 check document already moved to v2's namespaces, with each national record typed as v2 has it: v1's
     * {@code levelCode} (the filed 学位类别码, e.g. 308) becomes {@code level} (an honorary doctorate a DOCTOR with
     * {@code honorary}) and {@code degreeTypeCode}; v1's {@code awardDate} 20250630 becomes 2025-06-30.
     */
    public static void typeRecordsForV2(Document document) {
        NodeList records = document.getElementsByTagNameNS(Namespaces.CHECK_V2, "databaseRecord");
        for (int i = 0; i < records.getLength(); i++) {
            Element record = (Element) records.item(i);
            Element levelCode = child(record, "levelCode");
            if (levelCode != null) {
                String code = levelCode.getTextContent().trim();
                DegreeLevel level = DegreeLevel.ofCategoryCode(code)
                        .orElseThrow(() -> new IllegalStateException("A national record with an unknown 学位类别码 " + code));
                record.insertBefore(element(document, "level", level.honorary() ? DegreeLevel.DOCTOR.name() : level.name()), levelCode);
                record.insertBefore(element(document, "honorary", String.valueOf(level.honorary())), levelCode);
                record.insertBefore(element(document, "degreeTypeCode", code), levelCode);
                record.removeChild(levelCode);
            }
            Element awardDate = child(record, "awardDate");
            if (awardDate != null && awardDate.getTextContent().trim().length() == 8) {
                awardDate.setTextContent(LocalDate.parse(awardDate.getTextContent().trim(), DateTimeFormatter.BASIC_ISO_DATE).toString());
            }
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element element(Document document, String localName, String text) {
        Element e = document.createElementNS(Namespaces.CHECK_V2, localName);
        e.setTextContent(text);
        return e;
    }

    /** The check request as a document (UTF-8 XML). */
    private String write(CheckRequest request) {
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

    /**
     * A stored (v1) check request as a unit registered for contract v2 receives it on its queue:
     * {urn:degreehub:check:v2}checkRequest with the national record typed (docs/partner-interfaces.md, "Contract versions").
     */
    public String v2Document(String document) {
        try {
            StringWriter out = new StringWriter();
            Transformer identity = TransformerFactory.newDefaultInstance().newTransformer();
            identity.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            identity.transform(new DOMSource(v2Dom(document)), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("A stored check request cannot be written as v2", e);
        }
    }

    /** A stored (v1) check request as UnitCheckReceiver of contract v2 (urn:degreehub:unit-receiver:v1) receives it. */
    public cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequest v2Receive(String document) {
        try {
            cn.degreehub.contract.v2.check.CheckRequest request = jaxbV2.get().createUnmarshaller()
                    .unmarshal(v2Dom(document), cn.degreehub.contract.v2.check.CheckRequest.class).getValue();
            cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequest receive = new cn.degreehub.contract.v2.unitreceiver.ReceiveCheckRequest();
            receive.setCheckRequest(request);
            return receive;
        } catch (JAXBException e) {
            throw new IllegalStateException("A stored check request cannot be read as v2", e);
        }
    }

    private Document v2Dom(String document) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            Document dom = factory.newDocumentBuilder().parse(new InputSource(new StringReader(document)));
            return V1_TO_V2.translate(dom);
        } catch (ParserConfigurationException | SAXException | java.io.IOException e) {
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
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "核查结果报文不符合接口规范：" + FaultMapper.problemZh(e),
                    "The check result does not conform to the contract: " + cause.getMessage());
        }
    }
}
