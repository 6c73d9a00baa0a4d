use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// A fresh random token (256 bits, URL-safe) for a link or a session.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a link token.
pub fn digest(token: &str) -> String {
    let hash = Sha256::digest(token.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token that need not be stored: derived from the site's secret key and
/// a stored random salt, so the site can show it again (an organisation's
/// private enrolment link, a calendar feed's address) while a copy of the
/// database alone cannot. HMAC rather than a plain hash of key and message,
/// which would be open to length extension; `purpose` keeps the tokens of
/// different features apart even for the same salt. 43 URL-safe characters.
pub fn derive(secret: &SecretString, purpose: &str, salt: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(salt.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Equal tokens, compared in constant time.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn digests_are_stable_hex() {
        assert_eq!(digest("abc").len(), 64);
        assert_eq!(digest("abc"), digest("abc"));
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn derived_tokens_depend_on_secret_purpose_and_salt() {
        let (secret, other) = (SecretString::from("secret"), SecretString::from("other"));
        let a = derive(&secret, "link", "salt");
        assert_eq!(a, derive(&secret, "link", "salt"));
        assert_ne!(a, derive(&other, "link", "salt"));
        assert_ne!(a, derive(&secret, "link", "pepper"));
        assert_ne!(a, derive(&secret, "feed", "salt"));
        assert_eq!(a.len(), 43);
    }
}
