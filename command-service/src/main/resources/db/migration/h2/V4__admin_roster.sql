-- Who is an admin and who is disabled, kept in the transaction of the event that changes either (see AdminRoster),
-- so the service can refuse to lose its last active admin: active admins are the rows with admin and not disabled.
-- admin_roster_guard's single row is locked (SELECT ... FOR UPDATE) by every write and every count of the roster:
-- they run one after another across instances. backfilled stays false until command-service has replayed the
-- events stored before this table existed.
CREATE TABLE admin_roster (
    user_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    admin    BOOLEAN     NOT NULL,
    disabled BOOLEAN     NOT NULL
);

CREATE TABLE admin_roster_guard (
    id         INTEGER NOT NULL PRIMARY KEY,
    backfilled BOOLEAN NOT NULL
);

INSERT INTO admin_roster_guard (id, backfilled) VALUES (1, FALSE);
