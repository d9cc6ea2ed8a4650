-- Manual verification: check tasks to degree-granting units (学位信息核查反馈表), their delivery on the
-- unit's channel, the units' answers, and database change records opened by corrections.
-- PostgreSQL DDL (as V1); times UTC.

CREATE SEQUENCE seq_check_task START WITH 1 INCREMENT BY 1;
CREATE TABLE check_task (
    task_id         VARCHAR(24) NOT NULL,
    application_no  VARCHAR(24) NOT NULL,
    unit_code       VARCHAR(5)  NOT NULL,
    department      VARCHAR(32) NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    status          VARCHAR(12) NOT NULL,
    -- PENDING: in the outbox; QUEUED: on degreehub.check.dispatch; RETRYING; DELIVERED; DEAD (in the DLQ)
    delivery  VARCHAR(12) NOT NULL,
    attempts  INTEGER     DEFAULT 0 NOT NULL,
    last_error       VARCHAR(400),
    delivered_at     TIMESTAMP,
    document    TEXT        NOT NULL,
    urgent      VARCHAR(1)  DEFAULT 'N' NOT NULL,
    due_date    DATE        NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    created_by  VARCHAR(64) NOT NULL,
    outcome          VARCHAR(12),
    corrected        VARCHAR(400),
    remarks          VARCHAR(500),
    checker          VARCHAR(40),
    answered_by      VARCHAR(64),
    answered_at      TIMESTAMP,
    CONSTRAINT pk_check_task PRIMARY KEY (task_id),
    CONSTRAINT fk_check_application FOREIGN KEY (application_no) REFERENCES verification_application (application_no),
    CONSTRAINT ck_check_status CHECK (status IN ('OPEN', 'ANSWERED', 'CANCELLED')),
    CONSTRAINT ck_check_delivery CHECK (delivery IN ('PENDING', 'QUEUED', 'RETRYING', 'DELIVERED', 'DEAD')),
    CONSTRAINT ck_check_outcome CHECK (outcome IS NULL OR outcome IN ('CONFIRMED', 'CORRECTED', 'NO_RECORD'))
);
CREATE INDEX ix_check_unit ON check_task (unit_code, status, due_date);
CREATE INDEX ix_check_application ON check_task (application_no);
CREATE INDEX ix_check_delivery ON check_task (delivery, created_at);

-- what happened to a task: created, delivered, reassigned, answered (who, when)
CREATE SEQUENCE seq_check_event START WITH 1 INCREMENT BY 1;
CREATE TABLE check_task_event (
    id       BIGINT      NOT NULL,
    task_id  VARCHAR(24) NOT NULL,
    at       TIMESTAMP   NOT NULL,
    event    VARCHAR(20) NOT NULL,
    actor    VARCHAR(64) NOT NULL,
    note      VARCHAR(400),
    CONSTRAINT pk_check_task_event PRIMARY KEY (id),
    CONSTRAINT fk_check_event_task FOREIGN KEY (task_id) REFERENCES check_task (task_id)
);
CREATE INDEX ix_check_event_task ON check_task_event (task_id, id);

-- 数据库信息变更: a unit's CORRECTED answer proposes the degree as it really is; once the center confirms
-- it, the national record carries it and the next application for the degree matches at once
CREATE SEQUENCE seq_degree_change START WITH 1 INCREMENT BY 1;
CREATE TABLE degree_change (
    id                  BIGINT      NOT NULL,
    task_id             VARCHAR(24) NOT NULL,
    unit_code           VARCHAR(5)  NOT NULL,
    certificate_number  VARCHAR(24) NOT NULL,
    holder_name         VARCHAR(40) NOT NULL,
    id_type             VARCHAR(2)  NOT NULL,
    id_number           VARCHAR(24) NOT NULL,
    degree_level        VARCHAR(16) NOT NULL,
    award_date          DATE        NOT NULL,
    status              VARCHAR(12) NOT NULL,
    created_at          TIMESTAMP   NOT NULL,
    decided_by         VARCHAR(64),
    decided_at         TIMESTAMP,
    CONSTRAINT pk_degree_change PRIMARY KEY (id),
    CONSTRAINT ck_degree_change_status CHECK (status IN ('PROPOSED', 'CONFIRMED', 'REJECTED'))
);
CREATE INDEX ix_degree_change_cert ON degree_change (certificate_number, status);

-- a report replaced after an objection or a spot check stays verifiable as REVOKED, pointing to its successor
ALTER TABLE verification_report ADD COLUMN revoked_at TIMESTAMP, ADD COLUMN revocation_reason VARCHAR(400);
