-- Failed logins of emails and phone numbers that belong to no account, so that they lock exactly as an account
-- does (LockoutPolicy) and a login cannot tell a known identifier from an unknown one. Keyed by the identifier's
-- HMAC (the pepper's), never the identifier itself; shared by every command-service instance on this database, as
-- an account's own count is. Kept bounded: rows idle longer than auth.account.unknown-lockout-retention are
-- deleted, and beyond auth.account.unknown-lockout-capacity the least recently failed go first.
-- (Version 3.2 so that it does not collide with another migration numbered 3.)
CREATE TABLE unknown_login_failure (
    identifier_hash       VARCHAR(128) NOT NULL PRIMARY KEY,
    consecutive_failures  INTEGER      NOT NULL,
    locked_until          TIMESTAMP WITH TIME ZONE,
    locked_until_reset    BOOLEAN      NOT NULL,
    last_failure_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX unknown_login_failure_last_failure_at ON unknown_login_failure (last_failure_at);
