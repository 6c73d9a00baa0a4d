//! Applying to become a brobygger: what an application holds and what is
//! refused. Social Sundhed collects only what it needs: never a CPR number,
//! the birth year at most, and only if the applicant wants to give it.

use crate::domain::Code;
use serde::Serialize;

use super::validation::{Invalid, optional_text, required_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Pending,
    Accepted,
    Declined,
}

impl Code for ApplicationStatus {
    const ALL: &'static [ApplicationStatus] = &[
        ApplicationStatus::Pending,
        ApplicationStatus::Accepted,
        ApplicationStatus::Declined,
    ];

    fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Accepted => "accepted",
            ApplicationStatus::Declined => "declined",
        }
    }
}

/// Whether a text holds something that reads as a CPR number
/// (`domain::cpr`).
pub fn contains_cpr(text: &str) -> bool {
    super::cpr::contains(text)
}

/// A required free-text answer, never with a CPR number in it.
pub fn answer(value: &str, max: usize) -> Result<String, Invalid> {
    let text = required_text(value, max)?;
    if contains_cpr(&text) {
        return Err(Invalid("error-no-cpr"));
    }
    Ok(text)
}

pub fn optional_answer(value: &str, max: usize) -> Result<Option<String>, Invalid> {
    let text = optional_text(value, max)?;
    if text.as_deref().is_some_and(contains_cpr) {
        return Err(Invalid("error-no-cpr"));
    }
    Ok(text)
}

/// A Danish or international phone number: digits with spaces, dashes and
/// an optional leading +, 8 to 15 digits.
pub fn phone(input: &str) -> Result<String, Invalid> {
    super::validation::readable(input)?;
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    if contains_cpr(v) {
        return Err(Invalid("error-no-cpr"));
    }
    let allowed = v
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(8..=15).contains(&digits) {
        return Err(Invalid("error-phone"));
    }
    Ok(v.to_string())
}

/// The birth year, if given: a plausible year for someone of at least 16.
pub fn birth_year(input: &str, this_year: i32) -> Result<Option<i32>, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i32>() {
        Ok(y) if (this_year - 100..=this_year - 16).contains(&y) => Ok(Some(y)),
        _ => Err(Invalid("error-birth-year")),
    }
}

/// How long a declined applicant waits before applying again, unless
/// their branch says otherwise.
pub const DEFAULT_REAPPLY_MONTHS: i32 = 6;
pub const MAX_REAPPLY_MONTHS: i32 = 24;

/// A branch's waiting period in months, as typed on the settings page.
pub fn reapply_months(input: &str) -> Result<i32, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    match v.parse::<i32>() {
        Ok(n) if (1..=MAX_REAPPLY_MONTHS).contains(&n) => Ok(n),
        _ => Err(Invalid("error-reapply-months")),
    }
}

/// The first day a person declined on `declined_on` may apply again. The
/// end of a shorter month stands in for a day it lacks (declined on 31
/// August, six months: 28 or 29 February).
pub fn may_reapply_from(declined_on: chrono::NaiveDate, months: i32) -> chrono::NaiveDate {
    let months = u32::try_from(months.max(0)).unwrap_or(0);
    declined_on
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(chrono::NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpr_numbers_are_spotted_and_other_numbers_are_not() {
        for text in [
            "0101901234",
            "010190-1234",
            "Mit cpr er 311299 1234.",
            "(231185-4321)",
        ] {
            assert!(contains_cpr(text), "{text}");
        }
        for text in [
            "Jeg læser medicin, 5. semester",
            "Telefon 70 70 20 25",
            "991399-1234",
            "12345678901",
            "2026",
            "4012345678901234",
        ] {
            assert!(!contains_cpr(text), "{text}");
        }
        assert_eq!(answer("ok 010190-1234", 100), Err(Invalid("error-no-cpr")));
        assert_eq!(optional_answer("  ", 100), Ok(None));
    }

    #[test]
    fn phone_numbers_and_birth_years_are_checked() {
        assert_eq!(phone(" +45 20 30 40 50 "), Ok("+45 20 30 40 50".into()));
        assert_eq!(phone("2030-4050"), Ok("2030-4050".into()));
        assert_eq!(phone("2030"), Err(Invalid("error-phone")));
        assert_eq!(phone("20 30 40 5x"), Err(Invalid("error-phone")));
        assert_eq!(phone(""), Err(Invalid("error-required")));
        assert_eq!(birth_year("", 2026), Ok(None));
        assert_eq!(birth_year("2001", 2026), Ok(Some(2001)));
        assert_eq!(birth_year("2015", 2026), Err(Invalid("error-birth-year")));
        assert_eq!(
            birth_year("01-01-2001", 2026),
            Err(Invalid("error-birth-year"))
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            ApplicationStatus::Pending,
            ApplicationStatus::Accepted,
            ApplicationStatus::Declined,
        ] {
            assert_eq!(ApplicationStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_declined_applicant_waits_the_branch_s_months() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(may_reapply_from(d(2026, 3, 15), 6), d(2026, 9, 15));
        assert_eq!(may_reapply_from(d(2026, 8, 31), 6), d(2027, 2, 28));
        assert_eq!(reapply_months("6"), Ok(6));
        assert_eq!(reapply_months(" 24 "), Ok(24));
        assert!(reapply_months("0").is_err());
        assert!(reapply_months("25").is_err());
        assert!(reapply_months("seks").is_err());
        assert!(reapply_months("").is_err());
    }
}
