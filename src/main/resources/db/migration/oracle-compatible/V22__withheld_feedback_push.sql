-- Withheld-records feedback pushed to the degree-granting units by May 31 / Nov 30 (docs/domain-rules.md,
-- "Withheld feedback pushed to the units"): one row per push of a semester's withheld records to one unit, with the
-- document sent and its delivery on the unit's channel (delivery.Outbox columns). Oracle-compatible DDL; times UTC.
CREATE TABLE withheld_feedback_push (
    push_id          VARCHAR2(40 CHAR)  NOT NULL,
    semester         VARCHAR2(11 CHAR)  NOT NULL,
    unit_code        VARCHAR2(5 CHAR)   NOT NULL,
    -- the unit's n-th push of the semester (a later one only when its withheld records changed)
    seq              NUMBER(5)          NOT NULL,
    record_count     NUMBER(10)         NOT NULL,
    -- SHA-256 of the withheld records' numbers and reasons: a push is repeated only when it differs
    records_hash     VARCHAR2(64 CHAR)  NOT NULL,
    feedback_date    DATE               NOT NULL,
    late             VARCHAR2(1 CHAR)   NOT NULL,
    channel          VARCHAR2(8 CHAR)   NOT NULL,
    document         CLOB               NOT NULL,
    created_at       TIMESTAMP          NOT NULL,
    created_by       VARCHAR2(64 CHAR)  NOT NULL,
    -- PENDING, QUEUED (an attempt in flight), RETRYING, DELIVERED, DEAD (in DLQ.degreehub.feedback.dispatch),
    -- PICKUP (a SOAP unit without a feedback endpoint: it fetches the feedback with getWithheldFeedback)
    delivery         VARCHAR2(12 CHAR)  NOT NULL,
    delivered_at     TIMESTAMP,
    attempts         NUMBER(5)          DEFAULT 0 NOT NULL,
    last_error       VARCHAR2(400 CHAR),
    next_attempt_at  TIMESTAMP,
    first_attempt_at TIMESTAMP,
    claimed_by       VARCHAR2(255 CHAR),
    CONSTRAINT pk_withheld_feedback_push PRIMARY KEY (push_id),
    CONSTRAINT uq_withheld_feedback_push UNIQUE (semester, unit_code, seq),
    CONSTRAINT ck_feedback_late CHECK (late IN ('Y', 'N')),
    CONSTRAINT ck_feedback_channel CHECK (channel IN ('QUEUE', 'SOAP')),
    CONSTRAINT ck_feedback_delivery CHECK (delivery IN ('PENDING', 'QUEUED', 'RETRYING', 'DELIVERED', 'DEAD', 'PICKUP'))
);
CREATE INDEX ix_feedback_delivery ON withheld_feedback_push (delivery, created_at);
