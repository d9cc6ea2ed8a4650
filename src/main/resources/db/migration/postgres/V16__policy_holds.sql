-- Policy holds (政策审查, 细则 第七条; docs/domain-rules.md "Policy holds"): the center holds a record suspected of
-- violating national degree policy, keeps the unit's written explanation (text and a PDF scan) and decides:
-- publish, or revoke. One OPEN hold per record at most (checked by PolicyHolds under the record's row lock).
CREATE TABLE policy_hold (
    id               BIGINT        NOT NULL,
    xwzsbh           VARCHAR(20)   NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    reason           VARCHAR(400)  NOT NULL,
    opened_by        VARCHAR(64)   NOT NULL,
    opened_at        TIMESTAMP     NOT NULL,
    explanation      VARCHAR(2000),
    explanation_pdf  BYTEA,
    explained_by     VARCHAR(64),
    explained_at     TIMESTAMP,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP,
    decision_reason  VARCHAR(400),
    CONSTRAINT pk_policy_hold PRIMARY KEY (id),
    CONSTRAINT ck_policy_hold_status CHECK (status IN ('OPEN', 'PUBLISHED', 'REVOKED'))
);
CREATE INDEX ix_policy_hold_record ON policy_hold (xwzsbh, status);
CREATE SEQUENCE seq_policy_hold START WITH 1 INCREMENT BY 1;
