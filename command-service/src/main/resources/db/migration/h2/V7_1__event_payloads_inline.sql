-- Event and snapshot payloads as BINARY VARYING, stored in the row, instead of BLOB. H2 hands out every BLOB it reads
-- as a LOB reference and keeps that reference in the session for its LOB_TIMEOUT (5 minutes) after the read, so that
-- a client could still read it: a command replays the user's events, so at 200 commands/s the references of the last
-- five minutes (millions) filled a 256 MB heap. A payload is a few hundred bytes of JSON (a snapshot a few KB).
-- PostgreSQL's tables already use bytea.
ALTER TABLE domain_event_entry ALTER COLUMN meta_data SET DATA TYPE VARBINARY(1000000000);
ALTER TABLE domain_event_entry ALTER COLUMN payload SET DATA TYPE VARBINARY(1000000000);
ALTER TABLE snapshot_event_entry ALTER COLUMN meta_data SET DATA TYPE VARBINARY(1000000000);
ALTER TABLE snapshot_event_entry ALTER COLUMN payload SET DATA TYPE VARBINARY(1000000000);
