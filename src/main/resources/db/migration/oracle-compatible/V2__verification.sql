-- Degree verification for the national portal: applications, their history and attachments, reports,
-- and the outbox of status notifications to the portal. Oracle-compatible DDL; times UTC.

CREATE SEQUENCE seq_application START WITH 1 INCREMENT BY 1;
CREATE TABLE verification_application (
    application_no     VARCHAR2(24 CHAR)  NOT NULL,
    request_id         VARCHAR2(64 CHAR)  NOT NULL,
    submitted_by       VARCHAR2(64 CHAR)  NOT NULL,
    applicant_name     VARCHAR2(40 CHAR)  NOT NULL,
    applicant_id_type  VARCHAR2(2 CHAR)   NOT NULL,
    applicant_id_no    VARCHAR2(24 CHAR)  NOT NULL,
    applicant_phone    VARCHAR2(20 CHAR),
    applicant_email    VARCHAR2(100 CHAR),
    holder_name        VARCHAR2(40 CHAR)  NOT NULL,
    id_type            VARCHAR2(2 CHAR)   NOT NULL,
    id_number          VARCHAR2(24 CHAR)  NOT NULL,
    unit_code          VARCHAR2(5 CHAR)   NOT NULL,
    degree_level       VARCHAR2(16 CHAR)  NOT NULL,
    award_date         DATE               NOT NULL,
    certificate_number VARCHAR2(24 CHAR)  NOT NULL,
    discipline         VARCHAR2(60 CHAR),
    honorary           VARCHAR2(1 CHAR)   DEFAULT 'N' NOT NULL,
    languages          VARCHAR2(8 CHAR)   NOT NULL,
    urgent             VARCHAR2(1 CHAR)   DEFAULT 'N' NOT NULL,
    status             VARCHAR2(12 CHAR)  NOT NULL,
    result             VARCHAR2(12 CHAR),
    differing_fields   VARCHAR2(200 CHAR),
    report_no          VARCHAR2(24 CHAR),
    received_at        TIMESTAMP          NOT NULL,
    received_date      DATE               NOT NULL,
    center_due_date    DATE               NOT NULL,
    unit_due_date      DATE               NOT NULL,
    updated_at         TIMESTAMP          NOT NULL,
    CONSTRAINT pk_verification_application PRIMARY KEY (application_no),
    CONSTRAINT ck_application_status CHECK (status IN ('RECEIVED', 'REVIEW', 'CHECKING', 'COMPLETED', 'CANCELLED', 'REJECTED'))
);
CREATE INDEX ix_application_status ON verification_application (status, received_at);
CREATE INDEX ix_application_cert ON verification_application (certificate_number);

CREATE SEQUENCE seq_application_history START WITH 1 INCREMENT BY 1;
CREATE TABLE application_history (
    id             NUMBER(19)         NOT NULL,
    application_no VARCHAR2(24 CHAR)  NOT NULL,
    at             TIMESTAMP          NOT NULL,
    status         VARCHAR2(12 CHAR)  NOT NULL,
    actor          VARCHAR2(64 CHAR)  NOT NULL,
    note_zh        VARCHAR2(400 CHAR),
    note_en        VARCHAR2(400 CHAR),
    CONSTRAINT pk_application_history PRIMARY KEY (id),
    CONSTRAINT fk_history_application FOREIGN KEY (application_no) REFERENCES verification_application (application_no)
);
CREATE INDEX ix_application_history ON application_history (application_no, id);

CREATE SEQUENCE seq_application_attachment START WITH 1 INCREMENT BY 1;
CREATE TABLE application_attachment (
    id             NUMBER(19)         NOT NULL,
    application_no VARCHAR2(24 CHAR)  NOT NULL,
    kind           VARCHAR2(20 CHAR)  NOT NULL,
    file_name      VARCHAR2(100 CHAR) NOT NULL,
    declared_type  VARCHAR2(100 CHAR),
    content_type   VARCHAR2(40 CHAR)  NOT NULL,
    size_bytes     NUMBER(19)         NOT NULL,
    sha256         VARCHAR2(64 CHAR)  NOT NULL,
    content        BLOB               NOT NULL,
    CONSTRAINT pk_application_attachment PRIMARY KEY (id),
    CONSTRAINT fk_attachment_application FOREIGN KEY (application_no) REFERENCES verification_application (application_no)
);
CREATE INDEX ix_attachment_application ON application_attachment (application_no);

