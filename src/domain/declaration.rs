//! The confidentiality declaration (tavshedserklæring): which version must
//! be signed, and what makes a signature.

use serde::{Deserialize, Serialize};

use super::validation::Invalid;

/// A version's front matter in `course-material/tavshedserklaering/`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct DeclarationMeta {
    pub version: i32,
    pub title: String,
    /// When the text was adopted (ISO date, informational).
    pub valid_from: chrono::NaiveDate,
}

/// The version everyone must have signed: the highest one required so far,
/// or the first when nobody has required one.
pub fn required_version(required: &[i32]) -> i32 {
    required.iter().copied().max().unwrap_or(1)
}

/// Whether someone who signed `signed` meets the requirement. A later
/// version includes what an earlier one asked.
pub fn satisfied(signed: &[i32], required: i32) -> bool {
    signed.iter().any(|v| *v >= required)
}

/// Days volunteers get to sign a newly required version, unless the
/// administrator chooses another deadline.
pub const SIGNING_DAYS: i64 = 30;

/// The last day to sign a newly required version: after `today` and
/// within a year.
pub fn deadline(input: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, Invalid> {
    let date = super::time::date(input)?;
    if date <= today || date > today + chrono::Duration::days(366) {
        return Err(Invalid("error-declaration-deadline"));
    }
    Ok(date)
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The typed signature: the signer's full name as on their account (case
/// and spacing aside), and an explicit confirmation.
pub fn signature(typed: &str, account_name: &str, confirmed: bool) -> Result<String, Invalid> {
    let typed_clean = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if typed_clean.is_empty() {
        return Err(Invalid("error-required"));
    }
    if normalise(&typed_clean) != normalise(account_name) {
        return Err(Invalid("error-signature-name"));
    }
    if !confirmed {
        return Err(Invalid("error-signature-confirm"));
    }
    Ok(typed_clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_required_version_counts_and_later_signatures_satisfy() {
        assert_eq!(required_version(&[]), 1);
        assert_eq!(required_version(&[1, 3, 2]), 3);
        assert!(satisfied(&[1], 1));
        assert!(!satisfied(&[1], 2));
        assert!(satisfied(&[1, 2], 2));
        assert!(satisfied(&[3], 2));
        assert!(!satisfied(&[], 1));
    }

    #[test]
    fn the_deadline_is_after_today_and_within_a_year() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        assert_eq!(
            deadline("2027-01-02", today),
            chrono::NaiveDate::from_ymd_opt(2027, 1, 2).ok_or(Invalid("x"))
        );
        for bad in ["2026-12-03", "2026-12-01", "2028-01-01"] {
            assert_eq!(
                deadline(bad, today),
                Err(Invalid("error-declaration-deadline")),
                "{bad}"
            );
        }
        assert_eq!(deadline("", today), Err(Invalid("error-required")));
    }

    #[test]
    fn a_signature_is_the_account_name_and_a_confirmation() {
        assert_eq!(
            signature("  ahmad   RAHIMI ", "Ahmad Rahimi", true),
            Ok("ahmad RAHIMI".into())
        );
        assert_eq!(
            signature("Ahmad", "Ahmad Rahimi", true),
            Err(Invalid("error-signature-name"))
        );
        assert_eq!(
            signature("Ahmad Rahimi", "Ahmad Rahimi", false),
            Err(Invalid("error-signature-confirm"))
        );
        assert_eq!(
            signature(" ", "Ahmad Rahimi", true),
            Err(Invalid("error-required"))
        );
    }
}
