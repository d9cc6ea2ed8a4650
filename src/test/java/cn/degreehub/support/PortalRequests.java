package cn.degreehub.support;

import cn.degreehub.common.BytesDataSource;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.contract.verification.Attachment;
import cn.degreehub.contract.verification.AttachmentKind;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import jakarta.activation.DataHandler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.imageio.ImageIO;

/** What the national portal sends: an application for a filed (master's) degree, with its two scans. */
public final class PortalRequests {

    private PortalRequests() {
    }

    /** The degree of a filing record as an applicant writes it (a master's degree: the ITs file those). */
    public static DegreeAsApplied asApplied(FilingRecord r) {
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(r.getXM());
        d.setIdType(r.getZJLXM());
        d.setIdNumber(r.getZJHM());
        d.setUnitCode(r.getXWSYDWM());
        d.setLevel(DegreeLevel.MASTER);
        d.setAwardDate(LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(r.getXWZSBH());
        d.setDiscipline(r.getZYMC());
        return d;
    }

    /** An application with a fresh request id, the holder as applicant, a certificate scan (PNG) and an ID scan (JPEG). */
    public static SubmitApplicationRequest application(DegreeAsApplied degree, Language... languages) {
        SubmitApplicationRequest request = new SubmitApplicationRequest();
        request.setRequestId(HubTestSupport.unique("app"));
        Applicant applicant = new Applicant();
        applicant.setName(degree.getHolderName());
        applicant.setIdType(degree.getIdType());
        applicant.setIdNumber(degree.getIdNumber());
        applicant.setPhone("13800138000");
        request.setApplicant(applicant);
        request.setDegree(degree);
        request.getLanguages().addAll(List.of(languages));
        request.getAttachment().add(attachment(AttachmentKind.CERTIFICATE_SCAN, "certificate.png", "image/png", image("png")));
        request.getAttachment().add(attachment(AttachmentKind.ID_FRONT, "id.jpg", "image/jpeg", image("jpg")));
        return request;
    }

    public static Attachment attachment(AttachmentKind kind, String name, String type, byte[] content) {
        Attachment a = new Attachment();
        a.setKind(kind);
        a.setFileName(name);
        a.setContentType(type);
        a.setContent(new DataHandler(new BytesDataSource(content, type, name)));
        return a;
    }

    /** A small scan in {@code format} (png, jpg). */
    public static byte[] image(String format) {
        BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 240);
        g.setColor(Color.RED);
        g.drawString("scan", 100, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
