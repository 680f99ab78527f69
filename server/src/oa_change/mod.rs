//! The OA Change Request (R-BOA-1..10, R-OA-1..7): the wizard, My applications and its review
//! by operations staff, on the lifecycle of `crate::application`.

mod applications;
mod approval;
mod kind;
mod several;
mod wizard;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    wizard::router()
        .merge(applications::router())
        .merge(several::router())
}
