-- The database change process (细则 第十一条, docs/domain-rules.md "Database changes"): a change record opens with
-- every check of a mismatch or a missing record and closes only when the national record agrees. New states (OPEN,
-- AWAIT_FILING, FILED, CORRECTED, NO_DEGREE beside PROPOSED, CONFIRMED, REJECTED) are checked in the code
-- (check.DegreeChanges): the constraint goes, as ck_check_outcome did in V17. Portable SQL (H2, Oracle, PostgreSQL).
ALTER TABLE degree_change DROP CONSTRAINT ck_degree_change_status;
ALTER TABLE degree_change ADD application_no VARCHAR(24);
ALTER TABLE degree_change ADD kind VARCHAR(8);
ALTER TABLE degree_change ADD unit_answer VARCHAR(12);
ALTER TABLE degree_change ADD note VARCHAR(400);
ALTER TABLE degree_change ADD linked_batch_id VARCHAR(64);
ALTER TABLE degree_change ADD closed_at TIMESTAMP;
