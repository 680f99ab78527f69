-- My Account Management (R-ACCT-1..4): associations that never reuse an id and carry what the
-- list sorts and filters on, and the audit log and messages a removal writes.

-- R-ACCT-4: a removal is idempotent and audited by association id, and a client may keep a
-- selection of ids for a while, so an id must never name another association later. A plain
-- INTEGER PRIMARY KEY hands the largest id out again once that row is deleted; AUTOINCREMENT
-- does not, and it cannot be added in place, so the table is rebuilt.
CREATE TABLE associations_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    record_id TEXT NOT NULL REFERENCES records (id),
    -- A JSON array of distinct role names, each one of the four known roles: the count of its
    -- elements equals the count of known names found in it. This keeps `roles_label` complete.
    roles TEXT NOT NULL CHECK (
        json_valid(roles)
        AND json_type(roles) = 'array'
        AND json_array_length(roles) =
            (instr(roles, '"Prior Approvals"') > 0)
            + (instr(roles, '"Claims"') > 0)
            + (instr(roles, '"Eligibility"') > 0)
            + (instr(roles, '"Referrals"') > 0)
    ),
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    -- The roles as "My Roles" shows them, in the order RULES.md lists them, whatever the order
    -- stored: the list answers them and sorts on them, so equal sets sort together. STORED, so
    -- an index holding it answers without reading the table.
    roles_label TEXT GENERATED ALWAYS AS (
        rtrim(
            iif(instr(roles, '"Prior Approvals"') > 0, 'Prior Approvals, ', '')
            || iif(instr(roles, '"Claims"') > 0, 'Claims, ', '')
            || iif(instr(roles, '"Eligibility"') > 0, 'Eligibility, ', '')
            || iif(instr(roles, '"Referrals"') > 0, 'Referrals, ', ''),
            ', '
        )
    ) STORED,
    -- The NCID and name of the record's primary OA ('' when it has none), copied here and kept
    -- by the triggers below: the list (R-ACCT-1) sorts, filters and pages on this one table
    -- through its indexes instead of joining every association of the user on each request.
    oa_ncid TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    oa_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    -- One association per user and record.
    UNIQUE (user_id, record_id)
) STRICT;

INSERT INTO associations_rebuilt (id, user_id, record_id, roles, status, oa_ncid, oa_name)
SELECT a.id, a.user_id, a.record_id, a.roles, a.status, COALESCE(u.ncid, ''), COALESCE(u.name, '')
FROM associations a
JOIN records r ON r.id = a.record_id
LEFT JOIN users u ON u.id = r.primary_oa_id;

DROP TABLE associations;
ALTER TABLE associations_rebuilt RENAME TO associations;

CREATE INDEX associations_by_record ON associations (record_id);
-- One index per sort column of the list, each holding every column the list filters on after
-- the sort key and id (the tie-break): a page is found, and the pages before it skipped, in the
-- index alone, and a text filter reads no table rows.
CREATE INDEX associations_by_oa_ncid
    ON associations (user_id, oa_ncid, id, status, oa_name, record_id);
CREATE INDEX associations_by_oa_name
    ON associations (user_id, oa_name, id, status, oa_ncid, record_id);
CREATE INDEX associations_by_roles
    ON associations (user_id, roles_label, id, status, oa_ncid, oa_name, record_id);
CREATE INDEX associations_by_provider_id
    ON associations (user_id, record_id, id, status, oa_ncid, oa_name);
CREATE INDEX associations_by_status
    ON associations (user_id, status, id, oa_ncid, oa_name, record_id);

-- The copies of the primary OA's NCID and name follow every change that affects them.
CREATE TRIGGER associations_oa_on_insert AFTER INSERT ON associations
BEGIN
    UPDATE associations
    SET oa_ncid = COALESCE((SELECT u.ncid FROM records r JOIN users u ON u.id = r.primary_oa_id
                            WHERE r.id = NEW.record_id), ''),
        oa_name = COALESCE((SELECT u.name FROM records r JOIN users u ON u.id = r.primary_oa_id
                            WHERE r.id = NEW.record_id), '')
    WHERE id = NEW.id;
END;

CREATE TRIGGER associations_oa_on_record_change AFTER UPDATE OF record_id ON associations
BEGIN
    UPDATE associations
    SET oa_ncid = COALESCE((SELECT u.ncid FROM records r JOIN users u ON u.id = r.primary_oa_id
                            WHERE r.id = NEW.record_id), ''),
        oa_name = COALESCE((SELECT u.name FROM records r JOIN users u ON u.id = r.primary_oa_id
                            WHERE r.id = NEW.record_id), '')
    WHERE id = NEW.id;
END;

CREATE TRIGGER records_primary_oa_change AFTER UPDATE OF primary_oa_id ON records
BEGIN
    UPDATE associations
    SET oa_ncid = COALESCE((SELECT ncid FROM users WHERE id = NEW.primary_oa_id), ''),
        oa_name = COALESCE((SELECT name FROM users WHERE id = NEW.primary_oa_id), '')
    WHERE record_id = NEW.id;
END;

CREATE TRIGGER users_ncid_or_name_change AFTER UPDATE OF ncid, name ON users
BEGIN
    UPDATE associations
    SET oa_ncid = NEW.ncid, oa_name = NEW.name
    WHERE record_id IN (SELECT id FROM records WHERE primary_oa_id = NEW.id);
END;

-- R-ACCT-4: who removed which association of which record, and when (Unix seconds).
-- `association_id` has no foreign key: the association is gone when its row is written.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_user_id INTEGER NOT NULL REFERENCES users (id),
    action TEXT NOT NULL CHECK (action IN ('association_removed')),
    association_id INTEGER NOT NULL,
    record_id TEXT NOT NULL REFERENCES records (id),
    created INTEGER NOT NULL,
    -- An association is removed once; a second row would mean a removal counted twice.
    UNIQUE (association_id, action)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Communications to a user about a record (R-ACCT-4 notices; later R-BOA-4, R-OA-7).
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    recipient_user_id INTEGER NOT NULL REFERENCES users (id),
    record_id TEXT NOT NULL REFERENCES records (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1))
) STRICT;

CREATE INDEX messages_by_recipient ON messages (recipient_user_id, created);
