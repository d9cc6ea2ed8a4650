-- Degree verification for the national portal: applications, their history and attachments, reports,
-- and the outbox of status notifications to the portal. PostgreSQL DDL (as V1); times UTC.

CREATE SEQUENCE seq_application START WITH 1 INCREMENT BY 1;
CREATE TABLE verification_application (
    application_no     VARCHAR(24) NOT NULL,
    request_id         VARCHAR(64) NOT NULL,
    submitted_by       VARCHAR(64) NOT NULL,
    applicant_name     VARCHAR(40) NOT NULL,
    applicant_id_type  VARCHAR(2)  NOT NULL,
    applicant_id_no    VARCHAR(24) NOT NULL,
    applicant_phone    VARCHAR(20),
    applicant_email    VARCHAR(100),
    holder_name         VARCHAR(40) NOT NULL,
    id_type             VARCHAR(2)  NOT NULL,
    id_number           VARCHAR(24) NOT NULL,
    unit_code           VARCHAR(5)  NOT NULL,
    degree_level        VARCHAR(16) NOT NULL,
    award_date          DATE        NOT NULL,
    certificate_number  VARCHAR(24) NOT NULL,
    discipline         VARCHAR(60),
    honorary   VARCHAR(1)  DEFAULT 'N' NOT NULL,
    languages  VARCHAR(8)  NOT NULL,
    urgent     VARCHAR(1)  DEFAULT 'N' NOT NULL,
    status     VARCHAR(12) NOT NULL,
    result             VARCHAR(12),
    differing_fields   VARCHAR(200),
    report_no          VARCHAR(24),
    received_at      TIMESTAMP NOT NULL,
    received_date    DATE      NOT NULL,
    center_due_date  DATE      NOT NULL,
    unit_due_date    DATE      NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    CONSTRAINT pk_verification_application PRIMARY KEY (application_no),
    CONSTRAINT ck_application_status CHECK (status IN ('RECEIVED', 'REVIEW', 'CHECKING', 'COMPLETED', 'CANCELLED', 'REJECTED'))
);
CREATE INDEX ix_application_status ON verification_application (status, received_at);
CREATE INDEX ix_application_cert ON verification_application (certificate_number);

CREATE SEQUENCE seq_application_history START WITH 1 INCREMENT BY 1;
CREATE TABLE application_history (
    id              BIGINT      NOT NULL,
    application_no  VARCHAR(24) NOT NULL,
    at              TIMESTAMP   NOT NULL,
    status          VARCHAR(12) NOT NULL,
    actor           VARCHAR(64) NOT NULL,
    note_zh        VARCHAR(400),
    note_en        VARCHAR(400),
    CONSTRAINT pk_application_history PRIMARY KEY (id),
    CONSTRAINT fk_history_application FOREIGN KEY (application_no) REFERENCES verification_application (application_no)
);
CREATE INDEX ix_application_history ON application_history (application_no, id);

CREATE SEQUENCE seq_application_attachment START WITH 1 INCREMENT BY 1;
CREATE TABLE application_attachment (
    id              BIGINT       NOT NULL,
    application_no  VARCHAR(24)  NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    file_name       VARCHAR(100) NOT NULL,
    declared_type  VARCHAR(100),
    content_type  VARCHAR(40) NOT NULL,
    size_bytes    BIGINT      NOT NULL,
    sha256        VARCHAR(64) NOT NULL,
    content       BYTEA       NOT NULL,
    CONSTRAINT pk_application_attachment PRIMARY KEY (id),
    CONSTRAINT fk_attachment_application FOREIGN KEY (application_no) REFERENCES verification_application (application_no)
);
CREATE INDEX ix_attachment_application ON application_attachment (application_no);

-- One verification report (电子认证报告). The verification code is random and unique; it is never derived
-- from the report number.
CREATE SEQUENCE seq_report START WITH 1 INCREMENT BY 1;
CREATE TABLE verification_report (
    report_no          VARCHAR(24) NOT NULL,
    verification_code  VARCHAR(32) NOT NULL,
    application_no     VARCHAR(24) NOT NULL,
    result             VARCHAR(12) NOT NULL,
    differing_fields   VARCHAR(200),
    holder_name  VARCHAR(40) NOT NULL,
    holder_name_py     VARCHAR(60),
    id_type    VARCHAR(2)  NOT NULL,
    id_number  VARCHAR(24) NOT NULL,
    unit_code  VARCHAR(5)  NOT NULL,
    unit_name          VARCHAR(60),
    degree_level  VARCHAR(16) NOT NULL,
    discipline         VARCHAR(60),
    award_date          DATE        NOT NULL,
    certificate_number  VARCHAR(24) NOT NULL,
    languages           VARCHAR(8)  NOT NULL,
    issued_at           TIMESTAMP   NOT NULL,
    valid_until         DATE        NOT NULL,
    status              VARCHAR(12) NOT NULL,
    superseded_by      VARCHAR(24),
    closed_at          TIMESTAMP,
    CONSTRAINT pk_verification_report PRIMARY KEY (report_no),
    CONSTRAINT uq_report_code UNIQUE (verification_code),
    CONSTRAINT ck_report_status CHECK (status IN ('VALID', 'CLOSED', 'REVOKED'))
);
CREATE INDEX ix_report_application ON verification_report (application_no);

-- The signed PDF of a report, one per language.
CREATE TABLE report_document (
    report_no   VARCHAR(24) NOT NULL,
    language    VARCHAR(2)  NOT NULL,
    pdf         BYTEA       NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    CONSTRAINT pk_report_document PRIMARY KEY (report_no, language),
    CONSTRAINT fk_document_report FOREIGN KEY (report_no) REFERENCES verification_report (report_no)
);

-- Outbox of status notifications to the portal: written in the transaction of the status change,
-- moved to the notification queue after commit, marked delivered when the portal acknowledged.
CREATE TABLE portal_notification (
    event_id        VARCHAR(40) NOT NULL,
    application_no  VARCHAR(24) NOT NULL,
    status          VARCHAR(12) NOT NULL,
    report_no      VARCHAR(24),
    result         VARCHAR(12),
    changed_at  TIMESTAMP   NOT NULL,
    state       VARCHAR(12) NOT NULL,
    attempts    INTEGER     DEFAULT 0 NOT NULL,
    last_error     VARCHAR(400),
    queued_at      TIMESTAMP,
    delivered_at   TIMESTAMP,
    CONSTRAINT pk_portal_notification PRIMARY KEY (event_id),
    CONSTRAINT ck_notification_state CHECK (state IN ('PENDING', 'QUEUED', 'DELIVERED', 'DEAD'))
);
CREATE INDEX ix_notification_state ON portal_notification (state, changed_at);
