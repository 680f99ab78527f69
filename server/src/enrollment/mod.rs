//! Initial enrollment applications (R-BOA-5): the applicant's wizard and its review by
//! operations staff, on the lifecycle of `crate::application`.

mod kind;
mod review;
mod wizard;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    wizard::router().merge(review::router())
}
