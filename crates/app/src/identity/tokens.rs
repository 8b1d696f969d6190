//! Access tokens (JWT, short-lived, stateless to check) and the keyed hash
//! under which refresh tokens, cookies and OTP codes are stored.

use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

use super::model::Role;

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    hash_key: Vec<u8>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    /// The session (refresh-token family) the token belongs to, so that
    /// revoking the session stops its access tokens at once.
    pub sid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AccessError {
    Expired,
    Invalid,
}

impl Keys {
    /// One secret yields both keys; the hash key is derived so that a leaked
    /// hash key would not let anyone mint access tokens.
    pub fn from_secret(secret: &[u8]) -> Keys {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("hmac accepts any key length");
        mac.update(b"qitaa/stored-secret-hash/v1");
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            hash_key: mac.finalize().into_bytes().to_vec(),
        }
    }

    /// Keyed hash of a secret (with context parts), as stored in the database.
    pub fn hash(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.hash_key).expect("hmac accepts any key length");
        for p in parts {
            mac.update(&(p.len() as u64).to_be_bytes());
            mac.update(p);
        }
        mac.finalize().into_bytes().to_vec()
    }

    pub fn issue_access(&self, user: Uuid, session: Uuid, role: Role, ttl_secs: i64) -> String {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let claims = Claims {
            sub: user,
            sid: session,
            role,
            iat: now,
            exp: now + ttl_secs,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    pub fn verify_access(&self, token: &str) -> Result<Claims, AccessError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|d| d.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => AccessError::Expired,
                _ => AccessError::Invalid,
            })
    }
}

/// 256 random bits, URL-safe: refresh tokens and session cookies.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// A 6-digit code, uniformly drawn.
pub fn random_code() -> String {
    format!("{:06}", rand::random_range(0..1_000_000u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_round_trip_and_reject_forgeries() {
        let keys = Keys::from_secret(b"one secret");
        let other = Keys::from_secret(b"another secret");
        let (u, s) = (Uuid::now_v7(), Uuid::now_v7());
        let t = keys.issue_access(u, s, Role::Customer, 60);
        let c = keys.verify_access(&t).unwrap();
        assert_eq!((c.sub, c.sid, c.role), (u, s, Role::Customer));
        assert_eq!(other.verify_access(&t).unwrap_err(), AccessError::Invalid);
        let old = keys.issue_access(u, s, Role::Customer, -120);
        assert_eq!(keys.verify_access(&old).unwrap_err(), AccessError::Expired);
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = random_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|d| d.is_ascii_digit()));
        }
    }
}
