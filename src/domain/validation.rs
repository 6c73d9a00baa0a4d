use std::collections::BTreeMap;

use serde::Serialize;

/// Why a value was refused, as the key of a translated message (see
/// `templates/locales/*/errors.ftl`). The domain decides what is wrong; the
/// web layer decides how to say it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Invalid(pub &'static str);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Invalid {}

/// Errors of one form, by field name, ready to be shown beside each field.
#[derive(Debug, Default, Clone, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<&'static str, Invalid>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &'static str, why: Invalid) {
        self.0.entry(field).or_insert(why);
    }

    /// Records the error of a parse and returns its value, so a handler can
    /// validate every field in one pass and show all mistakes at once.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(why) => {
                self.add(field, why);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<Invalid> {
        self.0.get(field).copied()
    }
}

/// What the form extractor (`web::form`) puts where a field held bytes that
/// are not UTF-8: browsers never send them, and a value holding the
/// replacement character was damaged on its way. Refused in every text, so
/// that a damaged value is never stored as if it were what the person typed.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Refuses a value that was not valid UTF-8 (`REPLACEMENT`). Every check of
/// typed text starts here.
pub fn readable(value: &str) -> Result<(), Invalid> {
    if value.contains(REPLACEMENT) {
        Err(Invalid("error-invalid-utf8"))
    } else {
        Ok(())
    }
}

/// What no free text may hold. Text that was not UTF-8 (`readable`). Control characters other than line breaks
/// and tabs: a NUL cannot be stored on PostgreSQL and makes every email to
/// the person unbuildable, and the others are invisible on the page. And a
/// CPR number, which the NGO never stores (`domain::cpr`).
fn printable(value: &str) -> Result<(), Invalid> {
    readable(value)?;
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Err(Invalid("error-control-characters"))
    } else if super::cpr::contains(value) {
        Err(Invalid("error-no-cpr"))
    } else {
        Ok(())
    }
}

/// A one-line value: no control character at all (no line breaks either).
pub fn single_line(value: &str) -> Result<(), Invalid> {
    readable(value)?;
    if value.chars().any(char::is_control) {
        Err(Invalid("error-control-characters"))
    } else {
        Ok(())
    }
}

/// Trims and requires a non-empty value of at most `max` characters.
pub fn required_text(value: &str, max: usize) -> Result<String, Invalid> {
    printable(value)?;
    let v = value.trim();
    if v.is_empty() {
        Err(Invalid("error-required"))
    } else if v.chars().count() > max {
        Err(Invalid("error-too-long"))
    } else {
        Ok(v.to_string())
    }
}

/// Trims; empty becomes `None`.
pub fn optional_text(value: &str, max: usize) -> Result<Option<String>, Invalid> {
    printable(value)?;
    let v = value.trim();
    if v.is_empty() {
        Ok(None)
    } else if v.chars().count() > max {
        Err(Invalid("error-too-long"))
    } else {
        Ok(Some(v.to_string()))
    }
}

/// An optional online meeting link: only `https://`, since the link is
/// mailed to participants and opened from their calendars.
pub fn optional_https_url(value: &str, max: usize) -> Result<Option<String>, Invalid> {
    match optional_text(value, max)? {
        Some(url) if !url.starts_with("https://") => Err(Invalid("error-url")),
        url => Ok(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept() {
        let refused = Err(Invalid("error-control-characters"));
        assert_eq!(required_text("Anna\0", 50).map(|_| ()), refused);
        assert_eq!(optional_text("a\u{1b}[31m", 50).map(|_| ()), refused);
        assert_eq!(
            optional_text("linje 1\r\nlinje 2\tslut", 50),
            Ok(Some("linje 1\r\nlinje 2\tslut".into()))
        );
        assert_eq!(single_line("Anna\nBerg"), refused);
        assert_eq!(single_line("Anna Berg"), Ok(()));
    }

    #[test]
    fn text_that_was_not_utf8_is_refused_before_anything_else() {
        let refused = Err(Invalid("error-invalid-utf8"));
        assert_eq!(required_text("Anna \u{FFFD}", 50).map(|_| ()), refused);
        assert_eq!(optional_text("\u{FFFD}\0", 50).map(|_| ()), refused);
        assert_eq!(single_line("Anna\u{FFFD}"), refused);
        assert_eq!(readable("Åse Ørum"), Ok(()));
    }

    #[test]
    fn an_online_link_must_be_https_or_empty() {
        assert_eq!(optional_https_url("  ", 50), Ok(None));
        assert_eq!(
            optional_https_url(" https://meet.example/x ", 50),
            Ok(Some("https://meet.example/x".into()))
        );
        assert_eq!(
            optional_https_url("http://meet.example/x", 50),
            Err(Invalid("error-url"))
        );
        assert_eq!(
            optional_https_url("https://meet.example/x", 10),
            Err(Invalid("error-too-long"))
        );
    }

    #[test]
    fn check_collects_every_error_and_keeps_the_first_per_field() {
        let mut errors = FieldErrors::new();
        let a: Option<i32> = errors.check("a", Err(Invalid("error-required")));
        let b = errors.check("b", Ok(3));
        errors.add("a", Invalid("error-too-long"));
        assert_eq!(a, None);
        assert_eq!(b, Some(3));
        assert_eq!(errors.get("a"), Some(Invalid("error-required")));
        assert!(!errors.is_empty());
    }

    #[test]
    fn text_fields_are_trimmed_and_bounded() {
        assert_eq!(required_text("  Aarhus ", 10), Ok("Aarhus".into()));
        assert_eq!(required_text("   ", 10), Err(Invalid("error-required")));
        assert_eq!(required_text("ååååå", 4), Err(Invalid("error-too-long")));
        assert_eq!(optional_text(" ", 4), Ok(None));
    }
}
