-- A unit without system access answers a check on paper (细则 第十四条): the center enters the answer and keeps the
-- scan of the signed form with the task (docs/domain-rules.md, "Check tasks").
CREATE TABLE check_paper_answer (
    task_id     VARCHAR(24)  NOT NULL,
    scan        BYTEA        NOT NULL,
    entered_by  VARCHAR(64)  NOT NULL,
    entered_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_check_paper_answer PRIMARY KEY (task_id)
);
