//! CSRF protection for every state-changing form: a token bound to the
//! session (or, before login, to a random cookie), signed with an instance
//! secret shared by all app instances, and valid for 12 hours. No state is
//! stored per token, so pages for visitors stay pure reads. Cookies are
//! also SameSite=Lax, a second line of defence.

use sha2::{Digest, Sha256};

pub const MAX_AGE_MS: i64 = 12 * 3_600_000;

fn sig(secret: &str, binding: &str, ts: i64) -> String {
    let mut h = Sha256::new();
    h.update(secret.as_bytes());
    h.update(b"|csrf|");
    h.update(binding.as_bytes());
    h.update(b"|");
    h.update(ts.to_string().as_bytes());
    hex::encode(&h.finalize()[..16])
}

pub fn issue(secret: &str, binding: &str, now_ms: i64) -> String {
    format!("{now_ms}.{}", sig(secret, binding, now_ms))
}

#[derive(Debug, PartialEq, Eq)]
pub enum CsrfError {
    Invalid,
    Expired,
}

pub fn check(secret: &str, binding: &str, token: &str, now_ms: i64) -> Result<(), CsrfError> {
    let (ts, s) = token.split_once('.').ok_or(CsrfError::Invalid)?;
    let ts: i64 = ts.parse().map_err(|_| CsrfError::Invalid)?;
    // Constant-time comparison is not needed for a MAC of this kind
    // compared once per request, but it costs nothing.
    let expected = sig(secret, binding, ts);
    if expected.len() != s.len()
        || expected
            .bytes()
            .zip(s.bytes())
            .fold(0u8, |a, (x, y)| a | (x ^ y))
            != 0
    {
        return Err(CsrfError::Invalid);
    }
    if now_ms - ts > MAX_AGE_MS || ts > now_ms + 60_000 {
        return Err(CsrfError::Expired);
    }
    Ok(())
}

/// A visitor's opinion-map browser id: 32 random hex digits and their
/// signature, so that made-up ids are not accepted (each new id counts
/// against the rate limit for new anonymous voters).
pub fn issue_voter_id(secret: &str) -> String {
    let random = &teilhabe_store::random_token()[..32];
    format!("{random}{}", voter_sig(secret, random))
}

pub fn voter_id_valid(secret: &str, id: &str) -> bool {
    id.len() == 64
        && id.is_char_boundary(32)
        && voter_sig(secret, &id[..32])
            .bytes()
            .zip(id[32..].bytes())
            .fold(0u8, |a, (x, y)| a | (x ^ y))
            == 0
}

fn voter_sig(secret: &str, random: &str) -> String {
    let mut h = Sha256::new();
    h.update(secret.as_bytes());
    h.update(b"|voter|");
    h.update(random.as_bytes());
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voter_ids_are_signed() {
        let id = issue_voter_id("s");
        assert!(voter_id_valid("s", &id));
        assert!(!voter_id_valid("t", &id));
        assert!(!voter_id_valid("s", &"a".repeat(64)));
        assert!(!voter_id_valid("s", "kurz"));
        assert!(!voter_id_valid("s", &format!("{}ä", &id[..62])));
    }

    #[test]
    fn tokens_bind_and_expire() {
        let t = issue("s", "session-a", 1000);
        assert_eq!(check("s", "session-a", &t, 2000), Ok(()));
        assert_eq!(check("s", "session-b", &t, 2000), Err(CsrfError::Invalid));
        assert_eq!(check("x", "session-a", &t, 2000), Err(CsrfError::Invalid));
        assert_eq!(
            check("s", "session-a", &t, 1000 + MAX_AGE_MS + 1),
            Err(CsrfError::Expired)
        );
        assert_eq!(
            check("s", "session-a", "garbage", 2000),
            Err(CsrfError::Invalid)
        );
    }
}
