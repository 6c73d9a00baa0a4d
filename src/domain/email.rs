use serde::Serialize;

use super::validation::Invalid;

/// An email address as the system stores it: trimmed and lower-cased, so
/// that "Anna@Example.dk" and "anna@example.dk" are one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, Invalid> {
        super::validation::readable(input)?;
        let value = input.trim().to_lowercase();
        if value.is_empty() {
            return Err(Invalid("error-required"));
        }
        let invalid = Invalid("error-email-invalid");
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid);
        }
        let (local, domain) = value.rsplit_once('@').ok_or(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid);
        }
        Ok(EmailAddress(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised() {
        assert_eq!(
            EmailAddress::parse("  Anna.Hansen@Region.DK ").map(EmailAddress::into_string),
            Ok("anna.hansen@region.dk".to_string())
        );
        assert!(EmailAddress::parse("søren@kø.dk").is_ok());
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        for bad in [
            "anna",
            "anna@",
            "@region.dk",
            "anna@region",
            "an na@x.dk",
            "a@x..dk",
            "a@.x.dk",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(Invalid("error-email-invalid")),
                "{bad}"
            );
        }
        assert_eq!(EmailAddress::parse(" "), Err(Invalid("error-required")));
    }
}
