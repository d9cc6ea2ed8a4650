-- 学位绑定 (bindDegree, docs/domain-rules.md "Binding a degree"): the degrees bound to a holder's portal account, and
-- per account the failed attempts and the extra attempts the center granted. Portable SQL (H2, Oracle, PostgreSQL).
CREATE TABLE degree_binding (
    holder_account     VARCHAR(64)  NOT NULL,
    certificate_number VARCHAR(24)  NOT NULL,
    bound_at           TIMESTAMP    NOT NULL,
    bound_by           VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_degree_binding PRIMARY KEY (holder_account, certificate_number)
);
CREATE TABLE binding_allowance (
    holder_account   VARCHAR(64)  NOT NULL,
    failed_attempts  INTEGER      DEFAULT 0 NOT NULL,
    granted_attempts INTEGER      DEFAULT 0 NOT NULL,
    last_failed_at   TIMESTAMP,
    CONSTRAINT pk_binding_allowance PRIMARY KEY (holder_account)
);
