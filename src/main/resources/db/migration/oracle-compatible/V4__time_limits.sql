-- The working-day clock's events: a reminder before a due date and an escalation when it has passed, once
-- per application or check task and kind; the console and the metrics read them.
CREATE SEQUENCE seq_deadline_alert START WITH 1 INCREMENT BY 1;
CREATE TABLE deadline_alert (
    id             NUMBER(19)         NOT NULL,
    kind           VARCHAR2(12 CHAR)  NOT NULL,
    subject        VARCHAR2(12 CHAR)  NOT NULL,
    ref            VARCHAR2(24 CHAR)  NOT NULL,
    unit_code      VARCHAR2(5 CHAR),
    due_date       DATE               NOT NULL,
    created_at     TIMESTAMP          NOT NULL,
    CONSTRAINT pk_deadline_alert PRIMARY KEY (id),
    CONSTRAINT uq_deadline_alert UNIQUE (kind, subject, ref, due_date),
    CONSTRAINT ck_deadline_kind CHECK (kind IN ('REMINDER', 'OVERDUE')),
    CONSTRAINT ck_deadline_subject CHECK (subject IN ('APPLICATION', 'CHECK_TASK'))
);
CREATE INDEX ix_deadline_alert_time ON deadline_alert (created_at);

-- a unit that cannot meet its 10 working days says so in advance, with a reason
ALTER TABLE check_task ADD (delay_reason VARCHAR2(400 CHAR), original_due_date DATE);
