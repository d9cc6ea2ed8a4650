-- Manual verification: check tasks to degree-granting units (学位信息核查反馈表), their delivery on the
-- unit's channel, the units' answers, and database change records opened by corrections.
-- Oracle-compatible DDL; times UTC.

CREATE SEQUENCE seq_check_task START WITH 1 INCREMENT BY 1;
CREATE TABLE check_task (
    task_id          VARCHAR2(24 CHAR)  NOT NULL,
    application_no   VARCHAR2(24 CHAR)  NOT NULL,
    unit_code        VARCHAR2(5 CHAR)   NOT NULL,
    department       VARCHAR2(32 CHAR)  NOT NULL,
    channel          VARCHAR2(8 CHAR)   NOT NULL,
    status           VARCHAR2(12 CHAR)  NOT NULL,
    -- PENDING: in the outbox; QUEUED: on degreehub.check.dispatch; RETRYING; DELIVERED; DEAD (in the DLQ)
    delivery         VARCHAR2(12 CHAR)  NOT NULL,
    attempts         NUMBER(5)          DEFAULT 0 NOT NULL,
    last_error       VARCHAR2(400 CHAR),
    delivered_at     TIMESTAMP,
    document         CLOB               NOT NULL,
    urgent           VARCHAR2(1 CHAR)   DEFAULT 'N' NOT NULL,
    due_date         DATE               NOT NULL,
    created_at       TIMESTAMP          NOT NULL,
    created_by       VARCHAR2(64 CHAR)  NOT NULL,
    outcome          VARCHAR2(12 CHAR),
    corrected        VARCHAR2(400 CHAR),
    remarks          VARCHAR2(500 CHAR),
    checker          VARCHAR2(40 CHAR),
    answered_by      VARCHAR2(64 CHAR),
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
    id        NUMBER(19)         NOT NULL,
    task_id   VARCHAR2(24 CHAR)  NOT NULL,
    at        TIMESTAMP          NOT NULL,
    event     VARCHAR2(20 CHAR)  NOT NULL,
    actor     VARCHAR2(64 CHAR)  NOT NULL,
    note      VARCHAR2(400 CHAR),
    CONSTRAINT pk_check_task_event PRIMARY KEY (id),
    CONSTRAINT fk_check_event_task FOREIGN KEY (task_id) REFERENCES check_task (task_id)
);
CREATE INDEX ix_check_event_task ON check_task_event (task_id, id);

-- 数据库信息变更: a unit's CORRECTED answer proposes the degree as it really is; once the center confirms
-- it, the national record carries it and the next application for the degree matches at once
CREATE SEQUENCE seq_degree_change START WITH 1 INCREMENT BY 1;
CREATE TABLE degree_change (
    id                 NUMBER(19)         NOT NULL,
    task_id            VARCHAR2(24 CHAR)  NOT NULL,
    unit_code          VARCHAR2(5 CHAR)   NOT NULL,
    certificate_number VARCHAR2(24 CHAR)  NOT NULL,
    holder_name        VARCHAR2(40 CHAR)  NOT NULL,
    id_type            VARCHAR2(2 CHAR)   NOT NULL,
    id_number          VARCHAR2(24 CHAR)  NOT NULL,
    degree_level       VARCHAR2(16 CHAR)  NOT NULL,
    award_date         DATE               NOT NULL,
    status             VARCHAR2(12 CHAR)  NOT NULL,
    created_at         TIMESTAMP          NOT NULL,
    decided_by         VARCHAR2(64 CHAR),
    decided_at         TIMESTAMP,
    CONSTRAINT pk_degree_change PRIMARY KEY (id),
    CONSTRAINT ck_degree_change_status CHECK (status IN ('PROPOSED', 'CONFIRMED', 'REJECTED'))
);
CREATE INDEX ix_degree_change_cert ON degree_change (certificate_number, status);

-- a report replaced after an objection or a spot check stays verifiable as REVOKED, pointing to its successor
ALTER TABLE verification_report ADD (revoked_at TIMESTAMP, revocation_reason VARCHAR2(400 CHAR));
