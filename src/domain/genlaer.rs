//! GenLær (gensidig læring): the rules of the course catalogue, bookings by
//! organisations and course certificates. Seats, waiting lists and
//! cancellations are the shared engine's (`domain::enrolment`).

use crate::domain::Code;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validation::Invalid;

/// Who a course is for; the catalogue filters on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Welfare professionals: nurses, doctors, social workers, visitators.
    Professionals,
    Leaders,
    DecisionMakers,
    /// Students of health and social programmes.
    Students,
}

impl Code for Audience {
    const ALL: &'static [Audience] = &[
        Audience::Professionals,
        Audience::Leaders,
        Audience::DecisionMakers,
        Audience::Students,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Audience::Professionals => "professionals",
            Audience::Leaders => "leaders",
            Audience::DecisionMakers => "decision_makers",
            Audience::Students => "students",
        }
    }
}

/// How a course is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourseFormat {
    /// Open sessions anyone can enrol in.
    Open,
    /// Booked by an organisation for its own staff.
    Inhouse,
    Both,
}

impl Code for CourseFormat {
    const ALL: &'static [CourseFormat] = &[
        CourseFormat::Open,
        CourseFormat::Inhouse,
        CourseFormat::Both,
    ];

    fn as_str(self) -> &'static str {
        match self {
            CourseFormat::Open => "open",
            CourseFormat::Inhouse => "inhouse",
            CourseFormat::Both => "both",
        }
    }
}

impl CourseFormat {
    pub fn bookable(self) -> bool {
        matches!(self, CourseFormat::Inhouse | CourseFormat::Both)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Pending,
    Accepted,
    Declined,
}

impl Code for BookingStatus {
    const ALL: &'static [BookingStatus] = &[
        BookingStatus::Pending,
        BookingStatus::Accepted,
        BookingStatus::Declined,
    ];

    fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Pending => "pending",
            BookingStatus::Accepted => "accepted",
            BookingStatus::Declined => "declined",
        }
    }
}

/// The kinds of organisation that book courses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Hospital,
    Municipality,
    Region,
    School,
    Other,
}

impl Code for OrganisationKind {
    const ALL: &'static [OrganisationKind] = &[
        OrganisationKind::Hospital,
        OrganisationKind::Municipality,
        OrganisationKind::Region,
        OrganisationKind::School,
        OrganisationKind::Other,
    ];

    fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Hospital => "hospital",
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::Region => "region",
            OrganisationKind::School => "school",
            OrganisationKind::Other => "other",
        }
    }
}

/// Where a GenLær participant may be moved: another session of the same
/// course, and of the same booking (an organisation's staff stay among
/// themselves; a public participant never lands in a closed session).
pub fn may_move(from: (i64, Option<i64>), to: (i64, Option<i64>)) -> bool {
    from == to
}

/// A session's meeting must lie between a year ago (a session entered
/// after the fact) and five years ahead: year 0000 or a decade back is a
/// typing mistake, not a plan.
pub fn plausible_meeting(starts_at: NaiveDateTime, now: NaiveDateTime) -> Result<(), Invalid> {
    let earliest = now - chrono::Duration::days(366);
    let latest = now + chrono::Duration::days(5 * 366);
    if (earliest..=latest).contains(&starts_at) {
        Ok(())
    } else {
        Err(Invalid("error-date-out-of-range"))
    }
}

/// An enrolment or cancellation deadline ends before the first meeting.
pub fn deadline_before_start(
    deadline: Option<NaiveDateTime>,
    first_meeting: NaiveDateTime,
) -> Result<(), Invalid> {
    match deadline {
        Some(d) if d > first_meeting => Err(Invalid("error-deadline-after-start")),
        _ => Ok(()),
    }
}

pub fn organisation_kind(value: &str) -> Result<OrganisationKind, Invalid> {
    OrganisationKind::parse(value).ok_or(Invalid("error-choose"))
}

/// Course length typed in hours ("3", "3,5", "7.5"), kept as minutes.
pub fn hours(input: &str) -> Result<i32, Invalid> {
    let v = input.trim().replace(',', ".");
    let invalid = Invalid("error-course-hours");
    let h: f64 = v.parse().map_err(|_| invalid)?;
    if !(h > 0.0 && h <= 200.0) {
        return Err(invalid);
    }
    let minutes = (h * 60.0).round();
    if (minutes - h * 60.0).abs() > 1e-6 || minutes % 15.0 != 0.0 {
        return Err(invalid);
    }
    Ok(minutes as i32)
}

/// A course's address in the catalogue: lower-case letters, digits and
/// hyphens.
pub fn slug(input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    let ok = v.len() <= 80
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !v.starts_with('-')
        && !v.ends_with('-');
    if ok {
        Ok(v.to_string())
    } else {
        Err(Invalid("error-slug"))
    }
}

/// Participants an organisation expects, or seats booked.
pub fn participants(input: &str) -> Result<i32, Invalid> {
    match input.trim().parse::<i32>() {
        Ok(n) if (1..=500).contains(&n) => Ok(n),
        _ => Err(Invalid("error-participants")),
    }
}

/// A wished period: from and to, in that order.
pub fn period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), (&'static str, Invalid)> {
    let from = super::time::date(from).map_err(|e| ("wished_from", e))?;
    let to = super::time::date(to).map_err(|e| ("wished_to", e))?;
    if to < from {
        return Err(("wished_to", Invalid("error-period-order")));
    }
    Ok((from, to))
}

