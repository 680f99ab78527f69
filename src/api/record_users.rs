//! The requests of a record's users page (R-USER-1..4), for its primary and backup OA.

use super::client::{built, get, json, path_segment, post, put, with_json};
use super::Answer;
use crate::state::navigation::query_string;
use contract::accounts::AssociationId;
use contract::record_users::{
    AccessEnding, NewRecordUser, RecordUserPage, RecordUserQuery, RecordUserRow, RoleChange,
    StatusChange, UserChangeReport,
};

/// What the page asks the server; a test scripts the answers.
pub trait RecordUsersApi {
    fn users(&self, record: &str, query: RecordUserQuery) -> Answer<RecordUserPage>;
    fn add_user(&self, record: &str, user: NewRecordUser) -> Answer<RecordUserRow>;
    fn change_roles(
        &self,
        record: &str,
        id: AssociationId,
        change: RoleChange,
    ) -> Answer<RecordUserRow>;
    fn change_status(&self, record: &str, change: StatusChange) -> Answer<UserChangeReport>;
    fn end_access(&self, record: &str, ending: AccessEnding) -> Answer<UserChangeReport>;
}

/// The real server, over HTTP.
pub struct ServerRecordUsers;

fn users_path(record: &str) -> String {
    format!("/records/{}/users", path_segment(record))
}

impl RecordUsersApi for ServerRecordUsers {
    /// One page of the record's users, sorted and filtered by the server; 403 names who
    /// administers the record when the caller does not (R-USER-1).
    fn users(&self, record: &str, query: RecordUserQuery) -> Answer<RecordUserPage> {
        json(built(get(&format!(
            "{}{}",
            users_path(record),
            query_string(&query.to_pairs())
        ))))
    }

    fn add_user(&self, record: &str, user: NewRecordUser) -> Answer<RecordUserRow> {
        json(with_json(post(&users_path(record)), &user))
    }

    fn change_roles(
        &self,
        record: &str,
        id: AssociationId,
        change: RoleChange,
    ) -> Answer<RecordUserRow> {
        json(with_json(
            put(&format!("{}/{id}/roles", users_path(record))),
            &change,
        ))
    }

    fn change_status(&self, record: &str, change: StatusChange) -> Answer<UserChangeReport> {
        json(with_json(
            post(&format!("{}/status", users_path(record))),
            &change,
        ))
    }

    fn end_access(&self, record: &str, ending: AccessEnding) -> Answer<UserChangeReport> {
        json(with_json(
            post(&format!("{}/end-access", users_path(record))),
            &ending,
        ))
    }
}
