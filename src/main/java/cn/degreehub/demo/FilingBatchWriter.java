package cn.degreehub.demo;

import cn.degreehub.contract.filing.FilingRecord;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.OutputStream;
import java.util.Iterator;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a submitFilingBatchRequest document record by record, as a provincial system sending a large
 * batch over the queue would: memory stays flat however many records follow.
 */
public final class FilingBatchWriter {

    private static final String NS = "urn:degreehub:filing:v1";
    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(FilingRecord.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FilingBatchWriter() {
    }

    public static void write(OutputStream out, String batchId, String province, String unit, String semester,
                             Iterator<FilingRecord> records) throws XMLStreamException, JAXBException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        Marshaller marshaller = JAXB.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.setDefaultNamespace(NS);
        xml.writeStartElement(NS, "submitFilingBatchRequest");
        xml.writeDefaultNamespace(NS);
        element(xml, "batchId", batchId);
        element(xml, "provinceCode", province);
        element(xml, "unitCode", unit);
        element(xml, "semester", semester);
        QName record = new QName(NS, "record");
        while (records.hasNext()) {
            marshaller.marshal(new JAXBElement<>(record, FilingRecord.class, records.next()), xml);
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(NS, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
