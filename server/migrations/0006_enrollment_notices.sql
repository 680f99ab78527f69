-- Notices about an enrollment application (R-OA-7, R-BOA-4): a denied or returned application
-- has no record yet, so a message is about a record or about an enrollment application, and
-- exactly one of the two. SQLite cannot relax NOT NULL in place, so `messages` is rebuilt with
-- its ids, its indexes and its trigger. The outbox refers to messages by id: it is rebuilt first,
-- referring to the new table, so that no row ever refers to a missing message (the migration
-- runs in a transaction with foreign keys on, where they cannot be switched off).

CREATE TABLE messages_rebuilt (
    id INTEGER PRIMARY KEY,
    recipient_user_id INTEGER NOT NULL REFERENCES users (id),
    record_id TEXT REFERENCES records (id),
    enrollment_id INTEGER REFERENCES enrollment_applications (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    CHECK ((record_id IS NULL) != (enrollment_id IS NULL))
) STRICT;

INSERT INTO messages_rebuilt (id, recipient_user_id, record_id, subject, body, created, read)
SELECT id, recipient_user_id, record_id, subject, body, created, read FROM messages;

CREATE TABLE outbox_rebuilt (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL UNIQUE REFERENCES messages_rebuilt (id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created INTEGER NOT NULL
) STRICT;

INSERT INTO outbox_rebuilt (id, message_id, to_address, subject, body, created)
SELECT id, message_id, to_address, subject, body, created FROM outbox;

-- Nothing refers to the old tables any more. The renames rewrite outbox_rebuilt's reference
-- to messages_rebuilt as one to messages.
DROP TABLE outbox;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
ALTER TABLE outbox_rebuilt RENAME TO outbox;

CREATE INDEX messages_by_recipient ON messages (recipient_user_id, created);
CREATE INDEX messages_unread ON messages (recipient_user_id, read);

CREATE TRIGGER messages_to_outbox AFTER INSERT ON messages
BEGIN
    INSERT INTO outbox (message_id, to_address, subject, body, created)
    SELECT NEW.id, u.email, NEW.subject, NEW.body, NEW.created
    FROM users u WHERE u.id = NEW.recipient_user_id;
END;
