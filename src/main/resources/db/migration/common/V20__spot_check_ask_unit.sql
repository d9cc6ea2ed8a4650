-- A spot check may ask the unit to co-operate (细则 第十五条): the verdict ASK_UNIT opens a check task for the
-- report's application; the unit's answer issues the report that replaces it. Portable SQL (H2, Oracle, PostgreSQL).
ALTER TABLE spot_check_item DROP CONSTRAINT ck_spot_item_status;
ALTER TABLE spot_check_item ADD CONSTRAINT ck_spot_item_status
    CHECK (status IN ('PENDING', 'CONFIRMED', 'REVOKED', 'REISSUED', 'ASKED_UNIT'));
