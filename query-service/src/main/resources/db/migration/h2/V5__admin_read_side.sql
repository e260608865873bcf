-- The admin read side (issue 14). disabled: an admin disabled the user (UserDisabled, until UserEnabled);
-- disabled_reason is the admin's reason. The *_search columns are the lower-cased search fields, kept by the
-- database itself, so GET /admin/users finds a case-insensitive prefix with a plain LIKE 'prefix%' on an index.
ALTER TABLE user_view ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE user_view ADD COLUMN disabled_reason VARCHAR(400);
ALTER TABLE user_view ADD COLUMN email_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(email));
ALTER TABLE user_view ADD COLUMN first_name_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(first_name));
ALTER TABLE user_view ADD COLUMN last_name_search VARCHAR(400) GENERATED ALWAYS AS (LOWER(last_name));

CREATE INDEX user_view_email_search ON user_view (email_search);
CREATE INDEX user_view_first_name_search ON user_view (first_name_search);
CREATE INDEX user_view_last_name_search ON user_view (last_name_search);
CREATE INDEX user_view_role ON user_view (role);

-- Where and with what a session was started (the login's client address as the gateway forwarded it, and its
-- User-Agent), shown to the user and to admins in the session lists.
ALTER TABLE refresh_session ADD COLUMN client_address VARCHAR(64);
ALTER TABLE refresh_session ADD COLUMN user_agent VARCHAR(512);
