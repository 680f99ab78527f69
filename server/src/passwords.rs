//! Argon2id hashing (default parameters) of passwords and PINs, run off the async threads.

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use password_hash::rand_core::OsRng;

/// Hashes `secret` in the blocking pool: argon2 is deliberately slow.
pub async fn hash(secret: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(secret.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| anyhow::anyhow!("argon2: {error}"))
    })
    .await
    .context("hashing task")?
}

/// Whether `secret` matches the PHC string `hash`. A malformed hash never matches.
pub async fn verify(secret: String, hash: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .context("verifying task")
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
