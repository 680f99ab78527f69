//! The guessing limit of the signature and the standing proof: wrong PINs (R-AUTH-4) and wrong
//! Authorization Codes (R-OA-2) are counted per signed-in user, and the third locks that kind of
//! attempt for 30 minutes, in the shape of the sign-in lock (R-AUTH-2). Without it a session
//! could try all 10,000 PINs.

use axum::http::StatusCode;
use contract::auth::{
    authorization_code_locked_message, pin_locked_message, LOCK_SECONDS, MAX_FAILED_ATTEMPTS,
};
use contract::error::codes;
use contract::ApiErrorBody;
use contract::Rule;
use sqlx::SqliteConnection;

use crate::http::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy)]
pub enum Guess {
    Pin,
    AuthorizationCode,
}

impl Guess {
    fn kind(self) -> &'static str {
        match self {
            Self::Pin => "pin",
            Self::AuthorizationCode => "authorization_code",
        }
    }

    fn locked(self) -> ApiError {
        let body = match self {
            Self::Pin => ApiErrorBody::new(codes::PIN_LOCKED, pin_locked_message())
                .with_rule(Rule::Auth4)
                .with_field("pin", "Signing is locked for 30 minutes"),
            Self::AuthorizationCode => ApiErrorBody::new(
                codes::AUTHORIZATION_CODE_LOCKED,
                authorization_code_locked_message(),
            )
            .with_rule(Rule::Oa2)
            .with_field("authorization_code", "Codes are locked for 30 minutes"),
        };
        ApiError::new(StatusCode::LOCKED, body)
    }
}

/// Claims one attempt before the answer is checked: refused while the user is locked for this
/// kind, and counted first, so attempts sent in parallel cannot get past the limit either. An
/// expired lock is cleared, so the count starts again. `wrong` or `clear` settles the attempt.
pub async fn claim(
    connection: &mut SqliteConnection,
    user_id: i64,
    guess: Guess,
    now: i64,
) -> ApiResult<()> {
    sqlx::query("DELETE FROM guess_failures WHERE user_id = ? AND kind = ? AND locked_until <= ?")
        .bind(user_id)
        .bind(guess.kind())
        .bind(now)
        .execute(&mut *connection)
        .await?;
    let (attempts, locked_until): (i64, Option<i64>) = sqlx::query_as(
        "INSERT INTO guess_failures (user_id, kind, failures, locked_until) \
         VALUES (?1, ?2, 1, NULL) \
         ON CONFLICT (user_id, kind) DO UPDATE SET failures = failures + 1 \
         RETURNING failures, locked_until",
    )
    .bind(user_id)
    .bind(guess.kind())
    .fetch_one(&mut *connection)
    .await?;
    if locked_until.is_some() || attempts > i64::from(MAX_FAILED_ATTEMPTS) {
        return Err(guess.locked());
    }
    Ok(())
}

/// Settles a claimed attempt as wrong: the third locks for `LOCK_SECONDS` and answers the lock,
/// one before it answers `refusal`.
pub async fn wrong(
    connection: &mut SqliteConnection,
    user_id: i64,
    guess: Guess,
    now: i64,
    refusal: ApiError,
) -> ApiError {
    let counted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
        "UPDATE guess_failures \
         SET locked_until = CASE WHEN failures >= ?3 THEN ?4 ELSE locked_until END \
         WHERE user_id = ?1 AND kind = ?2 RETURNING failures",
    )
    .bind(user_id)
    .bind(guess.kind())
    .bind(i64::from(MAX_FAILED_ATTEMPTS))
    .bind(now + LOCK_SECONDS)
    .fetch_optional(&mut *connection)
    .await;
    match counted {
        Ok(Some(failures)) if failures >= i64::from(MAX_FAILED_ATTEMPTS) => guess.locked(),
        Ok(_) => refusal,
        Err(error) => error.into(),
    }
}

/// Settles a claimed attempt as right: the count starts again.
pub async fn clear(connection: &mut SqliteConnection, user_id: i64, guess: Guess) -> ApiResult<()> {
    sqlx::query("DELETE FROM guess_failures WHERE user_id = ? AND kind = ?")
        .bind(user_id)
        .bind(guess.kind())
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// R-AUTH-4: the electronic signature's PIN, checked against the user's hash under the guessing
/// limit: a wrong PIN answers 403 `invalid_pin`, the third one locks signing (423).
pub async fn verify_pin(
    connection: &mut SqliteConnection,
    user_id: i64,
    pin: String,
    now: i64,
) -> ApiResult<()> {
    claim(connection, user_id, Guess::Pin, now).await?;
    let pin_hash: String = sqlx::query_scalar("SELECT pin_hash FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(&mut *connection)
        .await?;
    if !crate::passwords::verify(pin, pin_hash).await? {
        let wrong_pin = ApiError::new(
            StatusCode::FORBIDDEN,
            ApiErrorBody::new(codes::INVALID_PIN, "The PIN is not correct.")
                .with_rule(Rule::Auth4)
                .with_field("pin", "Enter your electronic-signature PIN"),
        );
        return Err(wrong(connection, user_id, Guess::Pin, now, wrong_pin).await);
    }
    clear(connection, user_id, Guess::Pin).await
}
