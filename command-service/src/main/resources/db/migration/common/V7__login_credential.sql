-- (Version 7: 6 is the Java migration ChainStoredEvents.)
-- What a password login needs to know before it takes the user's lock (AccountService.loginWithPassword): the
-- current password hash, to run bcrypt outside any lock or transaction, and the lock in force, so a locked account
-- is answered at once without one. Written from the events in the transaction that appends them
-- (LoginCredentialUpdater), filled at the first start after the upgrade from the stored events
-- (LoginCredentialBackfill). Only a shortcut: the aggregate decides, and verifies again inside when its hash is no
-- longer the one checked. last_sequence is the user's event that wrote the row: an older one never overwrites it.
CREATE TABLE login_credential (
    user_id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash       VARCHAR(255) NOT NULL,
    locked_until        TIMESTAMP WITH TIME ZONE,
    locked_until_reset  BOOLEAN      NOT NULL,
    last_sequence       BIGINT       NOT NULL
);

CREATE TABLE login_credential_guard (
    id          INTEGER NOT NULL PRIMARY KEY,
    backfilled  BOOLEAN NOT NULL
);

INSERT INTO login_credential_guard (id, backfilled) VALUES (1, FALSE);
