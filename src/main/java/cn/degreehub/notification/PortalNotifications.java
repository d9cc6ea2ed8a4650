package cn.degreehub.notification;

import cn.degreehub.common.Masking;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.portal.DegreeHubFault;
import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.contract.portal.NotifyApplicationStatusResponse;
import cn.degreehub.contract.portal.PortalNotificationPortType;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.ReportResult;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivers application status changes to the portal's PortalNotificationService: outbox rows become
 * messages on degreehub.portal.notify; each message is one SOAP call, redelivered with back-off by the
 * broker while the portal fails, and dead-lettered (state DEAD, visible in the DLQ) after the last attempt.
 */
public class PortalNotifications {

    private static final Logger log = LoggerFactory.getLogger(PortalNotifications.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final Supplier<PortalNotificationPortType> portal;
    private final Clock clock;
    private final int maxDeliveries;
    private final JAXBContext jaxb;

    public PortalNotifications(JdbcTemplate jdbc, Supplier<PortalNotificationPortType> portal, Clock clock,
                               int maxDeliveries) {
        this.jdbc = jdbc;
        this.portal = portal;
        this.clock = clock;
        this.maxDeliveries = maxDeliveries;
        try {
            this.jaxb = JAXBContext.newInstance(NotifyApplicationStatusRequest.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The oldest outbox rows not yet on the queue. */
    public List<NotifyApplicationStatusRequest> pending(int max) {
        return jdbc.query("SELECT * FROM portal_notification WHERE state = 'PENDING' ORDER BY changed_at, event_id"
                + " FETCH FIRST " + max + " ROWS ONLY", (rs, i) -> {
                    NotifyApplicationStatusRequest n = new NotifyApplicationStatusRequest();
                    n.setEventId(rs.getString("event_id"));
                    n.setApplicationNo(rs.getString("application_no"));
                    n.setStatus(ApplicationStatus.fromValue(rs.getString("status")));
                    n.setReportNo(rs.getString("report_no"));
                    String result = rs.getString("result");
                    n.setResult(result == null ? null : ReportResult.fromValue(result));
                    n.setChangedAt(OffsetDateTime.ofInstant(
                            UtcTime.instant(rs.getTimestamp("changed_at").toLocalDateTime()), CHINA));
                    return n;
                });
    }

    public String document(NotifyApplicationStatusRequest n) throws JAXBException {
        StringWriter out = new StringWriter();
        jaxb.createMarshaller().marshal(n, out);
        return out.toString();
    }

    /** After the poll's JMS transaction committed; a crash in between only sends it twice (same eventId). */
    public void markQueued(List<NotifyApplicationStatusRequest> sent) {
        sent.forEach(n -> markQueued(n.getEventId()));
    }

    public void markQueued(String eventId) {
        jdbc.update("UPDATE portal_notification SET state = 'QUEUED', queued_at = ? WHERE event_id = ? AND state = 'PENDING'",
                UtcTime.column(clock.instant()), eventId);
    }

    /** One delivery attempt of a spooled notification message; throws to have the broker redeliver it. */
    public void deliver(Path spooled, int deliveryCount) throws IOException, JAXBException {
        NotifyApplicationStatusRequest n;
        try (InputStream in = Files.newInputStream(spooled)) {
            n = (NotifyApplicationStatusRequest) jaxb.createUnmarshaller().unmarshal(in);
        }
        try {
            NotifyApplicationStatusResponse answer = portal.get().notifyApplicationStatus(n);
            if (answer == null || !answer.isReceived()) {
                throw new IllegalStateException("The portal did not acknowledge the notification");
            }
        } catch (DegreeHubFault | RuntimeException e) {
            String error = Masking.idNumbersIn(String.valueOf(e.getMessage()));
            jdbc.update("UPDATE portal_notification SET attempts = attempts + 1, last_error = ?, state = ? WHERE event_id = ?",
                    error.length() > 400 ? error.substring(0, 400) : error,
                    deliveryCount >= maxDeliveries ? "DEAD" : "QUEUED", n.getEventId());
            log.warn("Portal notification {} ({} {}) failed, attempt {} of {}: {}", n.getEventId(), n.getApplicationNo(),
                    n.getStatus(), deliveryCount, maxDeliveries, error);
            throw new IllegalStateException("Portal notification failed: " + error, e);
        }
        jdbc.update("UPDATE portal_notification SET attempts = attempts + 1, state = 'DELIVERED', delivered_at = ?,"
                + " last_error = NULL WHERE event_id = ?", UtcTime.column(clock.instant()), n.getEventId());
    }
}
