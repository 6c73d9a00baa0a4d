use crate::domain::Code;
use chrono::NaiveDate;
use serde::Serialize;

use super::validation::Invalid;

/// Where a volunteer (brobygger) is on their path, from application to
/// alumni. Stored by these English codes; shown in Danish as ansøger,
/// godkendt, i uddannelse, aktiv, pause, alumne, afvist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolunteerStatus {
    Applicant,
    Approved,
    InTraining,
    Active,
    Paused,
    Alumni,
    Rejected,
}

impl Code for VolunteerStatus {
    const ALL: &'static [VolunteerStatus] = &[
        VolunteerStatus::Applicant,
        VolunteerStatus::Approved,
        VolunteerStatus::InTraining,
        VolunteerStatus::Active,
        VolunteerStatus::Paused,
        VolunteerStatus::Alumni,
        VolunteerStatus::Rejected,
    ];

    fn as_str(self) -> &'static str {
        match self {
            VolunteerStatus::Applicant => "applicant",
            VolunteerStatus::Approved => "approved",
            VolunteerStatus::InTraining => "in_training",
            VolunteerStatus::Active => "active",
            VolunteerStatus::Paused => "paused",
            VolunteerStatus::Alumni => "alumni",
            VolunteerStatus::Rejected => "rejected",
        }
    }
}

/// The ways a volunteer's status changes. Activating and coming back from
/// a pause also need the activation gate to be clear (`activation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    /// The application is accepted.
    Accept,
    /// The application is declined.
    Decline,
    /// A seat in a cohort of the preparation course.
    StartTraining,
    Activate,
    Pause,
    /// Back from a pause.
    Resume,
    /// Stops as a volunteer and becomes an alumne.
    Retire,
}

impl StatusChange {
    pub fn target(self) -> VolunteerStatus {
        match self {
            StatusChange::Accept => VolunteerStatus::Approved,
            StatusChange::Decline => VolunteerStatus::Rejected,
            StatusChange::StartTraining => VolunteerStatus::InTraining,
            StatusChange::Activate | StatusChange::Resume => VolunteerStatus::Active,
            StatusChange::Pause => VolunteerStatus::Paused,
            StatusChange::Retire => VolunteerStatus::Alumni,
        }
    }

    fn allowed_from(self) -> &'static [VolunteerStatus] {
        use VolunteerStatus::*;
        match self {
            StatusChange::Accept | StatusChange::Decline => &[Applicant],
            StatusChange::StartTraining => &[Approved],
            StatusChange::Activate => &[Approved, InTraining],
            StatusChange::Pause => &[Active],
            StatusChange::Resume => &[Paused],
            StatusChange::Retire => &[Approved, InTraining, Active, Paused],
        }
    }

    /// The new status, if the change is possible from `from`.
    pub fn apply(self, from: VolunteerStatus) -> Option<VolunteerStatus> {
        self.allowed_from().contains(&from).then_some(self.target())
    }
}

/// Accepted into the programme, now or before: may read the course
/// material and enrol in cohorts.
pub fn is_accepted(status: VolunteerStatus) -> bool {
    !matches!(
        status,
        VolunteerStatus::Applicant | VolunteerStatus::Rejected
    )
}

/// The last day of a pause: after today and within a year (a longer break
/// is a goodbye as alumne, with the door open).
pub fn pause_until(input: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let until = super::time::date(input)?;
    if until <= today || until > today + chrono::Duration::days(366) {
        return Err(Invalid("error-pause-until"));
    }
    Ok(until)
}

/// Whether a pause whose last day is `until` is over on `today` (in
/// Copenhagen): from the day after its last day.
pub fn pause_is_over(until: NaiveDate, today: NaiveDate) -> bool {
    today > until
}

/// Whether a status change is an activation: becoming active, other than
/// by coming back from a pause.
pub fn is_activation(from: Option<VolunteerStatus>, to: VolunteerStatus) -> bool {
    to == VolunteerStatus::Active && from != Some(VolunteerStatus::Paused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_is_over_the_day_after_its_last_day() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap_or_default();
        assert!(!pause_is_over(d(10), d(9)));
        assert!(
            !pause_is_over(d(10), d(10)),
            "the last day is still a pause"
        );
        assert!(pause_is_over(d(10), d(11)));
        assert!(pause_is_over(d(10), d(20)));
    }

    #[test]
    fn changes_follow_the_path() {
        use StatusChange::*;
        use VolunteerStatus::*;
        let cases = [
            (Accept, Applicant, Some(Approved)),
            (Accept, Approved, None),
            (Decline, Applicant, Some(Rejected)),
            (Decline, Active, None),
            (StartTraining, Approved, Some(InTraining)),
            (StartTraining, Active, None),
            (Activate, Approved, Some(Active)),
            (Activate, InTraining, Some(Active)),
            (Activate, Applicant, None),
            (Activate, Paused, None),
            (Pause, Active, Some(Paused)),
            (Pause, InTraining, None),
            (Resume, Paused, Some(Active)),
            (Resume, Active, None),
            (Retire, Active, Some(Alumni)),
            (Retire, Paused, Some(Alumni)),
            (Retire, Rejected, None),
            (Retire, Alumni, None),
        ];
        for (change, from, to) in cases {
            assert_eq!(change.apply(from), to, "{change:?} from {from:?}");
        }
    }

    #[test]
    fn a_pause_ends_after_today_and_within_a_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(
            pause_until("2027-01-15", today),
            NaiveDate::from_ymd_opt(2027, 1, 15).ok_or(Invalid("x"))
        );
        assert_eq!(
            pause_until("23.11.2026", today),
            Err(Invalid("error-pause-until"))
        );
        assert_eq!(
            pause_until("2028-01-01", today),
            Err(Invalid("error-pause-until"))
        );
        assert_eq!(pause_until("", today), Err(Invalid("error-required")));
    }

    #[test]
    fn statuses_round_trip() {
        for s in VolunteerStatus::ALL {
            assert_eq!(VolunteerStatus::parse(s.as_str()), Some(s).copied());
        }
    }
}
