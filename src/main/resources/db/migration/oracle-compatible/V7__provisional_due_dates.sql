-- A due date counted across a year whose official holiday notice was not yet loaded is provisional: the
-- year is kept beside the date (NULL = official), shown wherever the date is, and the date is recomputed
-- when that year's notice is loaded.
ALTER TABLE verification_application ADD (center_due_provisional NUMBER(4), unit_due_provisional NUMBER(4));
ALTER TABLE check_task ADD (due_provisional NUMBER(4));

-- the hub's own calendar warning (fewer than 60 days of official holiday data left) is listed with the
-- time-limit alerts, once per last official day
ALTER TABLE deadline_alert DROP CONSTRAINT ck_deadline_kind;
ALTER TABLE deadline_alert ADD CONSTRAINT ck_deadline_kind CHECK (kind IN ('REMINDER', 'OVERDUE', 'CALENDAR'));
ALTER TABLE deadline_alert DROP CONSTRAINT ck_deadline_subject;
ALTER TABLE deadline_alert ADD CONSTRAINT ck_deadline_subject CHECK (subject IN ('APPLICATION', 'CHECK_TASK', 'CALENDAR'));
