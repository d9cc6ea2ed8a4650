-- Policy holds (政策审查, 细则 第七条; docs/domain-rules.md "Policy holds"): the center holds a record suspected of
-- violating national degree policy, keeps the unit's written explanation (text and a PDF scan) and decides:
-- publish, or revoke. One OPEN hold per record at most (checked by PolicyHolds under the record's row lock).
CREATE TABLE policy_hold (
    id               NUMBER(19)          NOT NULL,
    xwzsbh           VARCHAR2(20 CHAR)   NOT NULL,
    status           VARCHAR2(12 CHAR)   NOT NULL,
    reason           VARCHAR2(400 CHAR)  NOT NULL,
    opened_by        VARCHAR2(64 CHAR)   NOT NULL,
    opened_at        TIMESTAMP           NOT NULL,
    explanation      VARCHAR2(2000 CHAR),
    explanation_pdf  BLOB,
    explained_by     VARCHAR2(64 CHAR),
    explained_at     TIMESTAMP,
    decided_by       VARCHAR2(64 CHAR),
    decided_at       TIMESTAMP,
    decision_reason  VARCHAR2(400 CHAR),
    CONSTRAINT pk_policy_hold PRIMARY KEY (id),
    CONSTRAINT ck_policy_hold_status CHECK (status IN ('OPEN', 'PUBLISHED', 'REVOKED'))
);
CREATE INDEX ix_policy_hold_record ON policy_hold (xwzsbh, status);
CREATE SEQUENCE seq_policy_hold START WITH 1 INCREMENT BY 1;
