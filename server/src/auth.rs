//! Sign-in in the NCID shape (R-AUTH-1): password step, then a one-time code; the session that
//! follows; and the `CurrentUser` extractor every authenticated endpoint uses.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::auth::{
    DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo, SignedInUser, LOCK_SECONDS,
    MAX_FAILED_ATTEMPTS, MAX_NCID_CHARS, TOTP_STEP_SECONDS,
};
use contract::error::codes;
use contract::ApiErrorBody;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::limits::ClientAddress;
use crate::{passwords, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(current, sign_out))
        .routes(routes!(password))
        .routes(routes!(one_time_code))
        .routes(routes!(demo_code))
        .routes(routes!(keep_alive))
}

/// The answer of a right password: `{}`; the cookie now holds a session waiting for its
/// one-time code.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PasswordAccepted {}

/// Session key of a sign-in that passed the password step and waits for its one-time code.
const PENDING_KEY: &str = "pending_sign_in";
/// Session key of a completed sign-in.
const USER_KEY: &str = "user_id";

#[derive(Debug, Serialize, Deserialize)]
struct PendingSignIn {
    user_id: i64,
    /// The user name as submitted, lower-cased: failures of the code step count against it too.
    failure_key: String,
}

/// The user of a signed-in session. Refuses with 401 `unauthorized` otherwise.
pub struct CurrentUser {
    pub id: i64,
    pub ncid: String,
    pub name: String,
    pub operations_staff: bool,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::unauthorized())?;
        let Some(user_id) = session.get::<i64>(USER_KEY).await? else {
            return Err(ApiError::unauthorized());
        };
        let user: Option<(String, String, bool)> =
            sqlx::query_as("SELECT ncid, name, operations_staff FROM users WHERE id = ?")
                .bind(user_id)
                .fetch_optional(&state.db)
                .await?;
        let Some((ncid, name, operations_staff)) = user else {
            session.flush().await?;
            return Err(ApiError::unauthorized());
        };
        Ok(Self {
            id: user_id,
            ncid,
            name,
            operations_staff,
        })
    }
}

/// A signed-in member of operations staff: 401 when signed out, 403 `forbidden` for anyone else.
pub struct Staff(pub(crate) CurrentUser);

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if !user.operations_staff {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorBody::new(codes::FORBIDDEN, "Only operations staff can do this."),
            ));
        }
        Ok(Self(user))
    }
}

impl CurrentUser {
    fn session_info(self, state: &AppState) -> SessionInfo {
        SessionInfo {
            user: SignedInUser {
                ncid: self.ncid,
                name: self.name,
                operations_staff: self.operations_staff,
            },
            idle_timeout_seconds: state.idle_timeout_seconds,
        }
    }
}

/// R-AUTH-2, R-AUTH-3: claims one attempt for the submitted user name (existing or not) before
/// its answer is checked, in one statement, so attempts sent at once cannot all be checked
/// before any is counted. Refused with `locked` while the name is locked or while the attempts
/// already claimed (settled or in flight) reach `MAX_FAILED_ATTEMPTS`; a refused attempt is not
/// counted, so the count never runs past the limit. An expired lock, or a count left alone for
/// `LOCK_SECONDS`, starts again from nothing.
async fn claim_attempt(state: &AppState, failure_key: &str) -> ApiResult<()> {
    let now = state.clock.now();
    sqlx::query(
        "DELETE FROM login_failures WHERE ncid_key = ?1 AND (locked_until <= ?2 \
         OR (locked_until IS NULL AND last_attempt <= ?2 - ?3))",
    )
    .bind(failure_key)
    .bind(now)
    .bind(LOCK_SECONDS)
    .execute(&state.db)
    .await?;
    let claimed: Option<i64> = sqlx::query_scalar(
        "INSERT INTO login_failures (ncid_key, failures, locked_until, last_attempt) \
         VALUES (?1, 1, NULL, ?3) \
         ON CONFLICT (ncid_key) DO UPDATE SET failures = failures + 1, last_attempt = ?3 \
         WHERE locked_until IS NULL AND failures < ?2 \
         RETURNING failures",
    )
    .bind(failure_key)
    .bind(i64::from(MAX_FAILED_ATTEMPTS))
    .bind(now)
    .fetch_optional(&state.db)
    .await?;
    match claimed {
        Some(_) => Ok(()),
        None => Err(ApiError::locked()),
    }
}

