//! One module per route.

pub mod account;
pub mod enrollment;
pub mod home;
pub mod login;
pub mod not_found;

pub use account::AccountManagement;
pub use enrollment::EnrollmentPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub mod oa_change;
pub use oa_change::OaChangeWizard;
pub mod applications;
pub use applications::{ApplicationView, MyApplications};
pub mod messages;
pub mod operations;
pub mod record_users;
pub use messages::Inbox;
pub use operations::{OperationsEnrollment, OperationsQueue, OperationsRequest};
pub mod several_records;
pub use record_users::RecordUsers;
pub use several_records::SeveralRecordsFlow;
