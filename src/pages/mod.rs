//! One module per route.

pub mod account;
pub mod enrollment;
pub mod home;
pub mod login;
pub mod not_found;

pub use account::{AccountManagement, AccountsApi, ServerAccounts};
pub use enrollment::{EnrollmentApi, EnrollmentPage, ServerEnrollment};
pub use home::HomePage;
pub use login::{LoginPage, ServerSignIn, SignInApi};
pub use not_found::NotFoundPage;
pub mod oa_change;
pub use oa_change::{OaChangeApi, OaChangeWizard, ServerOaChange};
pub mod applications;
pub use applications::{ApplicationView, ApplicationsApi, MyApplications, ServerApplications};
pub mod messages;
pub mod operations;
pub use messages::{Inbox, MessagesApi, ServerMessages};
pub use operations::{
    OperationsApi, OperationsEnrollment, OperationsQueue, OperationsRequest, ServerOperations,
};