/// R-AUTH-2: settles a claimed attempt as a failure: the third locks the name and answers
/// `locked`, one before it answers `refusal`.
async fn record_failure(state: &AppState, failure_key: &str, refusal: ApiError) -> ApiError {
    let counted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
        "UPDATE login_failures \
         SET locked_until = CASE WHEN failures >= ?2 THEN ?3 ELSE locked_until END \
         WHERE ncid_key = ?1 RETURNING failures",
    )
    .bind(failure_key)
    .bind(i64::from(MAX_FAILED_ATTEMPTS))
    .bind(state.clock.now() + LOCK_SECONDS)
    .fetch_optional(&state.db)
    .await;
    match counted {
        Ok(Some(failures)) if failures >= i64::from(MAX_FAILED_ATTEMPTS) => ApiError::locked(),
        Ok(_) => refusal,
        Err(error) => error.into(),
    }
}

/// Settles a claimed attempt at the password step as right: it was no failure, but the count
/// stays until the one-time code is accepted (docs/api.md), which clears it.
async fn release_attempt(state: &AppState, failure_key: &str) -> ApiResult<()> {
    sqlx::query(
        "UPDATE login_failures SET failures = failures - 1 WHERE ncid_key = ? AND failures > 0",
    )
    .bind(failure_key)
    .execute(&state.db)
    .await?;
    Ok(())
}

async fn clear_failures(state: &AppState, failure_key: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE ncid_key = ?")
        .bind(failure_key)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Deletes the rows `claim_attempt` would start again from nothing: expired locks and counts
/// left alone for `LOCK_SECONDS`. Run now and then so sprayed names do not pile up.
pub(crate) async fn expire_failures(state: &AppState) -> ApiResult<()> {
    sqlx::query(
        "DELETE FROM login_failures WHERE locked_until <= ?1 \
         OR (locked_until IS NULL AND last_attempt <= ?1 - ?2)",
    )
    .bind(state.clock.now())
    .bind(LOCK_SECONDS)
    .execute(&state.db)
    .await?;
    Ok(())
}

/// R-AUTH-1: the password step.
#[utoipa::path(
    post,
    path = "/api/session/password",
    tag = "session",
    request_body = PasswordRequest,
    responses(
        (status = 200, description = "The password is right: the cookie now holds a session \
            waiting for its one-time code.", body = PasswordAccepted),
        (status = 401, description = "`invalid_credentials` (R-AUTH-3): an unknown user name \
            is answered byte for byte like a wrong password.", body = ApiErrorBody),
        (status = 422, description = "`validation`: an empty field or a user name over \
            `MAX_NCID_CHARS`, in `fields`.", body = ApiErrorBody),
        (status = 423, description = "`locked` (R-AUTH-2), also on the attempt that causes \
            the lock.", body = ApiErrorBody),
        (status = 429, description = "`too_many_requests`: per client address 20 at once and \
            one more every 3 s, all clients 100 at once and 20/s; before anything is checked \
            or counted.", body = ApiErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
async fn password(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: Session,
    ApiJson(request): ApiJson<PasswordRequest>,
) -> Result<Json<PasswordAccepted>, Response> {
    state
        .sign_in_limits
        .attempt(client)
        .map_err(IntoResponse::into_response)?;
    check_password(&state, &session, request)
        .await
        .map_err(IntoResponse::into_response)
}

/// The password step within the rate limits.
async fn check_password(
    state: &AppState,
    session: &Session,
    request: PasswordRequest,
) -> ApiResult<Json<PasswordAccepted>> {
    let ncid = request.ncid.trim();
    let mut invalid = ApiErrorBody::new(codes::VALIDATION, "Enter your user name and password.");
    if ncid.is_empty() {
        invalid = invalid.with_field("ncid", "Enter your user name.");
    } else if ncid.chars().count() > MAX_NCID_CHARS {
        invalid = invalid.with_field(
            "ncid",
            format!("A user name has at most {MAX_NCID_CHARS} characters."),
        );
    }
    if request.password.is_empty() {
        invalid = invalid.with_field("password", "Enter your password.");
    }
    if !invalid.fields.is_empty() {
        return Err(ApiError::validation(invalid));
    }

    // R-AUTH-3: failures and locks are per submitted name, lower-cased, existing or not.
    let failure_key = ncid.to_lowercase();
    claim_attempt(state, &failure_key).await?;

    let user: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE ncid = ?")
            .bind(ncid)
            .fetch_optional(&state.db)
            .await?;
    // R-AUTH-3: an unknown name costs the same argon2 verification as a known one, so the
    // answer's timing does not tell them apart either.
    let (user_id, hash) = match user {
        Some((id, hash)) => (Some(id), hash),
        None => (None, state.dummy_hash.to_string()),
    };
    let password_matches = passwords::verify(request.password, hash).await?;
    let Some(user_id) = user_id.filter(|_| password_matches) else {
        return Err(record_failure(state, &failure_key, ApiError::invalid_credentials()).await);
    };
    release_attempt(state, &failure_key).await?;

    // A fresh id for the waiting session: an id planted before sign-in is never carried over.
    session.cycle_id().await?;
    session.remove::<i64>(USER_KEY).await?;
    session
        .insert(
            PENDING_KEY,
            PendingSignIn {
                user_id,
                failure_key,
            },
        )
        .await?;
    Ok(Json(PasswordAccepted {}))
}

struct CodeUser {
    ncid: String,
    name: String,
    operations_staff: bool,
    totp_secret: String,
    last_totp_step: Option<i64>,
}

async fn load_code_user(state: &AppState, user_id: i64) -> ApiResult<Option<CodeUser>> {
    let row: Option<(String, String, bool, String, Option<i64>)> = sqlx::query_as(
        "SELECT ncid, name, operations_staff, totp_secret, last_totp_step FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(
        |(ncid, name, operations_staff, totp_secret, last_totp_step)| CodeUser {
            ncid,
            name,
            operations_staff,
            totp_secret,
            last_totp_step,
        },
    ))
}

/// The code the user's authenticator shows now, by the server's clock: how the scenarios sign
/// in as a person does.
pub(crate) async fn current_code(state: &AppState, ncid: &str) -> anyhow::Result<String> {
    let secret: String = sqlx::query_scalar("SELECT totp_secret FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_one(&state.db)
        .await?;
    Ok(totp(&secret)?.generate(state.clock.now() as u64))
}

/// RFC 6238 with SHA-1, 6 digits and 30-second steps (docs/api.md).
fn totp(secret: &str) -> anyhow::Result<totp_rs::TOTP> {
    let bytes = totp_rs::Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|error| anyhow::anyhow!("TOTP secret is not base32: {error:?}"))?;
    Ok(totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        TOTP_STEP_SECONDS as u64,
        bytes,
    ))
}

/// R-AUTH-5: the step whose code `code` is, within one step of `now` and later than
/// `last_step`; `None` for a wrong, replayed or out-of-window code.
fn matching_step(
    totp: &totp_rs::TOTP,
    code: &str,
    now: i64,
    last_step: Option<i64>,
) -> Option<i64> {
    let current = now.div_euclid(TOTP_STEP_SECONDS);
    (current - 1..=current + 1)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| {
            let expected = totp.generate((step * TOTP_STEP_SECONDS) as u64);
            constant_time_eq::constant_time_eq(expected.as_bytes(), code.as_bytes())
        })
}

