-- A status change the portal is told of may concern the application's report rather than the application
-- (contract portal-callback 1.2, notifyApplicationStatusRequest/reportStatus): REVOKED when a report was revoked by a
-- spot check, by the center, or because its degree was revoked. Portable SQL (H2, Oracle, PostgreSQL).
ALTER TABLE portal_notification ADD report_status VARCHAR(12);
