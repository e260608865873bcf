-- The user read model, built from auth.user-events.v1. last_sequence is the per-user sequence of the last event
-- applied to the row: an event at or below it (redelivered, or older) changes nothing. Every column is derived
-- from events only (times included), so a rebuild from the topic gives the same rows.
-- sessions_revoked_before: the time of the last event that ended every session of the user (password reset);
-- a refresh family of a login at or before it is dead even if it was stored after the event was applied.
CREATE TABLE user_view (
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

CREATE INDEX user_view_email ON user_view (email);
CREATE INDEX user_view_phone_number ON user_view (phone_number);
