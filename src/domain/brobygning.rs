//! Brobygning: the work an active brobygger does after activation, as the
//! site knows it. Only what the annual report counts is ever held (which
//! programme, when, how long, whether briefing and debriefing took place):
//! nothing about the citizen, who lives in the counselling phone's own
//! routines, never here.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::Code;
use super::validation::{FieldErrors, Invalid};
use super::volunteer::VolunteerStatus;

/// Social Sundhed's three programmes (the seeds' own words): accompanying
/// people to the health system, to the social system, or into the
/// associations of civil society.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// Sundhedsbrobygning.
    Health,
    /// Socialbrobygning.
    Social,
    /// Foreningsbrobygning.
    Association,
}

impl Code for Programme {
    const ALL: &'static [Programme] =
        &[Programme::Health, Programme::Social, Programme::Association];

    fn as_str(self) -> &'static str {
        match self {
            Programme::Health => "health",
            Programme::Social => "social",
            Programme::Association => "association",
        }
    }
}

impl Programme {
    /// Reads the programme chosen on a form (a select of the codes).
    pub fn from_form(value: &str) -> Result<Programme, Invalid> {
        Programme::parse(value.trim()).ok_or(Invalid("error-programme"))
    }

    /// The translation key of the programme's name ("Sundhedsbrobygning").
    pub fn name_key(self) -> String {
        format!("programme-{}", self.as_str())
    }
}

/// How far back a brobygning may be registered, in days: a month's work
/// is registered after the month, and older memories are guesses.
pub const MAX_AGE_DAYS: i64 = 60;

/// For how many days after registering the brobygger may correct or
/// delete their own registration (a coordinator may always correct it).
pub const OWN_EDIT_DAYS: i64 = 14;

/// Quarter hours, from a quarter to twelve hours: the choices of the form.
pub const MINUTES_STEP: i32 = 15;
pub const MINUTES_MAX: i32 = 12 * 60;

/// About four hours of volunteer time per brobygning (the annual report:
/// 12,976 hours for 3,244 brobygninger); the form's default.
pub const TYPICAL_MINUTES: i32 = 4 * 60;

/// The minutes a form may offer: every quarter hour up to twelve hours.
pub fn minute_choices() -> Vec<i32> {
    (1..=MINUTES_MAX / MINUTES_STEP)
        .map(|n| n * MINUTES_STEP)
        .collect()
}

/// The volunteer time chosen on a form (minutes, a whole quarter hour
/// from 15 to 720).
pub fn minutes_from_form(value: &str) -> Result<i32, Invalid> {
    let m: i32 = value
        .trim()
        .parse()
        .map_err(|_| Invalid("error-brobygning-minutes"))?;
    if !(MINUTES_STEP..=MINUTES_MAX).contains(&m) || m % MINUTES_STEP != 0 {
        return Err(Invalid("error-brobygning-minutes"));
    }
    Ok(m)
}

/// The day of the brobygning: a date (`YYYY-MM-DD`), not after `today`
/// (Copenhagen) and not before `earliest` (`oldest(today)` for the
/// brobygger; a coordinator correcting may go further back).
pub fn date_from_form(
    value: &str,
    today: NaiveDate,
    earliest: NaiveDate,
) -> Result<NaiveDate, Invalid> {
    let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid("error-brobygning-date"))?;
    if d > today {
        return Err(Invalid("error-brobygning-future"));
    }
    if d < earliest {
        return Err(Invalid("error-brobygning-too-old"));
    }
    Ok(d)
}

/// The oldest day that may still be registered on `today`.
pub fn oldest(today: NaiveDate) -> NaiveDate {
    today - Duration::days(MAX_AGE_DAYS)
}

/// A yes/no answer of the form (radio buttons `yes` / `no`).
pub fn yes_no(value: &str) -> Result<bool, Invalid> {
    match value.trim() {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(Invalid("error-brobygning-yes-no")),
    }
}

/// The rådgiver chosen for a briefing or debriefing: empty (not stated),
/// or one of the ids the form offered (`offered`, the branch's
/// coordinators).
pub fn counsellor(value: &str, offered: &[i64]) -> Result<Option<i64>, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i64>() {
        Ok(id) if offered.contains(&id) => Ok(Some(id)),
        _ => Err(Invalid("error-brobygning-counsellor")),
    }
}

