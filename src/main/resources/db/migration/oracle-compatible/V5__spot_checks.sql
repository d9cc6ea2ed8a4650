-- 抽查: the center re-reviews a random share of the reports issued in a period; a report found wrong is
-- revoked or re-issued (DOMAIN.md §2, 8).
CREATE SEQUENCE seq_spot_check_run START WITH 1 INCREMENT BY 1;
CREATE TABLE spot_check_run (
    id           NUMBER(19)        NOT NULL,
    period_from  DATE              NOT NULL,
    period_to    DATE              NOT NULL,
    share        NUMBER(6, 5)      NOT NULL,
    population   NUMBER(10)        NOT NULL,
    sampled      NUMBER(10)        NOT NULL,
    created_by   VARCHAR2(64 CHAR) NOT NULL,
    created_at   TIMESTAMP         NOT NULL,
    CONSTRAINT pk_spot_check_run PRIMARY KEY (id)
);

CREATE SEQUENCE seq_spot_check_item START WITH 1 INCREMENT BY 1;
CREATE TABLE spot_check_item (
    id             NUMBER(19)         NOT NULL,
    run_id         NUMBER(19)         NOT NULL,
    report_no      VARCHAR2(24 CHAR)  NOT NULL,
    application_no VARCHAR2(24 CHAR)  NOT NULL,
    status         VARCHAR2(12 CHAR)  NOT NULL,
    reason         VARCHAR2(400 CHAR),
    new_report_no  VARCHAR2(24 CHAR),
    decided_by     VARCHAR2(64 CHAR),
    decided_at     TIMESTAMP,
    CONSTRAINT pk_spot_check_item PRIMARY KEY (id),
    CONSTRAINT fk_spot_item_run FOREIGN KEY (run_id) REFERENCES spot_check_run (id),
    CONSTRAINT ck_spot_item_status CHECK (status IN ('PENDING', 'CONFIRMED', 'REVOKED', 'REISSUED'))
);
CREATE INDEX ix_spot_item_run ON spot_check_item (run_id, id);
