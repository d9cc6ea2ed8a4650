-- Degree-award annual database and filing intake.
-- PostgreSQL DDL, the same schema as db/migration/oracle-compatible/V1 (VARCHAR2(n CHAR) = VARCHAR(n), NUMBER(19) =
-- BIGINT, NUMBER(10) = INTEGER, CLOB = TEXT, BLOB = BYTEA). Times are UTC (TIMESTAMP);
-- calendar logic converts to Asia/Shanghai.

-- One awarded degree. Columns named after the field codes of the national degree-award
-- data standard (DOMAIN.md §4) so a filed record maps one to one.
CREATE TABLE degree_record (
    xwzsbh         VARCHAR(20) NOT NULL,
    batch_id       VARCHAR(64) NOT NULL,
    province_code  VARCHAR(2)  NOT NULL,
    semester       VARCHAR(11) NOT NULL,
    xm             VARCHAR(40) NOT NULL,
    xmpy              VARCHAR(60),
    xbm               VARCHAR(1),
    csrq              DATE,
    gbm               VARCHAR(3),
    mzm               VARCHAR(2),
    zzmmm             VARCHAR(2),
    zjlxm    VARCHAR(2)  NOT NULL,
    zjhm     VARCHAR(18) NOT NULL,
    xwsydwm  VARCHAR(5)  NOT NULL,
    xwsydw            VARCHAR(60),
    xzxm              VARCHAR(40),
    zxxm              VARCHAR(40),
    pydwm             VARCHAR(5),
    pydw              VARCHAR(60),
    xwlbm  VARCHAR(5) NOT NULL,
    xwlb              VARCHAR(60),
    zydm  VARCHAR(7) NOT NULL,
    zymc              VARCHAR(60),
    zszymc            VARCHAR(60),
    ksh               VARCHAR(20),
    xh                VARCHAR(20),
    rxny              VARCHAR(6),
    byny              VARCHAR(6),
    xz                VARCHAR(3),
    xxxsm             VARCHAR(1),
    xxxs              VARCHAR(20),
    hxwrq  DATE NOT NULL,
    jybh              VARCHAR(40),
    zp                VARCHAR(100),
    bz                VARCHAR(400),
    dsxm              VARCHAR(40),
    lwtm              VARCHAR(200),
    sfsm              VARCHAR(1),
    zcsc              VARCHAR(1),
    degree_level  VARCHAR(16) NOT NULL,
    status        VARCHAR(12) NOT NULL,
    withheld_reason   VARCHAR(16),
    withheld_detail   VARCHAR(400),
    published_at      TIMESTAMP,
    revoked_at        TIMESTAMP,
    revocation_date   DATE,
    revocation_reason VARCHAR(400),
    revocation_late   VARCHAR(1),
    record_version  INTEGER   DEFAULT 1 NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CONSTRAINT pk_degree_record PRIMARY KEY (xwzsbh),
    CONSTRAINT ck_degree_record_status CHECK (status IN ('APPROVED', 'PUBLISHED', 'WITHHELD', 'REVOKED'))
);
CREATE INDEX ix_degree_record_zjhm ON degree_record (zjhm);
CREATE INDEX ix_degree_record_unit ON degree_record (xwsydwm, semester, status);
CREATE INDEX ix_degree_record_prov ON degree_record (province_code, semester, status);

-- One filing batch with its receipt counts; stored in the same transaction as its records.
CREATE TABLE filing_batch (
    batch_id       VARCHAR(64) NOT NULL,
    province_code  VARCHAR(2)  NOT NULL,
    unit_code      VARCHAR(5)  NOT NULL,
    semester       VARCHAR(11) NOT NULL,
    channel        VARCHAR(8)  NOT NULL,
    submitted_by   VARCHAR(64) NOT NULL,
    received_at    TIMESTAMP   NOT NULL,
    received       INTEGER     NOT NULL,
    accepted       INTEGER     NOT NULL,
    rejected       INTEGER     NOT NULL,
    CONSTRAINT pk_filing_batch PRIMARY KEY (batch_id)
);
CREATE INDEX ix_filing_batch_prov ON filing_batch (province_code, received_at);

CREATE TABLE filing_rejection (
    batch_id   VARCHAR(64) NOT NULL,
    rec_index  INTEGER     NOT NULL,
    xwzsbh     VARCHAR(40),
    code  VARCHAR(32) NOT NULL,
    field      VARCHAR(16),
    message_zh  VARCHAR(400) NOT NULL,
    message_en  VARCHAR(400) NOT NULL,
    CONSTRAINT pk_filing_rejection PRIMARY KEY (batch_id, rec_index),
    CONSTRAINT fk_filing_rejection_batch FOREIGN KEY (batch_id) REFERENCES filing_batch (batch_id)
);

-- Who changed which record, when, and what changed (corrections, revocations, publication decisions).
CREATE SEQUENCE seq_record_history START WITH 1 INCREMENT BY 1;
CREATE TABLE record_history (
    id      BIGINT      NOT NULL,
    xwzsbh  VARCHAR(20) NOT NULL,
    action  VARCHAR(16) NOT NULL,
    actor   VARCHAR(64) NOT NULL,
    request_id VARCHAR(64),
    at  TIMESTAMP NOT NULL,
    changes    TEXT,
    CONSTRAINT pk_record_history PRIMARY KEY (id)
);
CREATE INDEX ix_record_history_cert ON record_history (xwzsbh, at);

-- Idempotent requests: the first answer to (account, operation, requestId), replayed on repeats.
CREATE TABLE idempotent_request (
    account     VARCHAR(64) NOT NULL,
    operation   VARCHAR(64) NOT NULL,
    request_id  VARCHAR(64) NOT NULL,
    response    TEXT        NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    CONSTRAINT pk_idempotent_request PRIMARY KEY (account, operation, request_id)
);

-- WS-Security nonces seen (replay protection that survives restarts and spans nodes).
CREATE TABLE ws_nonce (
    nonce       VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_ws_nonce PRIMARY KEY (nonce)
);
CREATE INDEX ix_ws_nonce_expiry ON ws_nonce (expires_at);

CREATE SEQUENCE seq_publication_run START WITH 1 INCREMENT BY 1;
CREATE TABLE publication_run (
    id            BIGINT      NOT NULL,
    triggered_by  VARCHAR(64) NOT NULL,
    started_at    TIMESTAMP   NOT NULL,
    finished_at  TIMESTAMP,
    examined   INTEGER     DEFAULT 0 NOT NULL,
    published  INTEGER     DEFAULT 0 NOT NULL,
    withheld   INTEGER     DEFAULT 0 NOT NULL,
    status     VARCHAR(12) NOT NULL,
    CONSTRAINT pk_publication_run PRIMARY KEY (id)
);

CREATE SEQUENCE seq_audit_log START WITH 1 INCREMENT BY 1;
CREATE TABLE audit_log (
    id      BIGINT      NOT NULL,
    at      TIMESTAMP   NOT NULL,
    actor   VARCHAR(64) NOT NULL,
    action  VARCHAR(64) NOT NULL,
    target  VARCHAR(200),
    detail  VARCHAR(2000),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
