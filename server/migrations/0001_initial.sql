-- Timestamps are integer Unix seconds; calendar dates are TEXT 'YYYY-MM-DD' (they order as text).

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    -- NCIDs are matched case-insensitively (docs/api.md); the column collation makes `=` do so.
    ncid TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    -- R-AUTH-4: the electronic-signature PIN, hashed like a password.
    pin_hash TEXT NOT NULL,
    -- A TOTP secret is shared with the authenticator, so it is kept as given (base32).
    totp_secret TEXT NOT NULL,
    operations_staff INTEGER NOT NULL DEFAULT 0 CHECK (operations_staff IN (0, 1)),
    -- R-AUTH-5: the last accepted TOTP step; a code of a step not later than this is refused.
    last_totp_step INTEGER
) STRICT;

-- R-AUTH-2, R-AUTH-3: failures per submitted user name (lower-cased), whether it exists or not.
CREATE TABLE login_failures (
    ncid_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER
) STRICT;

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    id_kind TEXT NOT NULL CHECK (id_kind IN ('npi', 'atypical')),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'organization', 'atypical', 'billing_agent')),
    -- JSON array of contract::records::Program, e.g. ["medicaid","dmhddsus"].
    programs TEXT NOT NULL,
    primary_oa_id INTEGER REFERENCES users (id),
    -- Inclusive: the primary OA is active through this day and not after.
    primary_oa_end_date TEXT,
    backup_oa_id INTEGER REFERENCES users (id),
    authorization_code TEXT NOT NULL
) STRICT;

CREATE INDEX records_by_primary_oa ON records (primary_oa_id);
CREATE INDEX records_by_backup_oa ON records (backup_oa_id);
CREATE INDEX records_by_name ON records (name COLLATE NOCASE);

CREATE TABLE managing_relationships (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relationship TEXT NOT NULL CHECK (relationship IN ('owner', 'managing_employee', 'provider')),
    ncid TEXT COLLATE NOCASE,
    adverse_findings INTEGER NOT NULL CHECK (adverse_findings IN (0, 1)),
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE INDEX managing_relationships_by_record ON managing_relationships (record_id);
CREATE INDEX managing_relationships_by_ncid ON managing_relationships (ncid);

CREATE TABLE associations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    record_id TEXT NOT NULL REFERENCES records (id),
    -- JSON array of role names ("Prior Approvals", "Claims", "Eligibility", "Referrals").
    roles TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    -- One association per user and record; the index also serves "my associations" (R-ACCT-1).
    UNIQUE (user_id, record_id)
) STRICT;

CREATE INDEX associations_by_record ON associations (record_id);
