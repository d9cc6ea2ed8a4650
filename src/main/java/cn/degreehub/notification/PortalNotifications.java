package cn.degreehub.notification;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.UtcTime;
import cn.degreehub.common.soap.ContractVersions;
import cn.degreehub.common.soap.Namespaces;
import cn.degreehub.common.soap.SoapClients;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
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
    private final Supplier<Sender> portal;
    private final JAXBContext jaxb;

    /** The portal's PortalNotificationService in the contract version it implements (degreehub.portal.contract). */
    @FunctionalInterface
    public interface Sender {
        void send(NotifyApplicationStatusRequest notification) throws Exception;
    }

    /** v1 notifications as the portal's contract v2 takes them: notifyApplicationStatus in urn:degreehub:portal-callback:v2. */
    private static final ContractVersions V1_TO_V2 = new ContractVersions(
            ContractVersions.context(cn.degreehub.contract.portal.ObjectFactory.class),
            ContractVersions.context(cn.degreehub.contract.v2.portal.ObjectFactory.class),
            Map.of(Namespaces.PORTAL_CALLBACK_V1, Namespaces.PORTAL_CALLBACK_V2,
                    Namespaces.VERIFICATION_V1, Namespaces.VERIFICATION_V2),
            ContractVersions.RootRename.DROP_REQUEST_SUFFIX, d -> { });

    public PortalNotifications(JdbcTemplate jdbc, Supplier<Sender> portal) {
        this.jdbc = jdbc;
        this.portal = portal;
        try {
            this.jaxb = JAXBContext.newInstance(NotifyApplicationStatusRequest.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    NotifyApplicationStatusRequest notification(String eventId) {
        return jdbc.queryForObject("SELECT * FROM portal_notification WHERE event_id = ?", (rs, i) -> message(
                rs.getString("event_id"), rs.getString("application_no"), rs.getString("status"), rs.getString("report_no"),
                rs.getString("result"), UtcTime.instant(rs.getTimestamp("changed_at").toLocalDateTime()), rs.getInt("seq"),
                rs.getString("report_status")), eventId);
    }

    /**
     * The notification of one status change as the portal receives it (also what the conformance checker sends,
     * cn.degreehub.conformance, so it cannot differ from the hub's).
     */
    public static NotifyApplicationStatusRequest message(String eventId, String applicationNo, String status,
                                                         String reportNo, String result, Instant changedAt, int seq) {
        return message(eventId, applicationNo, status, reportNo, result, changedAt, seq, null);
    }

    /** @param reportStatus REVOKED when the change is the revocation of the application's report, else null */
    public static NotifyApplicationStatusRequest message(String eventId, String applicationNo, String status,
                                                         String reportNo, String result, Instant changedAt, int seq,
                                                         String reportStatus) {
        NotifyApplicationStatusRequest n = new NotifyApplicationStatusRequest();
        n.setEventId(eventId);
        n.setApplicationNo(applicationNo);
        n.setStatus(ApplicationStatus.fromValue(status));
        n.setReportNo(reportNo);
        n.setResult(result == null ? null : ReportResult.fromValue(result));
        n.setChangedAt(OffsetDateTime.ofInstant(changedAt, ChinaTime.ZONE));
        n.setSequenceNo(seq);
        n.setReportStatus(reportStatus == null ? null : cn.degreehub.contract.verification.ReportStatus.fromValue(reportStatus));
        return n;
    }

    /** The hub's client of the portal's PortalNotificationService. */
    public static PortalNotificationPortType client(String url, String username, String password,
                                                    SoapClients.CallSecurity security, long timeoutMs) {
        return SoapClients.withUsernameToken(PortalNotificationPortType.class, url, username, password, security, timeoutMs);
    }

    /** One notification sent; anything but received = true is a failure (docs/partner-interfaces.md). */
    public static void send(PortalNotificationPortType portal, NotifyApplicationStatusRequest notification)
            throws DegreeHubFault {
        NotifyApplicationStatusResponse answer = portal.notifyApplicationStatus(notification);
        if (answer == null || !answer.isReceived()) {
            throw new IllegalStateException("The portal did not acknowledge the notification");
        }
    }

    /** The hub's client of the portal's service in its contract version, v1 or v2 (degreehub.portal.contract). */
    public static Object port(String contract, String url, String username, String password,
                              SoapClients.CallSecurity security, long timeoutMs) {
        return switch (contract) {
            case "v1" -> client(url, username, password, security, timeoutMs);
            case "v2" -> SoapClients.withUsernameToken(cn.degreehub.contract.v2.portal.PortalNotificationPortType.class, url,
                    username, password, security, timeoutMs);
            default -> throw new IllegalArgumentException("degreehub.portal.contract is v1 or v2, not " + contract);
        };
    }

    /** Notifications through a client of {@link #port}: a v1 notification translated when the portal is on v2. */
    public static Sender sender(Object port) {
        if (port instanceof cn.degreehub.contract.v2.portal.PortalNotificationPortType v2) {
            return n -> {
                cn.degreehub.contract.v2.portal.NotifyApplicationStatusResponse answer =
                        v2.notifyApplicationStatus((cn.degreehub.contract.v2.portal.NotifyApplicationStatus) V1_TO_V2.translate(n));
                if (answer == null || !answer.isReceived()) {
                    throw new IllegalStateException("The portal did not acknowledge the notification");
                }
            };
        }
        PortalNotificationPortType v1 = (PortalNotificationPortType) port;
        return n -> send(v1, n);
    }

    public static Sender sender(String contract, String url, String username, String password,
                                SoapClients.CallSecurity security, long timeoutMs) {
        return sender(port(contract, url, username, password, security, timeoutMs));
    }

    @Override
    public void deliver(String eventId) throws Exception {
        portal.get().send(notification(eventId));
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
