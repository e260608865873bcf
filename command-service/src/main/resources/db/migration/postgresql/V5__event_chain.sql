-- Tamper evidence (docs/audit.md): one link per stored event, a per-user hash chain written in the same
-- transaction as the event, and each user's head (the last link), so a chain cut short is found too.
CREATE TABLE event_chain (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    global_index         BIGINT       NOT NULL,
    payload_digest       VARCHAR(64)  NOT NULL,
    meta_data_digest     VARCHAR(64)  NOT NULL,
    previous_hash        VARCHAR(64)  NOT NULL,
    hash                 VARCHAR(64)  NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

CREATE TABLE event_chain_head (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    hash                 VARCHAR(64)  NOT NULL,
    PRIMARY KEY (aggregate_identifier)
);
