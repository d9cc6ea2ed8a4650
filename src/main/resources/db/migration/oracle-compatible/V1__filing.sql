-- Degree-award annual database and filing intake.
-- Oracle-compatible DDL (runs unchanged on H2 in Oracle mode). Times are UTC (TIMESTAMP);
-- calendar logic converts to Asia/Shanghai.

-- One awarded degree. Columns named after the field codes of the national degree-award
-- data standard (DOMAIN.md §4) so a filed record maps one to one.
CREATE TABLE degree_record (
    xwzsbh            VARCHAR2(20 CHAR)  NOT NULL,
    batch_id          VARCHAR2(64 CHAR)  NOT NULL,
    province_code     VARCHAR2(2 CHAR)   NOT NULL,
    semester          VARCHAR2(11 CHAR)  NOT NULL,
    xm                VARCHAR2(40 CHAR)  NOT NULL,
    xmpy              VARCHAR2(60 CHAR),
    xbm               VARCHAR2(1 CHAR),
    csrq              DATE,
    gbm               VARCHAR2(3 CHAR),
    mzm               VARCHAR2(2 CHAR),
    zzmmm             VARCHAR2(2 CHAR),
    zjlxm             VARCHAR2(2 CHAR)   NOT NULL,
    zjhm              VARCHAR2(18 CHAR)  NOT NULL,
    xwsydwm           VARCHAR2(5 CHAR)   NOT NULL,
    xwsydw            VARCHAR2(60 CHAR),
    xzxm              VARCHAR2(40 CHAR),
    zxxm              VARCHAR2(40 CHAR),
    pydwm             VARCHAR2(5 CHAR),
    pydw              VARCHAR2(60 CHAR),
    xwlbm             VARCHAR2(5 CHAR)   NOT NULL,
    xwlb              VARCHAR2(60 CHAR),
    zydm              VARCHAR2(7 CHAR)   NOT NULL,
    zymc              VARCHAR2(60 CHAR),
    zszymc            VARCHAR2(60 CHAR),
    ksh               VARCHAR2(20 CHAR),
    xh                VARCHAR2(20 CHAR),
    rxny              VARCHAR2(6 CHAR),
    byny              VARCHAR2(6 CHAR),
    xz                VARCHAR2(3 CHAR),
    xxxsm             VARCHAR2(1 CHAR),
    xxxs              VARCHAR2(20 CHAR),
    hxwrq             DATE               NOT NULL,
    jybh              VARCHAR2(40 CHAR),
    zp                VARCHAR2(100 CHAR),
    bz                VARCHAR2(400 CHAR),
    dsxm              VARCHAR2(40 CHAR),
    lwtm              VARCHAR2(200 CHAR),
    sfsm              VARCHAR2(1 CHAR),
    zcsc              VARCHAR2(1 CHAR),
    degree_level      VARCHAR2(16 CHAR)  NOT NULL,
    status            VARCHAR2(12 CHAR)  NOT NULL,
    withheld_reason   VARCHAR2(16 CHAR),
    withheld_detail   VARCHAR2(400 CHAR),
    published_at      TIMESTAMP,
    revoked_at        TIMESTAMP,
    revocation_date   DATE,
    revocation_reason VARCHAR2(400 CHAR),
    revocation_late   VARCHAR2(1 CHAR),
    record_version    NUMBER(10)         DEFAULT 1 NOT NULL,
    created_at        TIMESTAMP          NOT NULL,
    updated_at        TIMESTAMP          NOT NULL,
    CONSTRAINT pk_degree_record PRIMARY KEY (xwzsbh),
    CONSTRAINT ck_degree_record_status CHECK (status IN ('APPROVED', 'PUBLISHED', 'WITHHELD', 'REVOKED'))
);
CREATE INDEX ix_degree_record_zjhm ON degree_record (zjhm);
CREATE INDEX ix_degree_record_unit ON degree_record (xwsydwm, semester, status);
CREATE INDEX ix_degree_record_prov ON degree_record (province_code, semester, status);

