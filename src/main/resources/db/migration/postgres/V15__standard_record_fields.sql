-- The rest of the national data standard's fields (filing.xsd 1.2, docs/domain-rules.md "Filing validation"):
-- accepted on both channels, stored as filed, shown in a record's detail.
ALTER TABLE degree_record
    ADD COLUMN xb VARCHAR(4),
    ADD COLUMN mz VARCHAR(20),
    ADD COLUMN zjlx VARCHAR(40),
    ADD COLUMN wyksny VARCHAR(6),
    ADD COLUMN lwlx VARCHAR(40),
    ADD COLUMN lwgjc VARCHAR(200),
    ADD COLUMN lwxtly VARCHAR(60),
    ADD COLUMN lwyjfx VARCHAR(100),
    ADD COLUMN lwzxyz VARCHAR(20);