/// R-AUTH-1: the one-time code step; the session id is renewed.
#[utoipa::path(
    post,
    path = "/api/session/one-time-code",
    tag = "session",
    request_body = OneTimeCodeRequest,
    responses(
        (status = 200, description = "Signed in.", body = SessionInfo),
        (status = 401, description = "`invalid_code` (R-AUTH-1, R-AUTH-5: wrong, replayed or \
            out of its window; the waiting session is dropped), or `unauthorized` when no \
            session waits for a code.", body = ApiErrorBody),
        (status = 423, description = "`locked` (R-AUTH-2) on the third failure.",
            body = ApiErrorBody),
    )
)]
async fn one_time_code(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<OneTimeCodeRequest>,
) -> ApiResult<Json<SessionInfo>> {
    let Some(pending) = session.get::<PendingSignIn>(PENDING_KEY).await? else {
        return Err(ApiError::unauthorized());
    };
    // R-AUTH-1: whatever this answer is, the waiting session is used up; a refusal sends the
    // user back to the user name.
    session.remove::<PendingSignIn>(PENDING_KEY).await?;
    if let Err(locked) = claim_attempt(&state, &pending.failure_key).await {
        session.flush().await?;
        return Err(locked);
    }
    let Some(user) = load_code_user(&state, pending.user_id).await? else {
        session.flush().await?;
        return Err(ApiError::unauthorized());
    };

    let accepted_step = match matching_step(
        &totp(&user.totp_secret)?,
        request.code.trim(),
        state.clock.now(),
        user.last_totp_step,
    ) {
        // R-AUTH-5: claim the step atomically, so two requests with one code cannot both pass.
        Some(step) => {
            sqlx::query(
                // The last sign-in is what an OA sees in the record's user list (R-USER-1).
                "UPDATE users SET last_totp_step = ?1, last_sign_in = ?3 \
             WHERE id = ?2 AND (last_totp_step IS NULL OR last_totp_step < ?1)",
            )
            .bind(step)
            .bind(pending.user_id)
            .bind(state.clock.now())
            .execute(&state.db)
            .await?
            .rows_affected()
                == 1
        }
        None => false,
    };
    if !accepted_step {
        session.flush().await?;
        return Err(record_failure(&state, &pending.failure_key, ApiError::invalid_code()).await);
    }

    // A successful sign-in resets the count (docs/api.md).
    clear_failures(&state, &pending.failure_key).await?;
    // Signed in: a new session id, so the id seen before the code was accepted is worthless.
    session.cycle_id().await?;
    session.insert(USER_KEY, pending.user_id).await?;
    Ok(Json(SessionInfo {
        user: SignedInUser {
            ncid: user.ncid,
            name: user.name,
            operations_staff: user.operations_staff,
        },
        idle_timeout_seconds: state.idle_timeout_seconds,
    }))
}

