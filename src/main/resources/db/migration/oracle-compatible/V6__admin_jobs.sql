-- Long admin operations (publication run, spot-check sampling, replay of a dead-letter queue) run in the
-- background; the console shows their progress and counts from here, also after a restart.
CREATE SEQUENCE seq_admin_job START WITH 1 INCREMENT BY 1;
CREATE TABLE admin_job (
    id          NUMBER(19)         NOT NULL,
    kind        VARCHAR2(32 CHAR)  NOT NULL,
    target      VARCHAR2(200 CHAR),
    actor       VARCHAR2(64 CHAR)  NOT NULL,
    status      VARCHAR2(12 CHAR)  NOT NULL,
    total       NUMBER(10),
    done        NUMBER(10)         DEFAULT 0 NOT NULL,
    failed      NUMBER(10)         DEFAULT 0 NOT NULL,
    step        VARCHAR2(200 CHAR),
    result      VARCHAR2(1000 CHAR),
    result_link VARCHAR2(200 CHAR),
    started_at  TIMESTAMP          NOT NULL,
    updated_at  TIMESTAMP          NOT NULL,
    finished_at TIMESTAMP,
    CONSTRAINT pk_admin_job PRIMARY KEY (id),
    CONSTRAINT ck_admin_job_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'))
);
CREATE INDEX ix_admin_job_kind ON admin_job (kind, status);
