-- A refresh-token family: one per login session (session_id is command-service's). The claims at login are
-- kept for the time user_view has not seen the user yet. A revoked family refreshes nothing any more.
CREATE TABLE refresh_session (
    session_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    auth_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    amr             VARCHAR(16)  NOT NULL,
    role            VARCHAR(64)  NOT NULL,
    email           VARCHAR(400),
    phone_verified  BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    revoked_reason  VARCHAR(64)
);

CREATE INDEX refresh_session_user_id ON refresh_session (user_id);

-- Refresh tokens, only as SHA-256 (base64url) of the value. A used token names its child; for a short grace
-- period after its use it also holds the child sealed (AES-256-GCM) under a key derived from the used token
-- itself, so the same child can be handed out again to whoever presents that token, and to no one else.
CREATE TABLE refresh_token (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    session_id    VARCHAR(64)  NOT NULL REFERENCES refresh_session (session_id) ON DELETE CASCADE,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    child_hash    VARCHAR(64),
    sealed_child  VARCHAR(256)
);

CREATE INDEX refresh_token_session_id ON refresh_token (session_id);
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);
