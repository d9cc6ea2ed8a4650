-- A unit's answer OTHER (其他, with mandatory remarks; check.xsd 1.2): the application goes back to the center's review.
-- The outcome's CHECK constraint goes rather than being re-created with OTHER: re-creating it broke H2 2.x in our
-- tests (the rows' CLOB documents could not be read afterwards, "streamStoreId" errors). The value is always written
-- from the enumeration cn.degreehub.check.CheckAnswer.Outcome. Portable SQL (H2, Oracle, PostgreSQL).
ALTER TABLE check_task DROP CONSTRAINT ck_check_outcome;
