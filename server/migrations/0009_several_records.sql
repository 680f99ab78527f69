-- One backup OA for several records (R-MANY-1..3): the set a user prepares, one per user. Its
-- requests are ordinary OA Change Requests (R-BOA-7); the set keeps what became of each once
-- submitted, so its confirmation survives a reload.
CREATE TABLE oa_change_sets (
    applicant_user_id INTEGER PRIMARY KEY REFERENCES users (id),
    -- The last step completed (contract::several_records::SetStep).
    step TEXT NOT NULL,
    -- contract::several_records::SeveralRecordsDraft as JSON. Never the PIN (R-AUTH-4).
    content TEXT NOT NULL CHECK (json_valid(content)),
    -- Vec<contract::several_records::RecordOutcome> as JSON once submitted.
    outcomes TEXT CHECK (outcomes IS NULL OR json_valid(outcomes)),
    updated INTEGER NOT NULL
) STRICT;
