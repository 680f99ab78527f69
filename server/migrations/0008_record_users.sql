-- Record users (R-USER-1..4): what the OA's list shows of each association (added, last
-- sign-in), and an audit log that holds every change an OA makes, with before and after.

-- Unix seconds; the rows of the demo data and of an approval get the time they were written.
ALTER TABLE associations ADD COLUMN added INTEGER;
UPDATE associations SET added = CAST(strftime('%s', 'now') AS INTEGER);
CREATE TRIGGER associations_added AFTER INSERT ON associations WHEN NEW.added IS NULL
BEGIN
    UPDATE associations SET added = CAST(strftime('%s', 'now') AS INTEGER) WHERE id = NEW.id;
END;

-- Unix seconds of the last completed sign-in (R-USER-1: "last sign-in").
ALTER TABLE users ADD COLUMN last_sign_in INTEGER;

-- R-USER-3: actor, action, association, record, before and after, time. The CHECK of the
-- action cannot be widened in place, so the table is rebuilt (nothing references it).
CREATE TABLE audit_log_rebuilt (
    id INTEGER PRIMARY KEY,
    actor_user_id INTEGER NOT NULL REFERENCES users (id),
    action TEXT NOT NULL CHECK (action IN (
        'association_removed', 'user_added', 'roles_changed', 'user_inactivated',
        'user_reactivated', 'access_ended'
    )),
    association_id INTEGER NOT NULL,
    record_id TEXT NOT NULL REFERENCES records (id),
    -- Whose association it is; NULL in the rows of My Account Management, where it is the actor.
    user_id INTEGER REFERENCES users (id),
    -- JSON {"roles": [...], "status": "active" | "inactive"}; NULL before an add, after an end.
    before_change TEXT CHECK (before_change IS NULL OR json_valid(before_change)),
    after_change TEXT CHECK (after_change IS NULL OR json_valid(after_change)),
    created INTEGER NOT NULL
) STRICT;

INSERT INTO audit_log_rebuilt (id, actor_user_id, action, association_id, record_id, created)
SELECT id, actor_user_id, action, association_id, record_id, created FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;

-- An association ends once; a second row would mean an end counted twice (R-ACCT-4).
CREATE UNIQUE INDEX audit_log_one_end ON audit_log (association_id)
    WHERE action IN ('association_removed', 'access_ended');
CREATE INDEX audit_log_by_record ON audit_log (record_id, created);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
