//! Retention that runs by itself: the rules of the registry of personal
//! data (`privacy::Retention`) that the site enforces on its own, each with
//! a default and the range administrators may choose from at
//! `/admin/privatliv`.
//!
//! The ranges are the legal limits as the NGO's data protection adviser
//! set them: below the lower bound the data would be gone before its
//! purpose is served (a complaint about a declined application, an
//! invoice question about a course), above the upper one it would be kept
//! longer than the privacy notice promises.
//!
//! Anonymising alumni and inactive professionals after three years
//! (`Rule::InactiveAccounts`) erases the whole person, exactly as a request
//! does (`app::erasure::erase_in`).

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::Code;
use super::privacy::Retention;
use super::validation::Invalid;

/// One rule. Codes are stored (`retention_settings`, `retention_runs`):
/// never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Declined applications, deleted after the decision.
    DeclinedApplications,
    /// Accounts whose address was never confirmed and that hold nothing
    /// (no enrolment, application, role, booking or certificate), deleted
    /// after they were made.
    UnconfirmedAccounts,
    /// GenLær participants' needs (diet, accessibility; possibly health
    /// data), cleared after the session ended.
    Needs,
    /// The bodies of delivered emails, cleared after delivery; subject,
    /// recipient and status stay.
    MessageBodies,
    /// Supervision attendance, requests and notices of brobyggere who left,
    /// deleted after they left.
    SupervisionAfterLeaving,
    /// Børneattest dates and requirement grace of brobyggere who left,
    /// deleted after they left.
    ChecksAfterLeaving,
    /// Accounts nobody has used (alumni, professionals who took a course
    /// years ago), erased after their last activity; certificates and
    /// invoice details stay, as with any erasure.
    InactiveAccounts,
}

impl Code for Rule {
    const ALL: &'static [Rule] = &[
        Rule::DeclinedApplications,
        Rule::UnconfirmedAccounts,
        Rule::Needs,
        Rule::MessageBodies,
        Rule::SupervisionAfterLeaving,
        Rule::ChecksAfterLeaving,
        Rule::InactiveAccounts,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Rule::DeclinedApplications => "declined_applications",
            Rule::UnconfirmedAccounts => "unconfirmed_accounts",
            Rule::Needs => "needs",
            Rule::MessageBodies => "message_bodies",
            Rule::SupervisionAfterLeaving => "supervision_after_leaving",
            Rule::ChecksAfterLeaving => "checks_after_leaving",
            Rule::InactiveAccounts => "inactive_accounts",
        }
    }
}

impl Rule {
    /// Days kept when no administrator has chosen otherwise.
    pub fn default_days(self) -> i32 {
        match self {
            Rule::DeclinedApplications => 183,
            Rule::UnconfirmedAccounts => 30,
            Rule::Needs => 30,
            Rule::MessageBodies => 90,
            Rule::SupervisionAfterLeaving => 730,
            Rule::ChecksAfterLeaving => 0,
            Rule::InactiveAccounts => 1095,
        }
    }

    /// The days an administrator may choose.
    pub fn range(self) -> RangeInclusive<i32> {
        match self {
            Rule::DeclinedApplications => 30..=365,
            Rule::UnconfirmedAccounts => 7..=90,
            Rule::Needs => 0..=90,
            Rule::MessageBodies => 7..=365,
            Rule::SupervisionAfterLeaving => 365..=1825,
            Rule::ChecksAfterLeaving => 0..=90,
            Rule::InactiveAccounts => 730..=1825,
        }
    }

    /// The registry's rule that this one enforces.
    pub fn retention(self) -> Retention {
        match self {
            Rule::DeclinedApplications => Retention::DeclinedApplication,
            Rule::UnconfirmedAccounts => Retention::AccountInUse,
            Rule::Needs => Retention::NeedsAfterSession,
            Rule::MessageBodies => Retention::MessageBody,
            Rule::SupervisionAfterLeaving => Retention::SupervisionAfterLeaving,
            Rule::ChecksAfterLeaving => Retention::UntilLeaving,
            Rule::InactiveAccounts => Retention::ThreeYearsInactive,
        }
    }

