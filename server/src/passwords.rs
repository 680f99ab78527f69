//! Argon2id hashing (default parameters) of passwords and PINs, run off the async threads, a
//! few at a time: each takes 19 MiB of memory while it runs, and an unbounded number at once
//! (a burst of sign-ins) took the server to gigabytes. The binary's allocator (mimalloc, see
//! main.rs) gives the blocks back afterwards; glibc's kept them, per thread.

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use password_hash::rand_core::OsRng;
use tokio::sync::Semaphore;

/// Argon2 computations at once, so at most 4 × 19 MiB is in use; more wait their turn (the
/// two cores this runs on keep no more than this busy).
static AT_ONCE: Semaphore = Semaphore::const_new(4);

/// Runs `work` in the blocking pool once one of the `AT_ONCE` permits is free.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    let _permit = AT_ONCE.acquire().await.context("argon2 permits")?;
    tokio::task::spawn_blocking(work)
        .await
        .context("argon2 task")
}

/// Hashes `secret` in the blocking pool: argon2 is deliberately slow.
pub async fn hash(secret: String) -> anyhow::Result<String> {
    bounded(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(secret.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| anyhow::anyhow!("argon2: {error}"))
    })
    .await?
}

/// Whether `secret` matches the PHC string `hash`. A malformed hash never matches.
pub async fn verify(secret: String, hash: String) -> anyhow::Result<bool> {
    bounded(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_secret_only() {
        let hashed = hash("Demo!Passw0rd".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("Demo!Passw0rd".into(), hashed.clone())
            .await
            .unwrap());
        // R-AUTH-2: passwords are case-sensitive.
        assert!(!verify("demo!passw0rd".into(), hashed).await.unwrap());
        assert!(!verify("x".into(), "not a hash".into()).await.unwrap());
    }
}
