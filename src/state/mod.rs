//! Pure models of the client, unit-tested natively; the views only wire them to the DOM.

pub mod account_table;
pub mod applications;
pub mod enrollment;
pub mod idle;
pub mod navigation;
pub mod oa_change;
pub mod operations;
pub mod record_users;
pub mod selection;
pub mod session;
pub mod several_records;
pub mod sign_in;
pub mod table_query;
pub mod wizard;