-- One filing batch with its receipt counts; stored in the same transaction as its records.
CREATE TABLE filing_batch (
    batch_id      VARCHAR2(64 CHAR) NOT NULL,
    province_code VARCHAR2(2 CHAR)  NOT NULL,
    unit_code     VARCHAR2(5 CHAR)  NOT NULL,
    semester      VARCHAR2(11 CHAR) NOT NULL,
    channel       VARCHAR2(8 CHAR)  NOT NULL,
    submitted_by  VARCHAR2(64 CHAR) NOT NULL,
    received_at   TIMESTAMP         NOT NULL,
    received      NUMBER(10)        NOT NULL,
    accepted      NUMBER(10)        NOT NULL,
    rejected      NUMBER(10)        NOT NULL,
    CONSTRAINT pk_filing_batch PRIMARY KEY (batch_id)
);
CREATE INDEX ix_filing_batch_prov ON filing_batch (province_code, received_at);

CREATE TABLE filing_rejection (
    batch_id   VARCHAR2(64 CHAR)  NOT NULL,
    rec_index  NUMBER(10)         NOT NULL,
    xwzsbh     VARCHAR2(40 CHAR),
    code       VARCHAR2(32 CHAR)  NOT NULL,
    field      VARCHAR2(16 CHAR),
    message_zh VARCHAR2(400 CHAR) NOT NULL,
    message_en VARCHAR2(400 CHAR) NOT NULL,
    CONSTRAINT pk_filing_rejection PRIMARY KEY (batch_id, rec_index),
    CONSTRAINT fk_filing_rejection_batch FOREIGN KEY (batch_id) REFERENCES filing_batch (batch_id)
);

-- Who changed which record, when, and what changed (corrections, revocations, publication decisions).
CREATE SEQUENCE seq_record_history START WITH 1 INCREMENT BY 1;
CREATE TABLE record_history (
    id         NUMBER(19)         NOT NULL,
    xwzsbh     VARCHAR2(20 CHAR)  NOT NULL,
    action     VARCHAR2(16 CHAR)  NOT NULL,
    actor      VARCHAR2(64 CHAR)  NOT NULL,
    request_id VARCHAR2(64 CHAR),
    at         TIMESTAMP          NOT NULL,
    changes    CLOB,
    CONSTRAINT pk_record_history PRIMARY KEY (id)
);
CREATE INDEX ix_record_history_cert ON record_history (xwzsbh, at);

-- Idempotent requests: the first answer to (account, operation, requestId), replayed on repeats.
CREATE TABLE idempotent_request (
    account    VARCHAR2(64 CHAR)  NOT NULL,
    operation  VARCHAR2(64 CHAR)  NOT NULL,
    request_id VARCHAR2(64 CHAR)  NOT NULL,
    response   CLOB               NOT NULL,
    created_at TIMESTAMP          NOT NULL,
    CONSTRAINT pk_idempotent_request PRIMARY KEY (account, operation, request_id)
);

-- WS-Security nonces seen (replay protection that survives restarts and spans nodes).
CREATE TABLE ws_nonce (
    nonce      VARCHAR2(200 CHAR) NOT NULL,
    expires_at TIMESTAMP          NOT NULL,
    CONSTRAINT pk_ws_nonce PRIMARY KEY (nonce)
);
CREATE INDEX ix_ws_nonce_expiry ON ws_nonce (expires_at);

CREATE SEQUENCE seq_publication_run START WITH 1 INCREMENT BY 1;
CREATE TABLE publication_run (
    id           NUMBER(19)        NOT NULL,
    triggered_by VARCHAR2(64 CHAR) NOT NULL,
    started_at   TIMESTAMP         NOT NULL,
    finished_at  TIMESTAMP,
    examined     NUMBER(10)        DEFAULT 0 NOT NULL,
    published    NUMBER(10)        DEFAULT 0 NOT NULL,
    withheld     NUMBER(10)        DEFAULT 0 NOT NULL,
    status       VARCHAR2(12 CHAR) NOT NULL,
    CONSTRAINT pk_publication_run PRIMARY KEY (id)
);

CREATE SEQUENCE seq_audit_log START WITH 1 INCREMENT BY 1;
CREATE TABLE audit_log (
    id      NUMBER(19)          NOT NULL,
    at      TIMESTAMP           NOT NULL,
    actor   VARCHAR2(64 CHAR)   NOT NULL,
    action  VARCHAR2(64 CHAR)   NOT NULL,
    target  VARCHAR2(200 CHAR),
    detail  VARCHAR2(2000 CHAR),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