/// Only with `--demo`: the current code of the waiting user.
#[utoipa::path(
    get,
    path = "/api/session/demo-code",
    tag = "session",
    responses(
        (status = 200, description = "The code of the user waiting for one.", body = DemoCode),
        (status = 404, description = "`not_found`: without `--demo`, or no session waits for \
            a code.", body = ApiErrorBody),
    )
)]
async fn demo_code(State(state): State<AppState>, session: Session) -> ApiResult<Json<DemoCode>> {
    if !state.demo {
        return Err(ApiError::not_found());
    }
    let Some(pending) = session.get::<PendingSignIn>(PENDING_KEY).await? else {
        return Err(ApiError::not_found());
    };
    let Some(user) = load_code_user(&state, pending.user_id).await? else {
        return Err(ApiError::not_found());
    };
    let code = totp(&user.totp_secret)?.generate(state.clock.now() as u64);
    Ok(Json(DemoCode { code }))
}

#[utoipa::path(
    get,
    path = "/api/session",
    tag = "session",
    security(("session" = [])),
    responses((status = 200, description = "Who is signed in.", body = SessionInfo))
)]
async fn current(State(state): State<AppState>, user: CurrentUser) -> Json<SessionInfo> {
    Json(user.session_info(&state))
}

/// The "Stay signed in" button: the request itself restarts the idle period (the session
/// layer saves on every request), so this only answers who is signed in.
#[utoipa::path(
    post,
    path = "/api/session/keep-alive",
    tag = "session",
    security(("session" = [])),
    responses((status = 200, description = "Who is signed in, the idle period restarted.",
        body = SessionInfo))
)]
async fn keep_alive(State(state): State<AppState>, user: CurrentUser) -> Json<SessionInfo> {
    Json(user.session_info(&state))
}

/// Sign out: the session row is deleted and the cookie cleared.
#[utoipa::path(
    delete,
    path = "/api/session",
    tag = "session",
    responses((status = 204, description = "Signed out, the cookie cleared."))
)]
async fn sign_out(session: Session) -> ApiResult<StatusCode> {
    session.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "7JSTPXFUW43ZX5WU33NPEQ7HPSNA3UT3";

    #[test]
    fn codes_are_accepted_within_one_step_and_once() {
        let totp = totp(SECRET).unwrap();
        let now = 1_795_435_200;
        let step = now / TOTP_STEP_SECONDS;
        let code_at = |s: i64| totp.generate((s * TOTP_STEP_SECONDS) as u64);
        assert_eq!(matching_step(&totp, &code_at(step), now, None), Some(step));
        assert_eq!(
            matching_step(&totp, &code_at(step - 1), now, None),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(&totp, &code_at(step + 1), now, None),
            Some(step + 1)
        );
        assert_eq!(matching_step(&totp, &code_at(step - 2), now, None), None);
        assert_eq!(matching_step(&totp, &code_at(step + 2), now, None), None);
        // R-AUTH-5: a step not later than the last accepted one is a replay.
        assert_eq!(matching_step(&totp, &code_at(step), now, Some(step)), None);
        assert_eq!(
            matching_step(&totp, &code_at(step + 1), now, Some(step)),
            Some(step + 1)
        );
    }
}
