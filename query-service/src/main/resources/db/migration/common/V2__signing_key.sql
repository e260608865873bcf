-- ES256 signing keys. The newest key without retired_at signs; a retired key's public half stays in the JWK Set
-- until every token it signed has expired, then the row is deleted. private_key is base64 of PKCS#8 DER,
-- public_jwk the public JWK as served.
CREATE TABLE signing_key (
    kid          VARCHAR(64)   NOT NULL PRIMARY KEY,
    private_key  VARCHAR(2048) NOT NULL,
    public_jwk   VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);

-- One row, locked (SELECT ... FOR UPDATE) while a service instance creates or rotates keys, so instances started
-- together on an empty table agree on one key.
CREATE TABLE signing_key_lock (
    id  INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO signing_key_lock (id) VALUES (1);
