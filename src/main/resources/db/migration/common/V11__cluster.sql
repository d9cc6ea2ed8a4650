-- Two or more hub nodes on one database (docs/architecture.md, "Cluster"). Portable SQL: the same statements
-- run on H2 (Oracle mode), Oracle and PostgreSQL. SPRING_SESSION_ATTRIBUTES needs a binary column whose type
-- differs (BLOB / BYTEA): it is V11_1__console_session_attributes.sql in oracle-compatible/ and postgres/.

-- ShedLock (common.RunOnce): work that must run once in the cluster (publication, time-limit watch,
-- housekeeping, receipt reconciliation) runs on the node holding its row's lock; lock times are the database's.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT pk_shedlock PRIMARY KEY (name)
);

-- Spring Session JDBC: the console's sessions, readable by every node (a sign-in survives its node).
-- Times are epoch milliseconds (NUMERIC(19): Oracle has no BIGINT).
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         NUMERIC(19)  NOT NULL,
    LAST_ACCESS_TIME      NUMERIC(19)  NOT NULL,
    MAX_INACTIVE_INTERVAL INTEGER      NOT NULL,
    EXPIRY_TIME           NUMERIC(19)  NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

-- Routes an admin stopped or suspended: the wanted state, applied by every node (admin.RouteControl).
CREATE TABLE route_pause (
    route_id  VARCHAR(100) NOT NULL,
    action    VARCHAR(8)   NOT NULL,
    actor     VARCHAR(64)  NOT NULL,
    paused_at TIMESTAMP    NOT NULL,
    CONSTRAINT pk_route_pause PRIMARY KEY (route_id),
    CONSTRAINT ck_route_pause_action CHECK (action IN ('stop', 'suspend'))
);

-- The node that took an outbox row's lease or runs an admin job: at its start a node takes back only its own
-- rows left in flight, never another live node's.
ALTER TABLE portal_notification ADD claimed_by VARCHAR(255);
ALTER TABLE check_task ADD claimed_by VARCHAR(255);
ALTER TABLE admin_job ADD node_id VARCHAR(255);
