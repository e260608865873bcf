-- One row per event and channel: written in the same transaction as the send, so a redelivered event finds it
-- and sends nothing. Addresses are kept masked here; the recipient table holds the real ones.
CREATE TABLE notification (
    event_id     VARCHAR(100)  NOT NULL,
    channel      VARCHAR(10)   NOT NULL,
    event_type   VARCHAR(100)  NOT NULL,
    user_id      VARCHAR(100)  NOT NULL,
    status       VARCHAR(20)   NOT NULL,
    recipient    VARCHAR(100),
    provider_ref VARCHAR(255),
    detail       VARCHAR(1000),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_notification PRIMARY KEY (event_id, channel)
);

CREATE INDEX ix_notification_user ON notification (user_id);

-- Where to send the notices whose events carry no address (PasswordChanged, AccountLocked, ...): fed by
-- UserRegistered and PhoneNumberChanged; last_sequence makes a redelivered or older event change nothing.
CREATE TABLE recipient (
    user_id       VARCHAR(100) NOT NULL,
    email         VARCHAR(254),
    phone_number  VARCHAR(20),
    last_sequence BIGINT       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_recipient PRIMARY KEY (user_id)
);
