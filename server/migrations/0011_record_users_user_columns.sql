-- The record users list (R-USER-1) sorts and filters on the user's NCID, name and last sign-in.
-- Kept on each association, as the accounts list keeps its record's OA, every order is an
-- index of (record_id, column, id) and a text filter reads no users table: 10,000 users of one
-- record are neither sorted nor joined per request. Triggers keep the copies equal to users.
ALTER TABLE associations ADD COLUMN user_ncid TEXT COLLATE NOCASE;
ALTER TABLE associations ADD COLUMN user_name TEXT;
ALTER TABLE associations ADD COLUMN user_last_sign_in INTEGER;

UPDATE associations SET (user_ncid, user_name, user_last_sign_in) =
    (SELECT ncid, name, last_sign_in FROM users WHERE users.id = associations.user_id);

CREATE TRIGGER associations_user_columns AFTER INSERT ON associations
BEGIN
    UPDATE associations SET (user_ncid, user_name, user_last_sign_in) =
        (SELECT ncid, name, last_sign_in FROM users WHERE users.id = NEW.user_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER users_on_their_associations AFTER UPDATE OF ncid, name, last_sign_in ON users
BEGIN
    UPDATE associations SET user_ncid = NEW.ncid, user_name = NEW.name,
        user_last_sign_in = NEW.last_sign_in
    WHERE user_id = NEW.id;
END;

-- Migration 0010 walked users in these orders; the copies above replace that.
DROP INDEX users_by_name;
DROP INDEX users_by_last_sign_in;

-- The NCID and name orders hold both columns, so a text filter in them reads only the index.
CREATE INDEX associations_by_record_user_ncid
    ON associations (record_id, user_ncid, user_name, id);
CREATE INDEX associations_by_record_user_name
    ON associations (record_id, user_name COLLATE NOCASE, user_ncid, id);
CREATE INDEX associations_by_record_user_last_sign_in
    ON associations (record_id, user_last_sign_in, id);
