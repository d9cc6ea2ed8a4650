-- Deliveries to partners on a schedule kept in the database (routes/notifications.xml): an outbox row is
-- due at next_attempt_at; first_attempt_at starts the window after which it is dead-lettered.
-- QUEUED now means "an attempt is in flight" (next_attempt_at is then the end of its lease).
ALTER TABLE portal_notification ADD COLUMN next_attempt_at TIMESTAMP, ADD COLUMN first_attempt_at TIMESTAMP, ADD COLUMN seq INTEGER;
ALTER TABLE check_task ADD COLUMN next_attempt_at TIMESTAMP, ADD COLUMN first_attempt_at TIMESTAMP;

ALTER TABLE portal_notification DROP CONSTRAINT ck_notification_state;
ALTER TABLE portal_notification ADD CONSTRAINT ck_notification_state
    CHECK (state IN ('PENDING', 'QUEUED', 'RETRYING', 'DELIVERED', 'DEAD'));

-- per application, the order of its status changes: the sequence number the portal receives
-- (UPDATE ... FROM, not MERGE: MERGE came with PostgreSQL 15 and is missing from most PostgreSQL-family databases)
UPDATE portal_notification p SET seq = o.n
FROM (SELECT event_id, ROW_NUMBER() OVER (PARTITION BY application_no ORDER BY changed_at, event_id) AS n
      FROM portal_notification) o
WHERE p.event_id = o.event_id;
ALTER TABLE portal_notification ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX uq_notification_seq ON portal_notification (application_no, seq);

-- a row the former JMS hand-over left QUEUED is due again (the portal keys on eventId, a unit on taskId)
UPDATE portal_notification SET state = 'RETRYING' WHERE state = 'QUEUED';
UPDATE check_task SET delivery = 'RETRYING' WHERE delivery = 'QUEUED';


-- a delivery given up after its schedule is an alert on the time-limits page
ALTER TABLE deadline_alert DROP CONSTRAINT ck_deadline_kind;
ALTER TABLE deadline_alert ADD CONSTRAINT ck_deadline_kind CHECK (kind IN ('REMINDER', 'OVERDUE', 'CALENDAR', 'DEAD_LETTER'));
ALTER TABLE deadline_alert DROP CONSTRAINT ck_deadline_subject;
ALTER TABLE deadline_alert ADD CONSTRAINT ck_deadline_subject
    CHECK (subject IN ('APPLICATION', 'CHECK_TASK', 'CALENDAR', 'NOTIFICATION'));