/// A month in the catalogue's filter: "2026-03".
pub fn month(input: &str) -> Option<(i32, u32)> {
    let (y, m) = input.trim().split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    ((2000..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// The first instant (Copenhagen midnight, as UTC) of a month and of the
/// next one: the bounds of the month filter.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let midnight = chrono::NaiveTime::MIN;
    Some((
        super::time::local_to_utc(first, midnight).ok()?,
        super::time::local_to_utc(next, midnight).ok()?,
    ))
}

/// The next twelve months from `today`, as filter values ("2026-03").
pub fn coming_months(today: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::with_capacity(12);
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..12 {
        out.push((y, m));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// A certificate is issued only for a held session in which the person's
/// attendance was recorded (some time present).
pub fn may_have_certificate(held: bool, attended_minutes: i32) -> bool {
    held && attended_minutes > 0
}

/// Verification codes: twelve characters from an alphabet without look-
/// alikes (no 0/O, 1/I/L), written in groups of four.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

pub fn certificate_code(random: &[u8; 12]) -> String {
    let chars: Vec<char> = random
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as someone may type it ("abcd efgh jkmn") in its stored form.
pub fn normalise_code(input: &str) -> Option<String> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() != 12 || !chars.iter().all(|c| CODE_ALPHABET.contains(&(*c as u8))) {
        return None;
    }
    Some(
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_move_within_one_course_and_one_booking() {
        assert!(may_move((1, None), (1, None)));
        assert!(may_move((1, Some(7)), (1, Some(7))));
        assert!(!may_move((1, None), (2, None)), "another course");
        assert!(!may_move((1, None), (1, Some(7))), "into a closed session");
        assert!(
            !may_move((1, Some(7)), (1, Some(8))),
            "another organisation"
        );
        assert!(!may_move((1, Some(7)), (1, None)), "out of the booking");
    }

    #[test]
    fn sessions_are_planned_within_sensible_dates() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("now");
        let days = chrono::Duration::days;
        let out = Err(Invalid("error-date-out-of-range"));
        assert_eq!(plausible_meeting(now + days(30), now), Ok(()));
        assert_eq!(plausible_meeting(now - days(30), now), Ok(()));
        assert_eq!(plausible_meeting(now - days(3650), now), out);
        assert_eq!(plausible_meeting(now + days(3650), now), out);
        let year_zero = NaiveDate::from_ymd_opt(0, 1, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("year 0");
        assert_eq!(plausible_meeting(year_zero, now), out);
        assert_eq!(deadline_before_start(None, now), Ok(()));
        assert_eq!(deadline_before_start(Some(now - days(1)), now), Ok(()));
        assert_eq!(deadline_before_start(Some(now), now), Ok(()));
        assert_eq!(
            deadline_before_start(Some(now + days(1)), now),
            Err(Invalid("error-deadline-after-start"))
        );
    }

    #[test]
    fn hours_are_typed_with_a_comma_or_a_point_in_quarters() {
        assert_eq!(hours("3"), Ok(180));
        assert_eq!(hours("3,5"), Ok(210));
        assert_eq!(hours("7.25"), Ok(435));
        assert_eq!(hours("0"), Err(Invalid("error-course-hours")));
        assert_eq!(hours("2,1"), Err(Invalid("error-course-hours")));
        assert_eq!(hours("tre"), Err(Invalid("error-course-hours")));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(
            slug("lgbt-venlig-praksis"),
            Ok("lgbt-venlig-praksis".into())
        );
        assert_eq!(slug("LGBT"), Err(Invalid("error-slug")));
        assert_eq!(slug("-x"), Err(Invalid("error-slug")));
        assert_eq!(slug(""), Err(Invalid("error-required")));
    }

    #[test]
    fn codes_are_readable_and_normalised() {
        let code = certificate_code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
        assert_eq!(code.len(), 14);
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            Some(code)
        );
        assert_eq!(normalise_code("ABCD-EFGH-JKM0"), None, "no zero");
        assert_eq!(normalise_code("ABCD"), None);
    }

    #[test]
    fn months_and_periods() {
        assert_eq!(month("2026-03"), Some((2026, 3)));
        assert_eq!(month("2026-13"), None);
        assert_eq!(month("marts"), None);
        let (from, to) = month_bounds(2026, 3).expect("bounds");
        // Midnight in winter time (UTC+1); April begins in summer time.
        assert_eq!(from.to_string(), "2026-02-28 23:00:00");
        assert_eq!(to.to_string(), "2026-03-31 22:00:00");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let months = coming_months(today);
        assert_eq!(months[0], (2026, 11));
        assert_eq!(months[2], (2027, 1));
        assert!(period("2026-05-01", "2026-04-01").is_err());
        assert!(period("2026-04-01", "2026-05-01").is_ok());
    }

    #[test]
    fn certificates_need_a_held_session_and_attendance() {
        assert!(may_have_certificate(true, 180));
        assert!(!may_have_certificate(true, 0));
        assert!(!may_have_certificate(false, 180));
    }

    #[test]
    fn codes_round_trip() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a).copied());
        }
        for f in CourseFormat::ALL {
            assert_eq!(CourseFormat::parse(f.as_str()), Some(f).copied());
        }
        assert_eq!(
            BookingStatus::parse("accepted"),
            Some(BookingStatus::Accepted)
        );
        assert!(organisation_kind("hospital").is_ok());
        assert!(organisation_kind("firma").is_err());
    }
}