-- One verification report (电子认证报告). The verification code is random and unique; it is never derived
-- from the report number.
CREATE SEQUENCE seq_report START WITH 1 INCREMENT BY 1;
CREATE TABLE verification_report (
    report_no          VARCHAR2(24 CHAR)  NOT NULL,
    verification_code  VARCHAR2(32 CHAR)  NOT NULL,
    application_no     VARCHAR2(24 CHAR)  NOT NULL,
    result             VARCHAR2(12 CHAR)  NOT NULL,
    differing_fields   VARCHAR2(200 CHAR),
    holder_name        VARCHAR2(40 CHAR)  NOT NULL,
    holder_name_py     VARCHAR2(60 CHAR),
    id_type            VARCHAR2(2 CHAR)   NOT NULL,
    id_number          VARCHAR2(24 CHAR)  NOT NULL,
    unit_code          VARCHAR2(5 CHAR)   NOT NULL,
    unit_name          VARCHAR2(60 CHAR),
    degree_level       VARCHAR2(16 CHAR)  NOT NULL,
    discipline         VARCHAR2(60 CHAR),
    award_date         DATE               NOT NULL,
    certificate_number VARCHAR2(24 CHAR)  NOT NULL,
    languages          VARCHAR2(8 CHAR)   NOT NULL,
    issued_at          TIMESTAMP          NOT NULL,
    valid_until        DATE               NOT NULL,
    status             VARCHAR2(12 CHAR)  NOT NULL,
    superseded_by      VARCHAR2(24 CHAR),
    closed_at          TIMESTAMP,
    CONSTRAINT pk_verification_report PRIMARY KEY (report_no),
    CONSTRAINT uq_report_code UNIQUE (verification_code),
    CONSTRAINT ck_report_status CHECK (status IN ('VALID', 'CLOSED', 'REVOKED'))
);
CREATE INDEX ix_report_application ON verification_report (application_no);

-- The signed PDF of a report, one per language.
CREATE TABLE report_document (
    report_no  VARCHAR2(24 CHAR) NOT NULL,
    language   VARCHAR2(2 CHAR)  NOT NULL,
    pdf        BLOB              NOT NULL,
    sha256     VARCHAR2(64 CHAR) NOT NULL,
    created_at TIMESTAMP         NOT NULL,
    CONSTRAINT pk_report_document PRIMARY KEY (report_no, language),
    CONSTRAINT fk_document_report FOREIGN KEY (report_no) REFERENCES verification_report (report_no)
);

-- Outbox of status notifications to the portal: written in the transaction of the status change,
-- moved to the notification queue after commit, marked delivered when the portal acknowledged.
CREATE TABLE portal_notification (
    event_id       VARCHAR2(40 CHAR)   NOT NULL,
    application_no VARCHAR2(24 CHAR)   NOT NULL,
    status         VARCHAR2(12 CHAR)   NOT NULL,
    report_no      VARCHAR2(24 CHAR),
    result         VARCHAR2(12 CHAR),
    changed_at     TIMESTAMP           NOT NULL,
    state          VARCHAR2(12 CHAR)   NOT NULL,
    attempts       NUMBER(10)          DEFAULT 0 NOT NULL,
    last_error     VARCHAR2(400 CHAR),
    queued_at      TIMESTAMP,
    delivered_at   TIMESTAMP,
    CONSTRAINT pk_portal_notification PRIMARY KEY (event_id),
    CONSTRAINT ck_notification_state CHECK (state IN ('PENDING', 'QUEUED', 'DELIVERED', 'DEAD'))
);
CREATE INDEX ix_notification_state ON portal_notification (state, changed_at);
