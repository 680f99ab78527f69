//! `GET /api/openapi.json`: the HTTP contract as an OpenAPI 3.1 document, generated from the
//! contract's wire types (`ToSchema`) and each route's own `#[utoipa::path]`. Every module's
//! `router()` is an `OpenApiRouter` whose routes are added with `routes!`, so a route cannot be
//! served without being described. What the edge answers on every route (CSRF, malformed
//! bodies and paths, a slow body, 401, 503, 500) is added here, from what each operation is, by `EdgeRefusals`.

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Extension;
use contract::accounts::SortColumn;
use contract::auth::{REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE};
use contract::record_users::UserSortColumn;
use contract::ApiErrorBody;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{Schema, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi as _, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{AppState, SESSION_COOKIE};

/// The security scheme of a signed-in session: the `portal_session` cookie. A route that needs
/// one says `security(("session" = []))` in its `#[utoipa::path]`.
const SESSION: &str = "session";
/// Every route under this prefix takes the `Staff` extractor, which refuses anyone else with 403
/// (server/tests/operations.rs and enrollment.rs try each route).
const OPERATIONS_PATHS: &str = "/api/operations/";
/// The security scheme of the CSRF header every mutating request carries.
const REQUESTED_WITH: &str = "requested_with";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Provider Portal API",
        description = "The HTTP contract of the Provider Portal's reference backend \
                       (docs/api.md). Every refusal is an `ApiErrorBody`.",
        license(name = "MIT")
    ),
    // A schema only a query parameter names: `routes!` collects those of bodies alone.
    components(schemas(SortColumn, UserSortColumn))
)]
struct Contract;

/// The routes that describe the API itself.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// The document as served, written once at start-up.
#[derive(Clone)]
struct Document(Bytes);

/// The API's routes, serving their document with the edge refusals and security schemes added.
pub fn split(api: OpenApiRouter<AppState>) -> anyhow::Result<axum::Router<AppState>> {
    let (router, mut openapi) = OpenApiRouter::with_openapi(Contract::openapi())
        .merge(api)
        .split_for_parts();
    EdgeRefusals.modify(&mut openapi);
    let document = Document(serde_json::to_vec(&openapi)?.into());
    Ok(router.layer(Extension(document)))
}

#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "contract",
    responses((status = 200, description = "This API as an OpenAPI 3.1 document.", body = Object))
)]
async fn document(Extension(Document(json)): Extension<Document>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json)
}

/// What the layers every API route passes through answer, added to each operation's own
/// responses by what the operation is (docs/api.md, "Bounds at the edge").
struct EdgeRefusals;

impl Modify for EdgeRefusals {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .schemas
            .insert(ApiErrorBody::name().into_owned(), ApiErrorBody::schema());
        let mut schemas = Vec::new();
        ApiErrorBody::schemas(&mut schemas);
        components.schemas.extend(schemas);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The signed-in session: an opaque token in an HttpOnly, SameSite=Strict cookie, \
                 set by POST /api/session/one-time-code.",
            ))),
        );
        components.add_security_scheme(
            REQUESTED_WITH,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                REQUESTED_WITH_HEADER.to_owned(),
                format!(
                    "CSRF: every POST, PUT, PATCH and DELETE carries this header with the value \
                     `{REQUESTED_WITH_VALUE}`, which a cross-site form cannot set."
                ),
            ))),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            let staff_only = path.starts_with(OPERATIONS_PATHS);
            let reads = [(&mut item.get, false, false)];
            let writes = [
                (&mut item.post, true, false),
                (&mut item.patch, true, false),
                (&mut item.delete, true, false),
                (&mut item.put, true, true),
            ];
            for (operation, mutating, is_put) in reads.into_iter().chain(writes) {
                if let Some(operation) = operation {
                    add_edge(operation, mutating, is_put);
                    if staff_only {
                        refusal(operation, "403", "`forbidden`: not operations staff.");
                    }
                }
            }
        }
    }
}

/// What an operation that needs a signed-in session requires (the CSRF header is added to it
/// for mutating ones).
pub(crate) fn session_required() -> SecurityRequirement {
    requirement(&[SESSION])
}

/// A requirement of `schemes`, all at once (cookies and headers have no scopes).
fn requirement(schemes: &[&str]) -> SecurityRequirement {
    schemes
        .iter()
        .fold(SecurityRequirement::default(), |requirement, scheme| {
            requirement.add(*scheme, [""; 0])
        })
}

/// `mutating`: POST, PATCH, DELETE or PUT, which the CSRF check refuses without its header;
/// `is_put`: a draft save, bounded to 256 KiB.
fn add_edge(operation: &mut Operation, mutating: bool, is_put: bool) {
    let signed_in = operation
        .security
        .iter()
        .flatten()
        .any(|required| *required == requirement(&[SESSION]));
    if mutating {
        operation.security = Some(vec![if signed_in {
            requirement(&[SESSION, REQUESTED_WITH])
        } else {
            requirement(&[REQUESTED_WITH])
        }]);
    }
    let json_body = operation.request_body.as_ref().is_some_and(|body| {
        body.content
            .keys()
            .any(|content_type| content_type == "application/json")
    });
    let integer_path = operation.parameters.iter().flatten().any(|parameter| {
        parameter.parameter_in == ParameterIn::Path
            && matches!(
                &parameter.schema,
                Some(RefOr::T(Schema::Object(object)))
                    if object.schema_type == SchemaType::Type(Type::Integer)
            )
    });

    if mutating {
        refusal(
            operation,
            "403",
            "`missing_requested_with`: the CSRF header is missing, before anything else.",
        );
    }
    if integer_path {
        refusal(
            operation,
            "400",
            "`validation`: a path id that is not a number.",
        );
    }
    if json_body {
        refusal(operation, "400", "`validation`: the body is not JSON.");
        refusal(
            operation,
            "415",
            "`validation`: the body is not sent as `application/json`.",
        );
        refusal(
            operation,
            "422",
            "`validation`: the body does not have the shape of its schema, or a text in it \
             (key or value) is longer than `MAX_NOTE_CHARS`, named in `fields`.",
        );
        refusal(
            operation,
            "413",
            if is_put {
                "`too_large`: a draft save over 256 KiB."
            } else {
                "`too_large`: a body over 2 MB."
            },
        );
    }
    if signed_in {
        refusal(operation, "401", "`unauthorized`: not signed in.");
    }
    if operation.request_body.is_some() {
        refusal(
            operation,
            "408",
            "`too_slow`: the body did not arrive within 60 s of the headers.",
        );
    }
    refusal(
        operation,
        "503",
        "`busy`, with `Retry-After`: the database stayed busy with other writes; nothing was \
         changed.",
    );
    refusal(
        operation,
        "500",
        "`server_error`: something failed on our side.",
    );
}

/// Adds an `ApiErrorBody` answer for `status`, or says `why` in the one the route documents.
fn refusal(operation: &mut Operation, status: &str, why: &str) {
    let responses = &mut operation.responses.responses;
    match responses.get_mut(status) {
        Some(RefOr::T(response)) => {
            if !response.description.contains(why) {
                response.description = format!("{} {why}", response.description);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            let response = ResponseBuilder::new()
                .description(why)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                            ApiErrorBody::name(),
                        ))))
                        .build(),
                )
                .build();
            responses.insert(status.to_owned(), RefOr::T(response));
        }
    }
}
