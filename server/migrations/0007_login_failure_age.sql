-- When a user name's count was last claimed: a count without a lock expires LOCK_SECONDS after
-- it, so names sprayed once do not stay in the table for ever (login_failures grows otherwise).
ALTER TABLE login_failures ADD COLUMN last_attempt INTEGER NOT NULL DEFAULT 0;
