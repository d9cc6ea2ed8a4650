package cn.degreehub.notification;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.UtcTime;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.contract.portal.DegreeHubFault;
import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.contract.portal.NotifyApplicationStatusResponse;
import cn.degreehub.contract.portal.PortalNotificationPortType;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.ReportResult;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Application status changes for the portal's PortalNotificationService: one outbox row per change, each
 * attempt one SOAP call (the schedule, order and dead letters are the outbox's: delivery/Outbox).
 */
public class PortalNotifications implements Outbox.Partner {

    /** Rows of one application reach the portal in the order of its changes (seq). */
    public static final Outbox.Table TABLE = new Outbox.Table("portal_notification", "event_id", "state",
            "application_no", "seq");


    private final JdbcTemplate jdbc;
    private final Supplier<PortalNotificationPortType> portal;
    private final JAXBContext jaxb;

    public PortalNotifications(JdbcTemplate jdbc, Supplier<PortalNotificationPortType> portal) {
        this.jdbc = jdbc;
        this.portal = portal;
        try {
            this.jaxb = JAXBContext.newInstance(NotifyApplicationStatusRequest.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    NotifyApplicationStatusRequest notification(String eventId) {
        return jdbc.queryForObject("SELECT * FROM portal_notification WHERE event_id = ?", (rs, i) -> {
            NotifyApplicationStatusRequest n = new NotifyApplicationStatusRequest();
            n.setEventId(rs.getString("event_id"));
            n.setApplicationNo(rs.getString("application_no"));
            n.setStatus(ApplicationStatus.fromValue(rs.getString("status")));
            n.setReportNo(rs.getString("report_no"));
            String result = rs.getString("result");
            n.setResult(result == null ? null : ReportResult.fromValue(result));
            n.setChangedAt(OffsetDateTime.ofInstant(
                    UtcTime.instant(rs.getTimestamp("changed_at").toLocalDateTime()), ChinaTime.ZONE));
            n.setSequenceNo(rs.getInt("seq"));
            return n;
        }, eventId);
    }

    @Override
    public void deliver(String eventId) throws DegreeHubFault {
        NotifyApplicationStatusResponse answer = portal.get().notifyApplicationStatus(notification(eventId));
        if (answer == null || !answer.isReceived()) {
            throw new IllegalStateException("The portal did not acknowledge the notification");
        }
    }

    @Override
    public byte[] document(String eventId) throws JAXBException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jaxb.createMarshaller().marshal(notification(eventId), out);
        return out.toByteArray();
    }

    @Override
    public String idOf(byte[] document) throws JAXBException {
        return ((NotifyApplicationStatusRequest) jaxb.createUnmarshaller().unmarshal(new ByteArrayInputStream(document)))
                .getEventId();
    }

    @Override
    public Outbox.Alert alert(String eventId) {
        return new Outbox.Alert("NOTIFICATION", jdbc.queryForObject(
                "SELECT application_no FROM portal_notification WHERE event_id = ?", String.class, eventId), null);
    }
}
