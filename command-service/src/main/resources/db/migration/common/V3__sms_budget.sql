-- The SMS budget of the whole service: how many codes went out by SMS in each clock hour (hour_window = epoch
-- seconds / 3600), shared by every command-service instance. A send increments its hour's row in the transaction
-- that stores its event, only while the count is below the budget.
CREATE TABLE sms_budget (
    hour_window BIGINT  NOT NULL PRIMARY KEY,
    sent        INTEGER NOT NULL
);
