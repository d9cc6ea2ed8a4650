-- The rest of the national data standard's fields (filing.xsd 1.2, docs/domain-rules.md "Filing validation"):
-- accepted on both channels, stored as filed, shown in a record's detail.
ALTER TABLE degree_record ADD (
    xb     VARCHAR2(4 CHAR),
    mz     VARCHAR2(20 CHAR),
    zjlx   VARCHAR2(40 CHAR),
    wyksny VARCHAR2(6 CHAR),
    lwlx   VARCHAR2(40 CHAR),
    lwgjc  VARCHAR2(200 CHAR),
    lwxtly VARCHAR2(60 CHAR),
    lwyjfx VARCHAR2(100 CHAR),
    lwzxyz VARCHAR2(20 CHAR)
);
