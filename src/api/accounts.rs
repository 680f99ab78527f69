//! My Account Management's requests (R-ACCT-1..4).

use super::client::{built, get, json, post, with_json};
use super::Answer;
use crate::state::navigation::query_string;
use contract::accounts::{
    AccountPage, AccountQuery, AccountSelection, RemovalReport, SelectionPreview,
};

/// The three requests of My Account Management.
pub trait AccountsApi {
    fn accounts(&self, query: AccountQuery) -> Answer<AccountPage>;
    fn preview_selection(&self, selection: AccountSelection) -> Answer<SelectionPreview>;
    fn remove_accounts(&self, selection: AccountSelection) -> Answer<RemovalReport>;
}

/// The real server, over HTTP.
pub struct ServerAccounts;

impl AccountsApi for ServerAccounts {
    /// R-ACCT-1: one page of the signed-in user's associations, sorted and filtered by the
    /// server.
    fn accounts(&self, query: AccountQuery) -> Answer<AccountPage> {
        json(built(get(&format!(
            "/accounts{}",
            query_string(&query.to_pairs())
        ))))
    }

    /// The rows a selection on any page stands for, for the confirmation dialog (R-ACCT-2).
    fn preview_selection(&self, selection: AccountSelection) -> Answer<SelectionPreview> {
        json(with_json(post("/accounts/preview"), &selection))
    }

    /// R-ACCT-2, R-ACCT-4: one request removes everything selected, on every page.
    fn remove_accounts(&self, selection: AccountSelection) -> Answer<RemovalReport> {
        json(with_json(post("/accounts/removal"), &selection))
    }
}
