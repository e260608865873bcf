-- A child token kept for the reuse grace period is now sealed in its own row (refresh_token.sealed_child) instead of
-- a row of refresh_token_grace: a rotation inserts the child anyway, so the sealed copy costs no write of its own,
-- and the child's row is where the grace check reads it. The copy is cleared when the child is exchanged in turn,
-- and by the clean-up once the grace period is over.
ALTER TABLE refresh_token ADD COLUMN sealed_child VARCHAR(256);

UPDATE refresh_token SET sealed_child =
        (SELECT g.sealed_child FROM refresh_token_grace g WHERE g.token_hash = refresh_token.token_hash)
    WHERE used_at IS NULL AND token_hash IN (SELECT g.token_hash FROM refresh_token_grace g);

DROP TABLE refresh_token_grace;