/// What one registration holds, validated. Nothing else can be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub done_on: NaiveDate,
    pub programme: Programme,
    pub minutes: i32,
    pub briefing: bool,
    /// Only when `briefing`.
    pub briefed_by: Option<i64>,
    pub debriefing: bool,
    /// Only when `debriefing`.
    pub debriefed_by: Option<i64>,
}

/// The form's fields as sent (all chosen from lists, none typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers<'a> {
    pub date: &'a str,
    pub programme: &'a str,
    pub minutes: &'a str,
    pub briefing: &'a str,
    pub briefed_by: &'a str,
    pub debriefing: &'a str,
    pub debriefed_by: &'a str,
}

/// Every field checked in one pass; a rådgiver named for a briefing that
/// did not take place is dropped.
pub fn check(
    a: &Answers<'_>,
    today: NaiveDate,
    earliest: NaiveDate,
    counsellors: &[i64],
    errors: &mut FieldErrors,
) -> Option<Registration> {
    let done_on = errors.check("date", date_from_form(a.date, today, earliest));
    let programme = errors.check("programme", Programme::from_form(a.programme));
    let minutes = errors.check("minutes", minutes_from_form(a.minutes));
    let briefing = errors.check("briefing", yes_no(a.briefing));
    let briefed_by = errors.check("briefed_by", counsellor(a.briefed_by, counsellors));
    let debriefing = errors.check("debriefing", yes_no(a.debriefing));
    let debriefed_by = errors.check("debriefed_by", counsellor(a.debriefed_by, counsellors));
    let (briefing, debriefing) = (briefing?, debriefing?);
    Some(Registration {
        done_on: done_on?,
        programme: programme?,
        minutes: minutes?,
        briefing,
        briefed_by: briefed_by?.filter(|_| briefing),
        debriefing,
        debriefed_by: debriefed_by?.filter(|_| debriefing),
    })
}

/// Why a brobygning on a day cannot be registered by this brobygger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// They were on a pause that day.
    Paused,
    /// They were not (yet) an active brobygger that day.
    NotActive,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Paused => "brobygning-refused-paused",
            Refusal::NotActive => "brobygning-refused-not-active",
        }
    }
}

/// A status history as the rules read it: (Copenhagen date, from, to), in
/// the order the changes happened.
pub type History = [(NaiveDate, Option<VolunteerStatus>, VolunteerStatus)];

/// The status a volunteer had at the end of `day`: the last change on or
/// before that day; `None` when the history starts later.
pub fn status_on(changes: &History, day: NaiveDate) -> Option<VolunteerStatus> {
    changes
        .iter()
        .rev()
        .find(|(on, _, _)| *on <= day)
        .map(|(_, _, to)| *to)
}

/// Whether a brobygger may register a brobygning on `day`: they were
/// active that day, neither on a pause nor before activation. A volunteer
/// with no history at all is judged by their status now (`now`).
pub fn refusal_on(changes: &History, now: VolunteerStatus, day: NaiveDate) -> Option<Refusal> {
    let then = if changes.is_empty() {
        Some(now)
    } else {
        status_on(changes, day)
    };
    match then {
        Some(VolunteerStatus::Active) => None,
        Some(VolunteerStatus::Paused) => Some(Refusal::Paused),
        _ => Some(Refusal::NotActive),
    }
}

