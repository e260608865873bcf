-- One database per service, each owned by the same user: services share the server, never tables.
CREATE DATABASE command;
CREATE DATABASE query;
CREATE DATABASE notifier;
