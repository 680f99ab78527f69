-- The record users list (R-USER-1) in each of its orders without sorting every user of the
-- record: by an association column through (record_id, column, id), and by a user column
-- by walking users in that column's order (server/src/record_users/list.rs says when).
-- users.ncid is UNIQUE, so it has its index already.
CREATE INDEX associations_by_record_added ON associations (record_id, added, id);
CREATE INDEX associations_by_record_roles ON associations (record_id, roles_label, id);
CREATE INDEX associations_by_record_status ON associations (record_id, status, id);
CREATE INDEX users_by_name ON users (name COLLATE NOCASE, id);
CREATE INDEX users_by_last_sign_in ON users (last_sign_in, id);