/// Whether the brobygger may still correct or delete their own
/// registration made on `created` (a Copenhagen date), on `today`.
pub fn own_edit_open(created: NaiveDate, today: NaiveDate) -> bool {
    today <= created + Duration::days(OWN_EDIT_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn minutes_are_whole_quarter_hours_up_to_twelve_hours() {
        assert_eq!(minutes_from_form("240"), Ok(240));
        assert_eq!(minutes_from_form("15"), Ok(15));
        assert_eq!(minutes_from_form("720"), Ok(720));
        for bad in ["0", "10", "735", "-15", "4", "4,5", "", "fire"] {
            assert_eq!(
                minutes_from_form(bad),
                Err(Invalid("error-brobygning-minutes")),
                "{bad}"
            );
        }
        assert_eq!(minute_choices().len(), 48);
        assert!(minute_choices().contains(&TYPICAL_MINUTES));
    }

    #[test]
    fn a_date_is_neither_in_the_future_nor_too_old() {
        let today = d("2026-12-03");
        assert_eq!(
            date_from_form("2026-12-03", today, oldest(today)),
            Ok(today)
        );
        assert_eq!(
            date_from_form("2026-12-04", today, oldest(today)),
            Err(Invalid("error-brobygning-future"))
        );
        assert_eq!(
            date_from_form("2026-10-04", today, oldest(today)),
            Ok(d("2026-10-04"))
        );
        assert_eq!(
            date_from_form("2026-10-03", today, oldest(today)),
            Err(Invalid("error-brobygning-too-old"))
        );
        assert_eq!(
            date_from_form("3/12", today, oldest(today)),
            Err(Invalid("error-brobygning-date"))
        );
    }

    #[test]
    fn a_counsellor_is_one_offered_or_none() {
        assert_eq!(counsellor("", &[4]), Ok(None));
        assert_eq!(counsellor("4", &[4]), Ok(Some(4)));
        assert_eq!(
            counsellor("5", &[4]),
            Err(Invalid("error-brobygning-counsellor"))
        );
    }

    #[test]
    fn the_form_checks_every_field_and_drops_a_counsellor_without_a_meeting() {
        let today = d("2026-12-03");
        let mut errors = FieldErrors::new();
        let r = check(
            &Answers {
                date: "2026-12-01",
                programme: "social",
                minutes: "255",
                briefing: "yes",
                briefed_by: "7",
                debriefing: "no",
                debriefed_by: "7",
            },
            today,
            oldest(today),
            &[7],
            &mut errors,
        )
        .expect("valid");
        assert!(errors.is_empty());
        assert_eq!(r.briefed_by, Some(7));
        assert_eq!(r.debriefed_by, None);
        assert_eq!(r.minutes, 255);

        let mut errors = FieldErrors::new();
        assert!(check(&Answers::default(), today, oldest(today), &[], &mut errors).is_none());
        for field in ["date", "programme", "minutes", "briefing", "debriefing"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_day_on_pause_or_before_activation_is_refused() {
        use VolunteerStatus::*;
        let history = vec![
            (d("2026-01-01"), None, Applicant),
            (d("2026-03-01"), Some(InTraining), Active),
            (d("2026-06-01"), Some(Active), Paused),
            (d("2026-07-01"), Some(Paused), Active),
        ];
        assert_eq!(
            refusal_on(&history, Active, d("2026-02-01")),
            Some(Refusal::NotActive)
        );
        assert_eq!(refusal_on(&history, Active, d("2026-03-01")), None);
        assert_eq!(
            refusal_on(&history, Active, d("2026-06-15")),
            Some(Refusal::Paused)
        );
        assert_eq!(refusal_on(&history, Active, d("2026-07-01")), None);
        assert_eq!(
            refusal_on(&history, Active, d("2025-12-01")),
            Some(Refusal::NotActive),
            "before the history starts"
        );
        assert_eq!(refusal_on(&[], Active, d("2026-07-01")), None);
        assert_eq!(
            refusal_on(&[], InTraining, d("2026-07-01")),
            Some(Refusal::NotActive)
        );
    }

    #[test]
    fn own_registrations_may_be_changed_for_two_weeks() {
        assert!(own_edit_open(d("2026-12-01"), d("2026-12-15")));
        assert!(!own_edit_open(d("2026-12-01"), d("2026-12-16")));
    }

    #[test]
    fn a_form_gives_one_of_the_three_programmes_or_an_error() {
        assert_eq!(Programme::from_form(" social "), Ok(Programme::Social));
        assert_eq!(Programme::from_form("health"), Ok(Programme::Health));
        assert_eq!(
            Programme::from_form("citizen name"),
            Err(Invalid("error-programme"))
        );
    }
}
