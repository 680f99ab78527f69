-- OA Change Requests (R-OA-5, R-OA-6): drafts and submitted requests in one table, so a draft
-- keeps its id when it is submitted, and the explanation documents they attach (R-OA-3).

-- R-OA-3: the content is checked from its first bytes before it is stored; only the owner may
-- attach it to a request. AUTOINCREMENT: a draft that names an id never names another upload.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_user_id INTEGER NOT NULL REFERENCES users (id),
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    content BLOB NOT NULL,
    created INTEGER NOT NULL
) STRICT;

CREATE TABLE oa_change_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_user_id INTEGER NOT NULL REFERENCES users (id),
    -- R-BOA-7: a request covers exactly one record.
    record_id TEXT NOT NULL REFERENCES records (id),
    status TEXT NOT NULL CHECK (
        status IN ('draft', 'submitted', 'in_review', 'returned', 'approved', 'denied', 'withdrawn')
    ),
    -- The last wizard step completed (contract::oa_change::Step), so a resume opens the next.
    step TEXT NOT NULL,
    -- contract::oa_change::OaChangeDraft as JSON. Never the PIN (R-AUTH-4) nor the code (R-OA-2).
    content TEXT NOT NULL CHECK (json_valid(content)),
    -- R-OA-2: the applicant gave the record's Authorization Code for this request.
    code_proven INTEGER NOT NULL DEFAULT 0 CHECK (code_proven IN (0, 1)),
    -- R-OA-6: every submitted request has one; drafts (also discarded ones) have none.
    tracking_number TEXT UNIQUE,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    submitted INTEGER,
    CHECK ((submitted IS NULL) = (tracking_number IS NULL))
) STRICT;

-- R-OA-5: at most one draft per author and record ...
CREATE UNIQUE INDEX oa_change_requests_one_draft
    ON oa_change_requests (applicant_user_id, record_id) WHERE status = 'draft';
-- ... and one open request per record, whoever submitted it.
CREATE UNIQUE INDEX oa_change_requests_one_open
    ON oa_change_requests (record_id) WHERE status IN ('submitted', 'in_review', 'returned');
-- My applications.
CREATE INDEX oa_change_requests_by_applicant
    ON oa_change_requests (applicant_user_id, updated);
