//! Rate limits of the password step (OWASP ASVS 2.2.1): per-name locks (R-AUTH-2) never stop
//! one client trying a password against many names, so attempts are also limited per client
//! address and overall. A refused attempt answers 429 with `Retry-After` before anything is
//! checked or counted, so the limits never lock a user name: an attacker who spends the
//! limit of an address spends only that address's, and the overall limit is set well above
//! what the users of the portal sign in at.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use contract::application::MAX_UPLOADS_PER_DAY;
use contract::error::codes;
use contract::{ApiErrorBody, Rule};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, NotUntil, Quota, RateLimiter};

use crate::http::error::ApiError;

/// Password attempts one client address may make at once, and how often one more comes back.
const PER_CLIENT_BURST: NonZeroU32 = NonZeroU32::new(20).unwrap();
const PER_CLIENT_PERIOD: Duration = Duration::from_secs(3);
/// Password attempts of all clients together: at once, and per second after that.
const OVERALL_BURST: NonZeroU32 = NonZeroU32::new(100).unwrap();
const OVERALL_PER_SECOND: NonZeroU32 = NonZeroU32::new(20).unwrap();

pub struct SignInLimits {
    per_client: DefaultKeyedRateLimiter<IpAddr>,
    overall: DefaultDirectRateLimiter,
    clock: DefaultClock,
}

impl Default for SignInLimits {
    fn default() -> Self {
        // A period of zero is the only refusal of with_period; the constant is not zero.
        let per_client = Quota::with_period(PER_CLIENT_PERIOD)
            .unwrap_or(Quota::per_second(NonZeroU32::MIN))
            .allow_burst(PER_CLIENT_BURST);
        let overall = Quota::per_second(OVERALL_PER_SECOND).allow_burst(OVERALL_BURST);
        Self {
            per_client: RateLimiter::keyed(per_client),
            overall: RateLimiter::direct(overall),
            clock: DefaultClock::default(),
        }
    }
}

impl SignInLimits {
    /// Takes one password attempt of `client`'s (unknown: the overall limit only), or answers
    /// when it may try again. The per-client limit is taken first, so a client over its own
    /// limit does not spend everyone's.
    pub fn attempt(&self, client: Option<IpAddr>) -> Result<(), TooManyRequests> {
        if let Some(client) = client {
            self.per_client
                .check_key(&client)
                .map_err(|not_until| self.too_many(&not_until))?;
        }
        self.overall
            .check()
            .map_err(|not_until| self.too_many(&not_until))
    }

    fn too_many(&self, not_until: &NotUntil<<DefaultClock as Clock>::Instant>) -> TooManyRequests {
        TooManyRequests {
            retry_after: not_until.wait_time_from(self.clock.now()),
            what: "sign-in attempts",
            field: None,
        }
    }

    /// Forgets the addresses whose limit is back to full, so the table does not grow.
    pub fn forget_idle_clients(&self) {
        self.per_client.retain_recent();
    }
}

/// NCIDs one signed-in user may look up at once (an enrollment application's backup OA, which
/// the server answers "no NCID account is …" for), and how often one more comes back: a
/// provider types a few; a user trying names to learn who has an account is slowed to a
/// crawl.
const LOOKUPS_BURST: NonZeroU32 = NonZeroU32::new(20).unwrap();
const LOOKUPS_PERIOD: Duration = Duration::from_secs(30);

pub struct NcidLookups {
    per_user: DefaultKeyedRateLimiter<i64>,
    clock: DefaultClock,
}

impl Default for NcidLookups {
    fn default() -> Self {
        // A period of zero is the only refusal of with_period; the constant is not zero.
        let quota = Quota::with_period(LOOKUPS_PERIOD)
            .unwrap_or(Quota::per_second(NonZeroU32::MIN))
            .allow_burst(LOOKUPS_BURST);
        Self {
            per_user: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        }
    }
}

impl NcidLookups {
    /// Takes one look-up of the user's, refused at `field` when their limit is spent.
    pub fn look_up(&self, user_id: i64, field: &'static str) -> Result<(), TooManyRequests> {
        self.per_user
            .check_key(&user_id)
            .map_err(|not_until| TooManyRequests {
                retry_after: not_until.wait_time_from(self.clock.now()),
                what: "NCIDs checked",
                field: Some(field),
            })
    }

    /// Forgets the users whose limit is back to full, so the table does not grow.
    pub fn forget_idle_users(&self) {
        self.per_user.retain_recent();
    }
}

/// 429 with `Retry-After` in whole seconds (rounded up) and the JSON error body.
#[derive(Debug)]
pub struct TooManyRequests {
    retry_after: Duration,
    /// What there were too many of, in the user's words.
    what: &'static str,
    /// The form field the refusal is shown at, if it came from one.
    field: Option<&'static str>,
}

impl IntoResponse for TooManyRequests {
    fn into_response(self) -> Response {
        let seconds = self.retry_after.as_secs() + u64::from(self.retry_after.subsec_nanos() > 0);
        let message = format!("Too many {}. Try again in {seconds} seconds.", self.what);
        let mut body = ApiErrorBody::new(codes::TOO_MANY_REQUESTS, message.clone());
        if let Some(field) = self.field {
            body = body.with_field(field, message);
        }
        let mut response = ApiError::new(StatusCode::TOO_MANY_REQUESTS, body).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        response
    }
}

/// The client's address, as the accept loop saw it (none when served another way). Behind a
/// reverse proxy this is the proxy's; forwarded headers are not trusted, since any client can
/// send them.
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(peer)| peer.ip()),
        ))
    }
}

/// The day of `contract::application::MAX_UPLOADS_PER_DAY`, in seconds.
pub const UPLOAD_WINDOW_SECONDS: i64 = 24 * 60 * 60;

/// R-OA-3: refuses an upload past the user's quota with 429 and `Retry-After` (when the oldest
/// upload of the window leaves it). This early look spares reading a body that will be refused;
/// the insert itself re-checks the quota in the same statement (`attachments::store_upload`),
/// so uploads sent at once cannot all pass this look together.
pub async fn upload_quota(db: &sqlx::SqlitePool, user_id: i64, now: i64) -> Result<(), Response> {
    let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT count(*), min(created) FROM attachments WHERE owner_user_id = ? AND created > ?",
    )
    .bind(user_id)
    .bind(now - UPLOAD_WINDOW_SECONDS)
    .fetch_one(db)
    .await
    .map_err(|error| ApiError::from(error).into_response())?;
    if count < MAX_UPLOADS_PER_DAY {
        return Ok(());
    }
    Err(upload_quota_spent(
        oldest.map_or(UPLOAD_WINDOW_SECONDS, |oldest| {
            oldest + UPLOAD_WINDOW_SECONDS - now
        }),
    ))
}

/// The 429 of a spent upload quota; `wait` seconds until an upload of the window leaves it.
pub fn upload_quota_spent(wait: i64) -> Response {
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ApiErrorBody::new(
            codes::TOO_MANY_REQUESTS,
            format!("You uploaded {MAX_UPLOADS_PER_DAY} documents today. Try again tomorrow."),
        )
        .with_rule(Rule::Oa3)
        .with_field("exclusion.explanation", "Upload again tomorrow"),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
    response
}
