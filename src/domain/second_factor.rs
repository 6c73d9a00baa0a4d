//! Two-factor login with time-based one-time codes (TOTP, RFC 6238: SHA-1,
//! six digits, 30-second steps, what every authenticator app reads), the
//! single-use recovery codes, and when a sensitive action asks for proof
//! again.

use chrono::{Duration, NaiveDateTime};
use rand::Rng;
use totp_rs::{Builder, Secret, Totp};

/// Recovery codes given at set-up.
pub const RECOVERY_CODES: usize = 10;

/// How long a proof (password or code) counts for sensitive actions.
pub const PROOF_VALID_MINUTES: i64 = 15;

/// How long one may take between the password and the code at login.
pub const CODE_WAIT_MINUTES: i64 = 5;

/// A new random secret (160 bits), base32 as the apps expect it typed.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

fn totp(secret: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some("Brobyg"))
        .with_account_name(account)
        .build()
        .ok()
}

/// The `otpauth://` address an app reads from the QR code.
pub fn setup_url(secret: &str, account: &str) -> Option<String> {
    // The label may not hold a colon (it separates issuer and account).
    totp(secret, &account.replace(':', ""))?.to_url().ok()
}

/// The time step (30-second window since 1970) that `code` belongs to,
/// accepting one step either side for clocks that drift. `None`: wrong.
/// The caller must refuse a step already used.
pub fn check(secret: &str, code: &str, unix_seconds: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let step = totp(secret, "x")?.check(&code, unix_seconds)?;
    i64::try_from(step).ok()
}

/// The code an app would show at this moment (for tests and the demo).
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    Some(totp(secret, "x")?.generate(unix_seconds).to_string())
}

/// Ten fresh recovery codes, as shown to the person: `xxxx-xxxx` from an
/// alphabet without look-alikes (50 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut code = String::with_capacity(9);
            for i in 0..8 {
                if i == 4 {
                    code.push('-');
                }
                code.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
            }
            code
        })
        .collect()
}

/// A recovery code as stored (before hashing): people type them with or
/// without the dash, in any case, with spaces.
pub fn normalise_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether what was typed looks like a recovery code rather than a TOTP code.
pub fn looks_like_recovery_code(typed: &str) -> bool {
    normalise_recovery_code(typed).len() == 8 && typed.chars().any(|c| c.is_ascii_alphabetic())
}

/// Whether a proof made at `proved_at` still covers a sensitive action.
pub fn proof_is_fresh(proved_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - proved_at < Duration::minutes(PROOF_VALID_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B: the SHA-1 secret "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        // Six-digit versions of the RFC's eight-digit values.
        assert_eq!(code_at(RFC_SECRET, 59).as_deref(), Some("287082"));
        assert_eq!(
            code_at(RFC_SECRET, 1_111_111_109).as_deref(),
            Some("081804")
        );
        assert_eq!(check(RFC_SECRET, "287082", 59), Some(1));
    }

    #[test]
    fn a_code_from_the_neighbouring_step_is_accepted_but_not_older() {
        let secret = new_secret();
        let t = 1_800_000_000;
        let now = code_at(&secret, t).expect("code");
        assert_eq!(check(&secret, &now, t), Some((t / 30) as i64));
        let previous = code_at(&secret, t - 30).expect("code");
        assert_eq!(check(&secret, &previous, t), Some((t / 30 - 1) as i64));
        let old = code_at(&secret, t - 120).expect("code");
        assert_eq!(check(&secret, &old, t), None);
        assert_eq!(check(&secret, "12 34 5", t), None);
        assert_eq!(check(&secret, "abcdef", t), None);
    }

    #[test]
    fn typed_codes_may_have_spaces() {
        let secret = new_secret();
        let code = code_at(&secret, 1_800_000_000).expect("code");
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(check(&secret, &spaced, 1_800_000_000).is_some());
    }

    #[test]
    fn recovery_codes_are_distinct_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert_eq!(normalise_recovery_code(" ABCD-efgh "), "abcdefgh");
        assert!(looks_like_recovery_code("abcd-efgh"));
        assert!(!looks_like_recovery_code("123456"));
    }

    #[test]
    fn the_setup_address_names_the_site_and_the_account() {
        let url = setup_url(&new_secret(), "a:b@example.dk").expect("url");
        assert!(
            url.starts_with("otpauth://totp/Brobyg:ab%40example.dk?"),
            "{url}"
        );
        assert!(url.contains("issuer=Brobyg"));
    }

    #[test]
    fn proofs_go_stale_after_a_quarter_of_an_hour() {
        let t = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .expect("time")
            .naive_utc();
        assert!(proof_is_fresh(t, t + Duration::minutes(14)));
        assert!(!proof_is_fresh(t, t + Duration::minutes(15)));
    }
}
