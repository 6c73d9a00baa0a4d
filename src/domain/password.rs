use super::validation::Invalid;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// A new password the user chose, typed twice. Length is the rule that
/// matters (NIST 800-63B); no composition rules.
pub fn new_password(password: &str, confirmation: &str) -> Result<String, Invalid> {
    super::validation::readable(password)?;
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Err(Invalid("error-password-too-short"))
    } else if length > MAX_LENGTH {
        Err(Invalid("error-too-long"))
    } else if password != confirmation {
        Err(Invalid("error-password-mismatch"))
    } else {
        Ok(password.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_confirmation_are_checked() {
        assert_eq!(
            new_password("kort", "kort"),
            Err(Invalid("error-password-too-short"))
        );
        assert_eq!(
            new_password("langt-nok-kodeord", "langt-nok-kodeordd"),
            Err(Invalid("error-password-mismatch"))
        );
        assert_eq!(
            new_password("æøå-langt-nok", "æøå-langt-nok"),
            Ok("æøå-langt-nok".into())
        );
        let long = "x".repeat(MAX_LENGTH + 1);
        assert_eq!(new_password(&long, &long), Err(Invalid("error-too-long")));
    }
}
