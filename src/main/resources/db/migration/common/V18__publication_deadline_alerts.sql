-- Semesters awaiting publication are time-limited too (first semester online by Jun 1, second by Dec 1;
-- docs/domain-rules.md "Semesters and publication"): their reminders and overdue alerts have the subject PUBLICATION.
-- Portable SQL (H2, Oracle, PostgreSQL).
ALTER TABLE deadline_alert DROP CONSTRAINT ck_deadline_subject;
ALTER TABLE deadline_alert ADD CONSTRAINT ck_deadline_subject
    CHECK (subject IN ('APPLICATION', 'CHECK_TASK', 'CALENDAR', 'NOTIFICATION', 'PUBLICATION'));
