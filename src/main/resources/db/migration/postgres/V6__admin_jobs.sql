-- Long admin operations (publication run, spot-check sampling, replay of a dead-letter queue) run in the
-- background; the console shows their progress and counts from here, also after a restart.
CREATE SEQUENCE seq_admin_job START WITH 1 INCREMENT BY 1;
CREATE TABLE admin_job (
    id    BIGINT      NOT NULL,
    kind  VARCHAR(32) NOT NULL,
    target      VARCHAR(200),
    actor   VARCHAR(64) NOT NULL,
    status  VARCHAR(12) NOT NULL,
    total       INTEGER,
    done    INTEGER DEFAULT 0 NOT NULL,
    failed  INTEGER DEFAULT 0 NOT NULL,
    step        VARCHAR(200),
    result      VARCHAR(1000),
    result_link VARCHAR(200),
    started_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    CONSTRAINT pk_admin_job PRIMARY KEY (id),
    CONSTRAINT ck_admin_job_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'))
);
CREATE INDEX ix_admin_job_kind ON admin_job (kind, status);
