-- Refresh tokens are now written in issue order (see RefreshTokenSecrets): new tokens carry their issue time in
-- their first 8 characters, and token_hash (child_hash alike) holds those 8 characters followed by the SHA-256 of
-- the whole token, so each new row lands at the end of the primary key's index. Tokens of the old format keep
-- their plain SHA-256 there until they expire.
--
-- Each session now keeps when its newest token was issued and when the last of its tokens expires, so that the
-- session lists, the idle check and the clean-up read the session's row instead of an index of tokens by
-- session: that index took one more page write per rotation, on a page of its own per session. Without it, a
-- foreign key from refresh_token to refresh_session would need it back (H2 creates one for the constraint), so
-- the table is recreated without the constraint: tokens are only ever inserted beside a session that exists
-- (Sessions), and a session is deleted only once every token of it has expired and was deleted.
--
-- A child kept for the reuse grace period, sealed for its parent's holder, now has a table of its own, written
-- beside the child's row, instead of sitting on its parent's row (sealed_child): forgetting it after the grace
-- period deletes a few rows from a small table instead of writing every refreshed token's row a second time, and
-- the clean-up no longer reads the whole token table for it.
ALTER TABLE refresh_session ADD COLUMN last_issued_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE refresh_session ADD COLUMN last_expires_at TIMESTAMP WITH TIME ZONE;

UPDATE refresh_session SET
    last_issued_at = (SELECT MAX(t.issued_at) FROM refresh_token t WHERE t.session_id = refresh_session.session_id),
    last_expires_at = (SELECT MAX(t.expires_at) FROM refresh_token t WHERE t.session_id = refresh_session.session_id);

CREATE TABLE refresh_token_by_issue (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    session_id    VARCHAR(64)  NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    child_hash    VARCHAR(64)
);

INSERT INTO refresh_token_by_issue (token_hash, session_id, issued_at, expires_at, used_at, child_hash)
    SELECT token_hash, session_id, issued_at, expires_at, used_at, child_hash FROM refresh_token;

-- The child's key (token_hash of its row in refresh_token), when it was issued (its parent's use), and the child
-- sealed under a key derived from its parent, which is not stored (RefreshTokenSecrets).
CREATE TABLE refresh_token_grace (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    sealed_child  VARCHAR(256) NOT NULL
);

INSERT INTO refresh_token_grace (token_hash, issued_at, sealed_child)
    SELECT child_hash, used_at, sealed_child FROM refresh_token WHERE sealed_child IS NOT NULL;

DROP TABLE refresh_token;
ALTER TABLE refresh_token_by_issue RENAME TO refresh_token;
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);
