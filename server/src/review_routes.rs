//! The Operations review routes of an application kind: its queue, the start of a review and
//! the decision, served by the lifecycle's generic handlers (`application::queue::<K>` …) and
//! described for GET /api/openapi.json from the kind's words. `#[utoipa::path]` cannot describe
//! a generic handler: written once per kind, the three descriptions were the same text twice.

use axum::routing::{get, post, MethodRouter};
use contract::application::{DecisionRequest, RequestStatus};
use contract::operations::QueueItem;
use contract::{ApiErrorBody, Rule};
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, Schema};
use utoipa::openapi::{ContentBuilder, Paths, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::application::{self, ApplicationKind};
use crate::openapi::session_required;
use crate::AppState;

/// What an application kind's review routes say that is the kind's own.
pub(crate) struct ReviewRoutes {
    /// The queue's path; one application is `{path}/{id}`.
    pub(crate) path: &'static str,
    /// The kind in operation ids: `{noun}_queue`, `start_{noun}_review`, `decide_{noun}`.
    pub(crate) operation_noun: &'static str,
    /// What an approval does besides setting the status.
    pub(crate) approval: &'static str,
    /// The rules an approval may no longer fit (refused with 409, besides R-OA-6's statuses),
    /// each with what has changed since the application was submitted.
    pub(crate) approval_conflicts: &'static [(Rule, &'static str)],
}

/// `GET {path}`, `POST {path}/{id}/review` and `POST {path}/{id}/decision` of kind `K`.
pub(crate) fn router<K: ApplicationKind>() -> OpenApiRouter<AppState>
where
    K::Subject: ToSchema,
{
    let routes = K::REVIEW_ROUTES;
    let noun = K::NOUN;
    let item_name = format!("QueueItem_{}", K::Subject::name());
    let item = || RefOr::Ref(Ref::from_schema_name(item_name.clone()));
    // The queue line's schema, with the kind's subject composed in as `#[utoipa::path]` does it.
    let mut schemas = vec![(
        item_name.clone(),
        <QueueItem<K::Subject> as utoipa::__dev::ComposeSchema>::compose(
            vec![K::Subject::schema()],
        ),
    )];
    <QueueItem<K::Subject> as ToSchema>::schemas(&mut schemas);
    K::Subject::schemas(&mut schemas);
    schemas.push((K::Subject::name().into_owned(), K::Subject::schema()));
    schemas.push((
        DecisionRequest::name().into_owned(),
        DecisionRequest::schema(),
    ));
    DecisionRequest::schemas(&mut schemas);

    let not_found = format!("`not_found`: no submitted {noun} with this id.");
    let queue = OperationBuilder::new()
        .operation_id(Some(format!("{}_queue", routes.operation_noun)))
        .summary(Some(format!(
            "Every submitted {noun} (never a draft), or those with `status`."
        )))
        .parameter(
            ParameterBuilder::new()
                .name("status")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(format!(
                    "Only {noun}s with this status (not `draft`)."
                )))
                .schema(Some(RefOr::Ref(Ref::from_schema_name(
                    RequestStatus::name(),
                )))),
        )
        .response(
            "200",
            ok(
                format!("Every submitted {noun}, oldest submission first."),
                ArrayBuilder::new().items(item()).build().into(),
            ),
        )
        .response(
            "422",
            refusal("`validation`: `fields.status` is unknown or `draft`."),
        );
    let start_review = by_id::<K>()
        .operation_id(Some(format!("start_{}_review", routes.operation_noun)))
        .summary(Some(format!(
            "Starts the review: a `submitted` {noun} becomes `in_review`; an `in_review` one \
             stays."
        )))
        .response("200", ok(format!("The {noun} under review."), item()))
        .response("404", refusal(&not_found))
        .response(
            "409",
            refusal(&format!(
                "`conflict` ({}): returned, approved, denied or withdrawn.",
                Rule::Oa6
            )),
        );
    let decide = by_id::<K>()
        .operation_id(Some(format!("decide_{}", routes.operation_noun)))
        .summary(Some(format!(
            "Approves ({}), denies or returns the {noun} for correction.",
            routes.approval
        )))
        .request_body(Some(
            RequestBodyBuilder::new()
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(Ref::from_schema_name(
                            DecisionRequest::name(),
                        ))))
                        .build(),
                )
                .required(Some(Required::True))
                .build(),
        ))
        .response(
            "200",
            ok(format!("The {noun} with its new status."), item()),
        )
        .response("404", refusal(&not_found))
        .response(
            "409",
            refusal(&format!(
                "`conflict`: {} unless `submitted` or `in_review`; {}; nothing changes.",
                Rule::Oa6,
                routes
                    .approval_conflicts
                    .iter()
                    .map(|(rule, why)| format!("{rule} ({why})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        )
        .response(
            "422",
            refusal(&format!(
                "`validation` ({}): `fields.note`, needed to deny or return, at most 2,000 \
                 characters.",
                Rule::Oa6
            )),
        );

    let route = |path: String, method: HttpMethod, operation: OperationBuilder, handler| {
        let operation = operation
            .tag("operations")
            .security(session_required())
            .build();
        let paths = Paths::builder()
            .path(path, PathItem::new(method, operation))
            .build();
        (schemas.clone(), paths, handler)
    };
    let handlers: [(String, HttpMethod, OperationBuilder, MethodRouter<AppState>); 3] = [
        (
            routes.path.to_owned(),
            HttpMethod::Get,
            queue,
            get(application::queue::<K>),
        ),
        (
            format!("{}/{{id}}/review", routes.path),
            HttpMethod::Post,
            start_review,
            post(application::start_review::<K>),
        ),
        (
            format!("{}/{{id}}/decision", routes.path),
            HttpMethod::Post,
            decide,
            post(application::decide::<K>),
        ),
    ];
    handlers.into_iter().fold(
        OpenApiRouter::new(),
        |router, (path, method, operation, handler)| {
            router.routes(route(path, method, operation, handler))
        },
    )
}

/// An operation on one application: its id in the path.
fn by_id<K: ApplicationKind>() -> OperationBuilder {
    OperationBuilder::new().parameter(
        ParameterBuilder::new()
            .name("id")
            .parameter_in(ParameterIn::Path)
            .required(Required::True)
            .description(Some(format!("The {}.", K::NOUN)))
            .schema(Some(i64::schema())),
    )
}

/// A JSON answer of `schema`.
fn ok(description: String, schema: RefOr<Schema>) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(schema)).build(),
        )
        .build()
}

/// A refusal: an `ApiErrorBody`.
fn refusal(description: &str) -> utoipa::openapi::Response {
    ok(
        description.to_owned(),
        RefOr::Ref(Ref::from_schema_name(ApiErrorBody::name())),
    )
}
