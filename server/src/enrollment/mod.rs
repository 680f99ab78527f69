//! Initial enrollment applications (R-BOA-5): the applicant's wizard and its review by
//! operations staff, on the lifecycle of `crate::application`.

mod kind;
mod review;
mod wizard;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    wizard::router().merge(review::router())
}
