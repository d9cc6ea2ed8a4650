-- 抽查: the center re-reviews a random share of the reports issued in a period; a report found wrong is
-- revoked or re-issued (DOMAIN.md §2, 8).
CREATE SEQUENCE seq_spot_check_run START WITH 1 INCREMENT BY 1;
CREATE TABLE spot_check_run (
    id           BIGINT        NOT NULL,
    period_from  DATE          NOT NULL,
    period_to    DATE          NOT NULL,
    share        NUMERIC(6, 5) NOT NULL,
    population   INTEGER       NOT NULL,
    sampled      INTEGER       NOT NULL,
    created_by   VARCHAR(64)   NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    CONSTRAINT pk_spot_check_run PRIMARY KEY (id)
);

CREATE SEQUENCE seq_spot_check_item START WITH 1 INCREMENT BY 1;
CREATE TABLE spot_check_item (
    id              BIGINT      NOT NULL,
    run_id          BIGINT      NOT NULL,
    report_no       VARCHAR(24) NOT NULL,
    application_no  VARCHAR(24) NOT NULL,
    status          VARCHAR(12) NOT NULL,
    reason         VARCHAR(400),
    new_report_no  VARCHAR(24),
    decided_by     VARCHAR(64),
    decided_at     TIMESTAMP,
    CONSTRAINT pk_spot_check_item PRIMARY KEY (id),
    CONSTRAINT fk_spot_item_run FOREIGN KEY (run_id) REFERENCES spot_check_run (id),
    CONSTRAINT ck_spot_item_status CHECK (status IN ('PENDING', 'CONFIRMED', 'REVOKED', 'REISSUED'))
);
CREATE INDEX ix_spot_item_run ON spot_check_item (run_id, id);
