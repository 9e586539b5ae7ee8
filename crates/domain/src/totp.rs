//! Two-factor authentication by time-based one-time passwords (RFC 6238):
//! 30-second steps, 6 digits, HMAC-SHA-1 (what authenticator apps
//! expect). A code is accepted for the current step and one step either
//! side (clocks drift), and never for a step at or before the last one
//! accepted, so a code cannot be used twice. Recovery codes are random
//! strings of the base32 alphabet, grouped for reading.

use totp_lite::{totp_custom, Sha1};

/// Seconds per step.
pub const STEP_SECONDS: u64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// Steps accepted either side of the current one.
pub const DRIFT_STEPS: u64 = 1;
/// Recovery codes handed out at setup.
pub const RECOVERY_CODES: usize = 10;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The code of `secret` for the step that contains `unix_seconds`, with
/// `digits` digits (6 for people; 8 for the RFC's test vectors).
pub fn code_at(secret: &[u8], unix_seconds: u64, digits: u32) -> String {
    totp_custom::<Sha1>(STEP_SECONDS, digits, secret, unix_seconds)
}

/// The step that contains `unix_seconds`.
pub fn step_of(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// Checks a code typed by a person (spaces ignored) at `unix_seconds`:
/// the step it belongs to, if it is valid for the current step or one
/// step either side and newer than `last_step` (the last one accepted).
pub fn verify(secret: &[u8], typed: &str, unix_seconds: u64, last_step: u64) -> Option<u64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let now = step_of(unix_seconds);
    let first = now.saturating_sub(DRIFT_STEPS);
    (first..=now + DRIFT_STEPS)
        .filter(|s| *s > last_step)
        .find(|s| constant_eq(&code_at(secret, s * STEP_SECONDS, DIGITS), &typed))
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// RFC 4648 base32 without padding (how authenticator apps take secrets).
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes base32 (case, spaces and padding ignored); `None` for any
/// other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase() as u8;
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        buffer = ((buffer << 5) | v) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// Groups of four characters for reading a secret or recovery code aloud
/// or typing it ("JBSW Y3DP …").
pub fn grouped(text: &str, separator: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(separator)
}

/// A recovery code as typed, reduced to what counts: base32 characters in
/// upper case (spaces, dashes and case do not matter).
pub fn normalize_recovery(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A recovery code from 10 random bytes (80 bits): 16 base32 characters.
pub fn recovery_code(random: &[u8; 10]) -> String {
    base32_encode(random)
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret_base32: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_base32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    /// RFC 6238, appendix B, the SHA-1 column (8 digits).
    #[test]
    fn rfc_6238_test_vectors() {
        for (t, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(RFC_SECRET, t, 8), code, "T = {t}");
            // Six digits are the last six of the same number.
            assert_eq!(code_at(RFC_SECRET, t, DIGITS), &code[2..], "T = {t}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let t = 1_234_567_890;
        let step = step_of(t);
        let code = code_at(RFC_SECRET, t, DIGITS);
        assert_eq!(verify(RFC_SECRET, &code, t, 0), Some(step));
        assert_eq!(
            verify(
                RFC_SECRET,
                &format!(" {} {} ", &code[..3], &code[3..]),
                t,
                0
            ),
            Some(step)
        );
        assert_eq!(
            verify(RFC_SECRET, &code, t + 30, 0),
            Some(step),
            "one step late"
        );
        assert_eq!(
            verify(RFC_SECRET, &code, t - 30, 0),
            Some(step),
            "one step early"
        );
        assert_eq!(verify(RFC_SECRET, &code, t + 60, 0), None, "two steps late");
        assert_eq!(
            verify(RFC_SECRET, &code, t - 60, 0),
            None,
            "two steps early"
        );
        // Reuse: the step was accepted already.
        assert_eq!(verify(RFC_SECRET, &code, t, step), None);
        assert_eq!(verify(RFC_SECRET, &code, t + 30, step), None);
        // An older step's code after a newer one was accepted.
        let next = code_at(RFC_SECRET, t + 30, DIGITS);
        assert_eq!(verify(RFC_SECRET, &next, t + 30, step), Some(step + 1));
        assert_eq!(verify(RFC_SECRET, &code, t + 30, step + 1), None);
        for bad in ["", "12345", "1234567", "abcdef", "１２３４５６"] {
            assert_eq!(verify(RFC_SECRET, bad, t, 0), None, "{bad:?}");
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32_encode(RFC_SECRET),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        assert_eq!(
            base32_decode("mzxw 6ytb oi").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(
            base32_decode("MZXW6YTBOI======").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(base32_decode("MZ1W"), None);
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(base32_decode(&base32_encode(&bytes)), Some(bytes));
    }

    #[test]
    fn recovery_codes_and_uri() {
        let c = recovery_code(&[0xff; 10]);
        assert_eq!(c, "7777777777777777");
        assert_eq!(grouped(&c, "-"), "7777-7777-7777-7777");
        assert_eq!(
            normalize_recovery(" 7777-7777 7777-777q "),
            "777777777777777Q"
        );
        assert_eq!(
            otpauth_uri("Stadt Musterstadt", "a@b.de", "GEZD"),
            "otpauth://totp/Stadt%20Musterstadt:a%40b.de?secret=GEZD&issuer=Stadt%20Musterstadt&algorithm=SHA1&digits=6&period=30"
        );
    }
}
