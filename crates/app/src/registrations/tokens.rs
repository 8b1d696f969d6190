//! The tokens of the links e-mailed to applicants: the request's id, an
//! expiry and a nonce, signed with the keyed hash of the app's secret
//! (`Keys::hash`, under a purpose of its own so a confirm token never opens a
//! resume link). The nonce is also stored on the request, and cleared or
//! replaced when the link has done its work: that is what makes a link work
//! once. Nothing secret is stored; the token is derived again when mailed.

use uuid::Uuid;

use crate::identity::tokens::Keys;

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// `/register/confirm`: the applicant holds the e-mail address.
    Confirm,
    /// `/register/resume`: a rejected request opened again for editing.
    Resume,
}

impl LinkPurpose {
    fn tag(self) -> &'static [u8] {
        match self {
            LinkPurpose::Confirm => b"registration-confirm/v1",
            LinkPurpose::Resume => b"registration-resume/v1",
        }
    }
}

/// A token's contents once its signature is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: Uuid,
    /// Unix seconds.
    pub expires: i64,
    pub nonce: String,
}

/// Bytes of the signature kept in a token (128 bits).
const SIG_BYTES: usize = 16;

fn signature(keys: &Keys, purpose: LinkPurpose, id: Uuid, expires: i64, nonce: &str) -> String {
    let mac = keys.hash(&[
        purpose.tag(),
        id.as_bytes(),
        &expires.to_be_bytes(),
        nonce.as_bytes(),
    ]);
    hex::encode(&mac[..SIG_BYTES])
}

/// `<id>.<expires>.<nonce>.<signature>`, URL-safe as it is.
pub fn sign(keys: &Keys, purpose: LinkPurpose, id: Uuid, expires: i64, nonce: &str) -> String {
    format!(
        "{}.{expires}.{nonce}.{}",
        id.simple(),
        signature(keys, purpose, id, expires, nonce)
    )
}

/// A fresh nonce: 64 random bits (the signature, not the nonce, is what
/// cannot be guessed).
pub fn nonce() -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// The link a token names, when its signature holds (its expiry is the
/// caller's to judge, so an expired link can be told from a forged one).
pub fn verify(keys: &Keys, purpose: LinkPurpose, token: &str) -> Option<Link> {
    let mut parts = token.trim().split('.');
    let (id, expires, nonce, sig) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || nonce.is_empty() || nonce.len() > 32 {
        return None;
    }
    if !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let id = Uuid::try_parse(id).ok()?;
    let expires: i64 = expires.parse().ok()?;
    let expected = signature(keys, purpose, id, expires, nonce);
    let same = expected.len() == sig.len()
        && expected
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    same.then(|| Link {
        id,
        expires,
        nonce: nonce.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_refuse_tampering() {
        let keys = Keys::from_secret(b"a secret");
        let id = Uuid::now_v7();
        let t = sign(&keys, LinkPurpose::Confirm, id, 1_900_000_000, "00ff");
        let link = verify(&keys, LinkPurpose::Confirm, &t).unwrap();
        assert_eq!(
            (link.id, link.expires, link.nonce.as_str()),
            (id, 1_900_000_000, "00ff")
        );
        assert!(
            verify(&keys, LinkPurpose::Resume, &t).is_none(),
            "another purpose"
        );
        assert!(verify(&Keys::from_secret(b"other"), LinkPurpose::Confirm, &t).is_none());
        let later = t.replace(".1900000000.", ".1900000001.");
        assert!(
            verify(&keys, LinkPurpose::Confirm, &later).is_none(),
            "expiry is signed"
        );
        assert!(verify(&keys, LinkPurpose::Confirm, "garbage").is_none());
        assert!(verify(&keys, LinkPurpose::Confirm, &format!("{t}.x")).is_none());
    }
}
