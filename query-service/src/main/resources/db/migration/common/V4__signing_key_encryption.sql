-- Private signing keys sealed at rest. key_encryption_key_id names the key-encryption key
-- (auth.tokens.key-encryption-keys.<id>) that private_key is sealed under; private_key is then base64url of the
-- AES-256-GCM IV, ciphertext and tag of the old value. NULL keeps the old format, base64 of PKCS#8 DER: rows from
-- before this column, or written by a service run without a key-encryption key; a start with one seals them.
ALTER TABLE signing_key ADD COLUMN key_encryption_key_id VARCHAR(64);
