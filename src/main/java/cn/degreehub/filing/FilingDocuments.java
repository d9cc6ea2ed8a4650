package cn.degreehub.filing;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.RejectedRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.filing.FilingIntake.BatchHeader;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayOutputStream;
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
 * The filing documents and the contract's records and receipts: a submitFilingBatchRequest document read as a
 * stream ({@link BatchReader}), a receipt as a submitFilingBatchResponse document (the queue's answer), and the
 * mapping between the contract's {@link FilingRecord} / {@link FilingReceipt} and the hub's {@link FiledRecord} /
 * {@link FilingIntake.Receipt}, shared with the SOAP operations ({@link FilingEndpoint}).
 */
public final class FilingDocuments {

    static final String NS = "urn:degreehub:filing:v1";
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
    private static final JAXBContext RECORD;
    private static final JAXBContext RESPONSE;
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");
    private static final Pattern UNIT = Pattern.compile("\\d{5}");
    private static final Pattern SEMESTER = Pattern.compile("\\d{4}-\\d{4}-[12]");

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            RECORD = JAXBContext.newInstance(FilingRecord.class);
            RESPONSE = JAXBContext.newInstance(SubmitFilingBatchResponse.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FilingDocuments() {
    }

    /** The contract's record as filed (null stays null). */
    public static FiledRecord filed(FilingRecord r) {
        return r == null ? null : FiledRecord.of(f -> value(r, f));
    }

    private static String value(FilingRecord r, RecordField f) {
        return switch (f) {
            case XM -> r.getXM();
            case XMPY -> r.getXMPY();
            case XBM -> r.getXBM();
            case CSRQ -> r.getCSRQ();
            case GBM -> r.getGBM();
            case MZM -> r.getMZM();
            case ZZMMM -> r.getZZMMM();
            case ZJLXM -> r.getZJLXM();
            case ZJHM -> r.getZJHM();
            case XWSYDWM -> r.getXWSYDWM();
            case XWSYDW -> r.getXWSYDW();
            case XZXM -> r.getXZXM();
            case ZXXM -> r.getZXXM();
            case PYDWM -> r.getPYDWM();
            case PYDW -> r.getPYDW();
            case XWLBM -> r.getXWLBM();
            case XWLB -> r.getXWLB();
            case ZYDM -> r.getZYDM();
            case ZYMC -> r.getZYMC();
            case ZSZYMC -> r.getZSZYMC();
            case KSH -> r.getKSH();
            case XH -> r.getXH();
            case RXNY -> r.getRXNY();
            case BYNY -> r.getBYNY();
            case XZ -> r.getXZ();
            case XXXSM -> r.getXXXSM();
            case XXXS -> r.getXXXS();
            case HXWRQ -> r.getHXWRQ();
            case XWZSBH -> r.getXWZSBH();
            case JYBH -> r.getJYBH();
            case ZP -> r.getZP();
            case BZ -> r.getBZ();
            case DSXM -> r.getDSXM();
            case LWTM -> r.getLWTM();
            case XB -> r.getXB();
            case MZ -> r.getMZ();
            case ZJLX -> r.getZJLX();
            case WYKSNY -> r.getWYKSNY();
            case LWLX -> r.getLWLX();
            case LWGJC -> r.getLWGJC();
            case LWXTLY -> r.getLWXTLY();
            case LWYJFX -> r.getLWYJFX();
            case LWZXYZ -> r.getLWZXYZ();
            case SFSM -> r.getSFSM();
            case ZCSC -> r.getZCSC();
        };
    }

    /** The contract's receipt of a batch, with its rejections. */
    public static FilingReceipt receipt(FilingIntake.Receipt stored) {
        FilingRepository.Batch batch = stored.batch();
        FilingReceipt receipt = new FilingReceipt();
        receipt.setBatchId(batch.batchId());
        receipt.setProvinceCode(batch.provinceCode());
        receipt.setUnitCode(batch.unitCode());
        receipt.setSemester(batch.semester());
        receipt.setChannel(batch.channel());
        receipt.setReceivedAt(batch.receivedAt().atZone(ChinaTime.ZONE).toOffsetDateTime());
        receipt.setReceived(batch.received());
        receipt.setAccepted(batch.accepted());
        receipt.setRejected(batch.rejected());
        for (Rejection r : stored.rejections()) {
            RejectedRecord rr = new RejectedRecord();
            rr.setIndex(r.index());
            rr.setXWZSBH(r.xwzsbh());
            rr.setCode(r.code());
            rr.setField(r.field());
            rr.setMessageZh(r.messageZh());
            rr.setMessageEn(r.messageEn());
            receipt.getRejection().add(rr);
        }
        return receipt;
    }

    /** The receipt as a submitFilingBatchResponse document (UTF-8), as the queue channel answers. */
    public static byte[] receiptDocument(FilingIntake.Receipt stored) throws JAXBException {
        SubmitFilingBatchResponse response = new SubmitFilingBatchResponse();
        response.setReceipt(receipt(stored));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + stored.rejections().size() * 300);
        Marshaller m = RESPONSE.createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.marshal(response, out);
        return out.toByteArray();
    }

    /** Starts reading a submitFilingBatchRequest document: its header at once, its records as they are asked for. */
    public static BatchReader read(InputStream in) throws XMLStreamException, JAXBException {
        return new BatchReader(in);
    }

    /**
     * Reads a submitFilingBatchRequest document as a stream: the header with StAX, then one record at a time
     * with JAXB, so memory does not grow with the batch. DTDs and external entities are refused.
     */
    public static final class BatchReader implements Iterator<FiledRecord>, Closeable {

        private final XMLStreamReader xml;
        private final Unmarshaller unmarshaller;
        private final BatchHeader header;
        private boolean atRecord;

        private BatchReader(InputStream in) throws XMLStreamException, JAXBException {
            this.xml = XML.createXMLStreamReader(in);
            this.unmarshaller = RECORD.createUnmarshaller();
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
        public FiledRecord next() {
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
                return filed(record);
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
}
