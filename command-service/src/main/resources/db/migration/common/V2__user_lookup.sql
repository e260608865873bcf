-- Resolves an email, a phone number or a pending token's HMAC to a user id, and makes email and phone unique
-- across users. Written in the same transaction as the event that claims or releases the value.
CREATE TABLE user_lookup (
    kind        VARCHAR(16)  NOT NULL,
    lookup_key  VARCHAR(320) NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (kind, lookup_key)
);

CREATE INDEX user_lookup_user_id ON user_lookup (user_id);
