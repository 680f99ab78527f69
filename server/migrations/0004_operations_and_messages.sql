-- Operations review (R-OA-6, R-OA-7, R-BOA-8), the guessing limit of the signature (R-AUTH-4,
-- R-OA-2), and the inbox and e-mail stand-in of Messages (R-BOA-4).

-- R-AUTH-4, R-OA-2: wrong PINs and wrong Authorization Codes counted per signed-in user and kind,
-- locked like sign-in (R-AUTH-2): the third failure locks that kind of attempt for 30 minutes.
CREATE TABLE guess_failures (
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('pin', 'authorization_code')),
    failures INTEGER NOT NULL,
    locked_until INTEGER,
    PRIMARY KEY (user_id, kind)
) STRICT;

-- R-OA-6: the last decision on a request (a returned request that is resubmitted and decided
-- again keeps only the latest), by whom and when.
ALTER TABLE oa_change_requests ADD COLUMN decision_note TEXT;
ALTER TABLE oa_change_requests ADD COLUMN decided_by_user_id INTEGER REFERENCES users (id);
ALTER TABLE oa_change_requests ADD COLUMN decided INTEGER;

-- The operations queue, filtered by status, in order of submission.
CREATE INDEX oa_change_requests_by_status ON oa_change_requests (status, submitted);

-- Messages: the inbox newest first, and the unread count in the navigation.
CREATE INDEX messages_unread ON messages (recipient_user_id, read);

-- The stand-in for e-mail: every notice written to `messages` is also queued here, addressed to
-- the recipient's e-mail address at the time it was sent.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL
) STRICT;

CREATE TRIGGER messages_to_outbox AFTER INSERT ON messages
BEGIN
    INSERT INTO outbox (message_id, to_address, subject, body, created)
    SELECT NEW.id, u.email, NEW.subject, NEW.body, NEW.created
    FROM users u WHERE u.id = NEW.recipient_user_id;
END;