    /// The columns (table, column) the rule deletes or clears, so a test
    /// can hold them to the registry's retention for them.
    pub fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Rule::DeclinedApplications => &[("volunteer_applications", "decided_at")],
            Rule::UnconfirmedAccounts => &[("users", "email_verified_at"), ("users", "email")],
            Rule::Needs => &[("genlaer_enrolments", "needs")],
            Rule::MessageBodies => &[("outbox", "payload")],
            Rule::SupervisionAfterLeaving => &[
                ("attendance", "user_id"),
                ("supervision_requests", "user_id"),
                ("supervision_notices", "user_id"),
                ("volunteers", "last_supervision_at"),
                ("volunteers", "supervision_due_on"),
                ("volunteer_imports", "last_supervision_at"),
            ],
            Rule::ChecksAfterLeaving => &[
                ("volunteer_checks", "checked_on"),
                ("requirement_grace", "deadline"),
            ],
            Rule::InactiveAccounts => &[("volunteers", "status"), ("bookings", "contact_name")],
        }
    }

    /// The days a stored setting gives. A value outside the range (a range
    /// narrowed by a later release) is held to its nearest bound, so the
    /// site never keeps data longer, or deletes it sooner, than allowed.
    pub fn effective(self, stored: Option<i32>) -> i32 {
        let range = self.range();
        stored
            .unwrap_or(self.default_days())
            .clamp(*range.start(), *range.end())
    }

    /// What an administrator typed, as days within the range.
    pub fn parse_days(self, input: &str) -> Result<i32, Invalid> {
        let days: i32 = input
            .trim()
            .parse()
            .map_err(|_| Invalid("error-retention-days"))?;
        if self.range().contains(&days) {
            Ok(days)
        } else {
            Err(Invalid("error-retention-days"))
        }
    }
}

/// The instant before which a rule's data goes: `days` before `now`.
pub fn cutoff(now: NaiveDateTime, days: i32) -> NaiveDateTime {
    now - Duration::days(i64::from(days))
}

/// The Copenhagen day a pass at `now` runs the rules for: each rule runs
/// once on it.
pub fn day(now: NaiveDateTime) -> NaiveDate {
    super::time::local(now).date_naive()
}

/// When a brobygger left: their latest change to alumne in the history,
/// or, for a record without one, when their status last changed.
pub fn left_at(
    became_alumni: Option<NaiveDateTime>,
    status_updated: NaiveDateTime,
) -> NaiveDateTime {
    became_alumni.unwrap_or(status_updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::privacy::{self, Holds};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn every_rule_enforces_the_registry_retention_of_its_columns() {
        for rule in Rule::ALL {
            assert!(
                privacy::entries().any(|(_, e)| e.retention == rule.retention()),
                "{rule:?}: no registry entry has {:?}",
                rule.retention()
            );
            for (table, column) in rule.columns() {
                let Some(t) = privacy::table(table) else {
                    panic!("{rule:?}: table {table} is not in the registry");
                };
                let Holds::Personal { entries, .. } = &t.holds else {
                    panic!("{rule:?}: {table} holds no personal data");
                };
                assert!(
                    entries
                        .iter()
                        .any(|e| e.columns.contains(column) && e.retention == rule.retention()),
                    "{rule:?}: {table}.{column} is not kept under {:?}",
                    rule.retention()
                );
            }
        }
    }

    #[test]
    fn defaults_lie_within_their_ranges() {
        for rule in Rule::ALL {
            assert!(rule.range().contains(&rule.default_days()), "{rule:?}");
            assert_eq!(rule.effective(None), rule.default_days());
        }
        assert_eq!(Rule::DeclinedApplications.default_days(), 183);
        assert_eq!(Rule::ChecksAfterLeaving.default_days(), 0);
    }

    #[test]
    fn days_outside_the_range_are_refused_when_typed_and_held_when_stored() {
        let rule = Rule::UnconfirmedAccounts;
        assert_eq!(rule.parse_days(" 7 "), Ok(7));
        assert_eq!(rule.parse_days("90"), Ok(90));
        for bad in ["6", "91", "-1", "", "tre", "30.5"] {
            assert_eq!(
                rule.parse_days(bad),
                Err(Invalid("error-retention-days")),
                "{bad:?}"
            );
        }
        assert_eq!(rule.effective(Some(3)), 7);
        assert_eq!(rule.effective(Some(400)), 90);
        assert_eq!(rule.effective(Some(45)), 45);
    }

    #[test]
    fn the_cutoff_is_days_before_now() {
        assert_eq!(cutoff(at(2026, 12, 2, 12), 30), at(2026, 11, 2, 12));
        assert_eq!(cutoff(at(2026, 12, 2, 12), 0), at(2026, 12, 2, 12));
    }

    #[test]
    fn the_day_is_copenhagens() {
        // 23:30 UTC on 1 December is half past midnight on the 2nd there.
        assert_eq!(
            day(at(2026, 12, 1, 23) + Duration::minutes(30)),
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default()
        );
        assert_eq!(
            day(at(2026, 12, 1, 22)),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
        );
    }

    #[test]
    fn leaving_is_the_change_to_alumne_when_there_is_one() {
        let changed = at(2025, 1, 1, 12);
        let updated = at(2026, 1, 1, 12);
        assert_eq!(left_at(Some(changed), updated), changed);
        assert_eq!(left_at(None, updated), updated);
    }
}
