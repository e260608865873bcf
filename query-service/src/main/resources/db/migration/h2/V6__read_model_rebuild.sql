-- Rebuilding the read models from the topic (docs/administration.md, "Rebuilding read models"). V6, not V5:
-- V5 is the admin read side's.
--
-- user_view_rebuild: where a rebuild applies the history before it replaces user_view's rows with it; empty
-- between rebuilds. Its columns must stay user_view's: a migration that changes user_view changes this table
-- the same way (UserViewRebuild refuses to start when the two tables' columns differ, and a test checks it).
CREATE TABLE user_view_rebuild (
    user_id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    email                    VARCHAR(400),
    phone_number             VARCHAR(64),
    first_name               VARCHAR(400),
    last_name                VARCHAR(400),
    role                     VARCHAR(64)  NOT NULL,
    email_verified           BOOLEAN      NOT NULL,
    phone_verified           BOOLEAN      NOT NULL,
    locked_until             TIMESTAMP WITH TIME ZONE,
    sessions_revoked_before  TIMESTAMP WITH TIME ZONE,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence            BIGINT       NOT NULL
);
-- As V5 changed user_view (no search indexes: nothing searches this table).
ALTER TABLE user_view_rebuild ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE user_view_rebuild ADD COLUMN disabled_reason VARCHAR(400);
ALTER TABLE user_view_rebuild ADD COLUMN email_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(email));
ALTER TABLE user_view_rebuild ADD COLUMN first_name_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(first_name));
ALTER TABLE user_view_rebuild ADD COLUMN last_name_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(last_name));

-- One row per rebuild job, so that any instance can report any job. running_slot is 'running' while the job
-- runs and NULL after: its unique constraint lets one job run at a time across every instance sharing the
-- database (NULLs never collide). heartbeat_at moves with each batch; a running job whose heartbeat is old
-- (its instance stopped) is marked failed. differences: JSON list of {user_id, columns}, names only, capped.
CREATE TABLE read_model_rebuild (
    job_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    read_model      VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    running_slot    VARCHAR(16),
    applied         BIGINT        NOT NULL,
    total           BIGINT,
    caught_up       BIGINT        NOT NULL,
    differing       BIGINT,
    only_live       BIGINT,
    only_rebuilt    BIGINT,
    not_compared    BIGINT,
    differences     VARCHAR(100000),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    error           VARCHAR(1000),
    CONSTRAINT read_model_rebuild_one_running UNIQUE (running_slot)
);
