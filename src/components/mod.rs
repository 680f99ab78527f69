//! Reusable view pieces in the USWDS / GOV.UK patterns.

pub mod alert;
pub mod data_table;
pub mod error_summary;
pub mod exclusion;
pub mod focus;
pub mod form_field;
pub mod loaded;
pub mod modal;
pub mod page_heading;
pub mod skeleton;
pub mod table_view;
pub mod wizard;
pub mod wizard_shell;

pub use alert::{Alert, AlertKind};
pub use data_table::{
    BadTableAddress, Column, ColumnSort, DataTable, FilterForm, Pagination, RowSelection,
    TableToolbar,
};
pub use error_summary::{ErrorSummary, SummaryItem};
pub use form_field::{FieldWiring, FormField};
pub use loaded::{LoadFailure, Loaded, Retry};
pub use modal::{ConfirmButtons, ModalDialog};
pub use page_heading::{Announcer, LiveAnnouncer, PageHeading};
pub use skeleton::Skeleton;
