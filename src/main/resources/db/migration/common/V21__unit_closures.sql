-- Closures (寒假, 暑假) a unit's lead department announced ahead (announceClosure); the registry's own closures are in
-- config/partners.yml. Their days do not count toward the unit's time limits (docs/domain-rules.md, "Closures").
-- Overlapping closures of a unit are refused, so a unit's closures start on different days. Portable SQL; reason
-- holds 100 characters of UTF-8 (bytes on Oracle).
CREATE TABLE unit_closure (
    unit_code    VARCHAR(10)   NOT NULL,
    from_date    DATE          NOT NULL,
    to_date      DATE          NOT NULL,
    reason       VARCHAR(400)  NOT NULL,
    announced_by VARCHAR(64)   NOT NULL,
    announced_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_unit_closure PRIMARY KEY (unit_code, from_date)
);
