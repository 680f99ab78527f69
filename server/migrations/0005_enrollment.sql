-- Initial enrollment applications (R-BOA-5): the applicant becomes the new record's primary OA
-- and is the only one who signs; the person named backup OA may read the application.
CREATE TABLE enrollment_applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_user_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'in_review', 'returned', 'approved', 'denied', 'withdrawn')),
    -- The last step completed (contract::enrollment::EnrollmentStep), NULL for a new one.
    step TEXT,
    -- JSON of contract::enrollment::EnrollmentDraft.
    content TEXT NOT NULL,
    -- Copied out of `content` on every save: the named backup finds the applications naming
    -- them, and one provider has one open application at a time.
    provider_id TEXT,
    backup_ncid TEXT COLLATE NOCASE,
    tracking_number TEXT UNIQUE,
    decision_note TEXT,
    decided_by_user_id INTEGER REFERENCES users (id),
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    submitted INTEGER,
    decided INTEGER
) STRICT;

CREATE INDEX enrollment_applications_by_applicant ON enrollment_applications (applicant_user_id);
CREATE INDEX enrollment_applications_by_backup ON enrollment_applications (backup_ncid);
CREATE INDEX enrollment_applications_by_provider ON enrollment_applications (provider_id, status);
CREATE INDEX enrollment_applications_by_status ON enrollment_applications (status, submitted);
