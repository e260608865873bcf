-- Refresh-token keys sort in issue order by their characters' codes (RefreshTokenSecrets), as H2 compares them, so
-- that each new token's key lands at the end of the primary key's index. The database's collation might order
-- them otherwise (a locale may ignore '-' and '_', or fold case) and scatter the inserts: compare them byte by byte.
ALTER TABLE refresh_token ALTER COLUMN token_hash TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE refresh_token_grace ALTER COLUMN token_hash TYPE VARCHAR(64) COLLATE "C";
