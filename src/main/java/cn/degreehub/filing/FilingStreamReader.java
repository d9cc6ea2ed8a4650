package cn.degreehub.filing;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.filing.FilingIntake.BatchHeader;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.Closeable;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a submitFilingBatchRequest document as a stream: the header with StAX, then one record at a time
 * with JAXB, so memory does not grow with the batch. DTDs and external entities are refused.
 */
public final class FilingStreamReader implements Iterator<FilingRecord>, Closeable {

    static final String NS = "urn:degreehub:filing:v1";
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
    private static final JAXBContext JAXB;
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");
    private static final Pattern UNIT = Pattern.compile("\\d{5}");
    private static final Pattern SEMESTER = Pattern.compile("\\d{4}-\\d{4}-[12]");

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            JAXB = JAXBContext.newInstance(FilingRecord.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final XMLStreamReader xml;
    private final Unmarshaller unmarshaller;
    private final BatchHeader header;
    private boolean atRecord;

    public FilingStreamReader(InputStream in) throws XMLStreamException, JAXBException {
        this.xml = XML.createXMLStreamReader(in);
        this.unmarshaller = JAXB.createUnmarshaller();
        nextElement();
        if (!xml.isStartElement() || !NS.equals(xml.getNamespaceURI())
                || !"submitFilingBatchRequest".equals(xml.getLocalName())) {
            throw DegreeHubException.invalid(null, "消息根元素应为 {" + NS + "}submitFilingBatchRequest",
                    "Root element must be {" + NS + "}submitFilingBatchRequest");
        }
        String batchId = text("batchId", BATCH_ID);
        String province = text("provinceCode", PROVINCE);
        String unit = text("unitCode", UNIT);
        String semester = text("semester", SEMESTER);
        this.header = new BatchHeader(batchId, province, unit, semester);
        nextElement();
        atRecord = xml.isStartElement() && "record".equals(xml.getLocalName());
    }

    public BatchHeader header() {
        return header;
    }

    private String text(String name, Pattern format) throws XMLStreamException {
        nextElement();
        if (!xml.isStartElement() || !name.equals(xml.getLocalName()) || !NS.equals(xml.getNamespaceURI())) {
            throw DegreeHubException.invalid(name, "缺少元素 " + name, "Element " + name + " expected");
        }
        String value = xml.getElementText().strip();
        if (!format.matcher(value).matches()) {
            throw DegreeHubException.invalid(name, "元素 " + name + " 格式不正确", "Element " + name + " has a wrong format");
        }
        return value;
    }

    /** Moves to the next start element, or to the end of the document's root element. */
    private void nextElement() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.END_ELEMENT && "submitFilingBatchRequest".equals(xml.getLocalName())) {
                return;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return atRecord;
    }

    @Override
    public FilingRecord next() {
        if (!atRecord) {
            throw new NoSuchElementException();
        }
        try {
            FilingRecord record = unmarshaller.unmarshal(xml, FilingRecord.class).getValue();
            if (!xml.isStartElement()) {
                nextElement();
            }
            atRecord = xml.isStartElement() && "record".equals(xml.getLocalName()) && NS.equals(xml.getNamespaceURI());
            if (xml.isStartElement() && !atRecord) {
                throw DegreeHubException.invalid(xml.getLocalName(), "意外的元素 " + xml.getLocalName(),
                        "Unexpected element " + xml.getLocalName());
            }
            return record;
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalArgumentException(new XMLStreamException("Malformed record: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the underlying stream is closed by its owner
        }
    }
}
