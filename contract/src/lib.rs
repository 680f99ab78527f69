//! The contract between the Provider Portal client and its backend: the wire types, and the
//! domain rules of `shared/design/RULES.md`, each citing its rule id. No I/O: this crate compiles
//! into the wasm32 client (to explain and prevent) and into the server (to refuse).

pub mod accounts;
pub mod application;
pub mod auth;
pub mod date;
pub mod enrollment;
pub mod error;
pub mod messages;
pub mod oa_change;
pub mod operations;
pub mod provider_id;
pub mod record_users;
pub mod records;
pub mod rules;
pub mod several_records;
pub mod table;

pub use date::{CalendarDate, EasternTime};
pub use error::ApiErrorBody;
pub use provider_id::{ProviderId, ProviderIdError};
pub use rules::Rule;
