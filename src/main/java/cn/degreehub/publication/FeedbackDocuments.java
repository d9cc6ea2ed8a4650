package cn.degreehub.publication;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.Masking;
import cn.degreehub.contract.feedback.FeedbackRecord;
import cn.degreehub.contract.feedback.ObjectFactory;
import cn.degreehub.contract.feedback.WithheldReason;
import cn.degreehub.filing.DegreeRecords;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.transform.stream.StreamSource;

/**
 * The feedback document of one push (xsd/unit-feedback.xsd, {urn:degreehub:unit-feedback:v1}withheldFeedback): the
 * same document goes on a queue unit's queue and to a SOAP unit's UnitFeedbackReceiver. ID numbers masked
 * (docs/domain-rules.md, "Withheld feedback pushed to the units").
 */
public class FeedbackDocuments {

    private final JAXBContext jaxb;

    public FeedbackDocuments() {
        try {
            jaxb = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a push says, in the hub's terms. */
    public record Content(String pushId, String unitCode, String semester, LocalDate feedbackDate, boolean late,
                          Instant createdAt, List<DegreeRecords.Withheld> records) {
    }

    public String write(Content c) {
        cn.degreehub.contract.feedback.WithheldFeedback d = new cn.degreehub.contract.feedback.WithheldFeedback();
        d.setPushId(c.pushId());
        d.setUnitCode(c.unitCode());
        d.setSemester(c.semester());
        d.setFeedbackDate(c.feedbackDate());
        d.setLate(c.late());
        d.setCreatedAt(OffsetDateTime.ofInstant(c.createdAt(), ChinaTime.ZONE));
        d.setRecordCount(c.records().size());
        for (DegreeRecords.Withheld w : c.records()) {
            FeedbackRecord r = new FeedbackRecord();
            r.setXWZSBH(w.certificateNumber());
            r.setXM(w.holderName());
            r.setMaskedIdNumber(Masking.idNumber(w.idNumber()));
            r.setReason(WithheldReason.fromValue(w.reason()));
            r.setDetail(w.detail());
            r.setMessageZh(WithheldReasons.zh(w.reason()));
            r.setMessageEn(WithheldReasons.en(w.reason()));
            d.getRecord().add(r);
        }
        try {
            StringWriter out = new StringWriter();
            Marshaller m = jaxb.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(d, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("Feedback document of " + c.pushId() + " cannot be written", e);
        }
    }

    public cn.degreehub.contract.feedback.WithheldFeedback read(String document) {
        try {
            return jaxb.createUnmarshaller().unmarshal(new StreamSource(new StringReader(document)),
                    cn.degreehub.contract.feedback.WithheldFeedback.class).getValue();
        } catch (JAXBException e) {
            throw new IllegalArgumentException("Not a withheld-feedback document", e);
        }
    }
}
