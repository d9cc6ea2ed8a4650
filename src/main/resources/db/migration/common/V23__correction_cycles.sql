-- The monthly correction cycle (docs/domain-rules.md "Semesters and publication"): the corrections of a month are
-- processed by the 5th working day of the next; each cycle once, with what became of each corrected record.
-- Portable SQL (H2, Oracle, PostgreSQL).
CREATE TABLE correction_cycle (
    cycle_month    VARCHAR(7)   NOT NULL,
    due_date       DATE         NOT NULL,
    processed_at   TIMESTAMP    NOT NULL,
    processed_by   VARCHAR(64)  NOT NULL,
    corrected      INTEGER      NOT NULL,
    published      INTEGER      NOT NULL,
    fed_back       INTEGER      NOT NULL,
    other          INTEGER      NOT NULL,
    CONSTRAINT pk_correction_cycle PRIMARY KEY (cycle_month)
);
CREATE TABLE correction_cycle_record (
    cycle_month    VARCHAR(7)   NOT NULL,
    xwzsbh         VARCHAR(20)  NOT NULL,
    unit_code      VARCHAR(5)   NOT NULL,
    province_code  VARCHAR(2)   NOT NULL,
    semester       VARCHAR(11)  NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    reason         VARCHAR(16),
    detail         VARCHAR(400),
    CONSTRAINT pk_correction_cycle_record PRIMARY KEY (cycle_month, xwzsbh)
);
