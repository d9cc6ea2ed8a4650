package cn.degreehub.demo;

import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.contract.portal.NotifyApplicationStatusResponse;
import cn.degreehub.contract.portal.PortalNotificationPortType;
import jakarta.jws.WebService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo stand-in for the national portal's notification service: records what it receives. It can be
 * switched "down" (answers with a server error) to watch redelivery and dead-lettering.
 */
@WebService(endpointInterface = "cn.degreehub.contract.portal.PortalNotificationPortType",
        serviceName = "PortalNotificationService", portName = "PortalNotificationPort",
        targetNamespace = "urn:degreehub:portal-callback:v1", wsdlLocation = "classpath:wsdl/PortalNotificationService.wsdl")
public class PortalSimulator implements PortalNotificationPortType {

    private static final Logger log = LoggerFactory.getLogger(PortalSimulator.class);

    /**
     * @param reportStatus REVOKED when the notification tells of the report's revocation, else null
     * @param contract     the contract version it came in: v1 or v2
     */
    public record Received(String eventId, String applicationNo, String status, String reportNo, String result,
                           Integer sequenceNo, String reportStatus, String contract) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;

    @Override
    public NotifyApplicationStatusResponse notifyApplicationStatus(NotifyApplicationStatusRequest request) {
        if (!up) {
            throw new IllegalStateException("portal simulator is down");
        }
        received.add(new Received(request.getEventId(), request.getApplicationNo(), request.getStatus().value(),
                request.getReportNo(), request.getResult() == null ? null : request.getResult().value(),
                request.getSequenceNo(), request.getReportStatus() == null ? null : request.getReportStatus().value(), "v1"));
        log.info("Portal simulator received {} -> {} (report {})", request.getApplicationNo(), request.getStatus(),
                request.getReportNo());
        NotifyApplicationStatusResponse response = new NotifyApplicationStatusResponse();
        response.setReceived(true);
        return response;
    }

    /** The same simulator on contract v2 (notifyApplicationStatus in urn:degreehub:portal-callback:v2). */
    @WebService(endpointInterface = "cn.degreehub.contract.v2.portal.PortalNotificationPortType",
            serviceName = "PortalNotificationService", portName = "PortalNotificationPort",
            targetNamespace = "urn:degreehub:portal-callback:v2", wsdlLocation = "classpath:wsdl/v2/PortalNotificationService.wsdl")
    public class V2 implements cn.degreehub.contract.v2.portal.PortalNotificationPortType {
        @Override
        public cn.degreehub.contract.v2.portal.NotifyApplicationStatusResponse notifyApplicationStatus(
                cn.degreehub.contract.v2.portal.NotifyApplicationStatus request) {
            if (!up) {
                throw new IllegalStateException("portal simulator is down");
            }
            received.add(new Received(request.getEventId(), request.getApplicationNo(), request.getStatus().value(),
                    request.getReportNo(), request.getResult() == null ? null : request.getResult().value(),
                    request.getSequenceNo(), request.getReportStatus() == null ? null : request.getReportStatus().value(),
                    "v2"));
            log.info("Portal simulator (v2) received {} -> {} (report {})", request.getApplicationNo(), request.getStatus(),
                    request.getReportNo());
            cn.degreehub.contract.v2.portal.NotifyApplicationStatusResponse response =
                    new cn.degreehub.contract.v2.portal.NotifyApplicationStatusResponse();
            response.setReceived(true);
            return response;
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public boolean isUp() {
        return up;
    }

    public void setUp(boolean up) {
        this.up = up;
    }
}
