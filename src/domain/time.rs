//! Times as people type them (a date and a clock time in Denmark) turned
//! into the UTC instants the database stores, correctly across daylight
//! saving changes.

use chrono::offset::LocalResult;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Copenhagen;

use super::validation::Invalid;

/// "2026-03-30" (what `<input type="date">` sends) or Danish "30.03.2026"
/// / "30-03-2026".
pub fn date(input: &str) -> Result<NaiveDate, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .ok_or(Invalid("error-date"))
}

/// "09:00", "9.00" or "9".
pub fn clock(input: &str) -> Result<NaiveTime, Invalid> {
    let v = input.trim().replace('.', ":");
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    let v = if v.contains(':') {
        v
    } else {
        format!("{v}:00")
    };
    NaiveTime::parse_from_str(&v, "%H:%M").map_err(|_| Invalid("error-time"))
}

/// The UTC instant of a Copenhagen wall-clock time. A time that does not
/// exist (skipped when clocks go forward) is refused; an ambiguous one (the
/// repeated hour in October) means the first, summer-time occurrence.
pub fn local_to_utc(date: NaiveDate, time: NaiveTime) -> Result<NaiveDateTime, Invalid> {
    match Copenhagen.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t.naive_utc()),
        LocalResult::Ambiguous(first, _) => Ok(first.naive_utc()),
        LocalResult::None => Err(Invalid("error-time-nonexistent")),
    }
}

/// A meeting typed as date, start and end: UTC start and end, the end after
/// the start on the same day.
pub fn meeting(
    date_in: &str,
    start_in: &str,
    end_in: &str,
) -> Result<(NaiveDateTime, NaiveDateTime), Invalid> {
    let d = date(date_in)?;
    let start = local_to_utc(d, clock(start_in)?)?;
    let end = local_to_utc(d, clock(end_in)?)?;
    if end <= start {
        return Err(Invalid("error-end-before-start"));
    }
    Ok((start, end))
}

/// A deadline as a form sends it: a Copenhagen date and time
/// ("2026-03-30T13:00", what `<input type="datetime-local">` sends), or a
/// date alone, meaning 23:59 that day; as UTC. No deadline when empty.
pub fn deadline(input: &str) -> Result<Option<NaiveDateTime>, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let (day, at) = match v.split_once(['T', ' ']) {
        Some((day, at)) => (date(day)?, clock(at)?),
        None => (
            date(v)?,
            NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default(),
        ),
    };
    local_to_utc(day, at).map(Some)
}

/// A deadline as the form shows it again ("2026-03-30T13:00", Copenhagen
/// time), so that saving a form unchanged keeps it to the minute.
pub fn deadline_to_form(utc: Option<NaiveDateTime>) -> String {
    utc.map(|t| local(t).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A UTC instant as the time in Copenhagen.
pub fn local(utc: NaiveDateTime) -> chrono::DateTime<chrono_tz::Tz> {
    use chrono::TimeZone;
    chrono::Utc
        .from_utc_datetime(&utc)
        .with_timezone(&chrono_tz::Europe::Copenhagen)
}

/// The Copenhagen date and clock time of a UTC instant, as form fields
/// ("2026-03-30", "09:00") for editing.
pub fn to_form(utc: NaiveDateTime) -> (String, String) {
    let local = local(utc);
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_deadline_is_the_end_of_the_day_in_copenhagen() {
        // Summer time: 23:59 in Copenhagen is 21:59 UTC.
        let at = deadline("2026-06-15").map(|d| d.map(|t| t.to_string()));
        assert_eq!(at, Ok(Some("2026-06-15 21:59:00".to_string())));
        // Winter time: 22:59 UTC.
        let at = deadline("15-01-2026").map(|d| d.map(|t| t.to_string()));
        assert_eq!(at, Ok(Some("2026-01-15 22:59:00".to_string())));
        assert_eq!(deadline("  "), Ok(None));
        // A time given is kept: 13:00 in Copenhagen in summer is 11:00 UTC,
        // and it comes back to the form as it was typed.
        let at = deadline("2026-06-15T13:00");
        assert_eq!(
            at.map(|d| d.map(|t| t.to_string())),
            Ok(Some("2026-06-15 11:00:00".to_string()))
        );
        assert_eq!(
            deadline_to_form(deadline("2026-06-15T13:00").ok().flatten()),
            "2026-06-15T13:00"
        );
        assert_eq!(deadline_to_form(None), "");
        assert!(deadline("not a date").is_err());
    }

    use super::*;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("utc")
    }

    #[test]
    fn dates_and_times_are_read_the_danish_way_too() {
        assert_eq!(date("2026-03-30"), date("30.03.2026"));
        assert_eq!(date("30/03/2026"), date("30-03-2026"));
        assert_eq!(date("31.02.2026"), Err(Invalid("error-date")));
        assert_eq!(clock("9.30"), clock("09:30"));
        assert_eq!(clock("17"), clock("17:00"));
        assert_eq!(clock("25:00"), Err(Invalid("error-time")));
    }

    #[test]
    fn summer_and_winter_time_map_to_the_right_utc_instant() {
        // The day after clocks went forward (29 March 2026): UTC+2.
        assert_eq!(
            meeting("2026-03-30", "09:00", "12:00"),
            Ok((utc("2026-03-30 07:00"), utc("2026-03-30 10:00")))
        );
        // The day before: UTC+1.
        assert_eq!(
            meeting("2026-03-28", "09:00", "12:00"),
            Ok((utc("2026-03-28 08:00"), utc("2026-03-28 11:00")))
        );
        // The day after clocks went back (25 October 2026): UTC+1 again.
        assert_eq!(
            meeting("2026-10-26", "17:00", "19:00"),
            Ok((utc("2026-10-26 16:00"), utc("2026-10-26 18:00")))
        );
    }

    #[test]
    fn skipped_and_repeated_hours_are_handled() {
        let d = date("2026-03-29").expect("date");
        assert_eq!(
            local_to_utc(d, clock("02:30").expect("t")),
            Err(Invalid("error-time-nonexistent"))
        );
        let back = date("2026-10-25").expect("date");
        assert_eq!(
            local_to_utc(back, clock("02:30").expect("t")),
            Ok(utc("2026-10-25 00:30"))
        );
    }

    #[test]
    fn end_must_follow_start() {
        assert_eq!(
            meeting("2026-05-01", "12:00", "09:00"),
            Err(Invalid("error-end-before-start"))
        );
        assert_eq!(
            to_form(utc("2026-03-30 07:00")),
            ("2026-03-30".into(), "09:00".into())
        );
    }
}
