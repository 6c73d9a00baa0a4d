//! Attendance per meeting: present (the whole meeting), absent, or partial
//! with the minutes actually attended.

use crate::domain::Code;
use serde::Serialize;

use super::validation::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Present,
    Absent,
    Partial,
}

impl Code for AttendanceStatus {
    const ALL: &'static [AttendanceStatus] = &[
        AttendanceStatus::Present,
        AttendanceStatus::Absent,
        AttendanceStatus::Partial,
    ];

    fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Absent => "absent",
            AttendanceStatus::Partial => "partial",
        }
    }
}

/// Whether attendance may be recorded for a meeting that starts at
/// `starts_at`: only once it has begun. Attendance credits hours and can
/// activate a volunteer, so a meeting weeks ahead must not count today.
pub fn may_record(starts_at: chrono::NaiveDateTime, now: chrono::NaiveDateTime) -> bool {
    starts_at <= now
}

/// The minutes to record. Partial attendance is typed as hours ("1,5" or
/// "1.5", Danish or English decimal mark) and must be more than nothing and
/// less than the whole meeting.
pub fn minutes(
    status: AttendanceStatus,
    partial_hours: &str,
    meeting_minutes: i32,
) -> Result<i32, Invalid> {
    match status {
        AttendanceStatus::Present => Ok(meeting_minutes),
        AttendanceStatus::Absent => Ok(0),
        AttendanceStatus::Partial => {
            let hours: f64 = partial_hours
                .trim()
                .replace(',', ".")
                .parse()
                .map_err(|_| Invalid("error-hours"))?;
            let m = (hours * 60.0).round() as i32;
            if m <= 0 || m >= meeting_minutes {
                Err(Invalid("error-hours-range"))
            } else {
                Ok(m)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_is_recorded_once_the_meeting_has_begun() {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("time");
        let minute = chrono::Duration::minutes(1);
        assert!(!may_record(start, start - minute));
        assert!(may_record(start, start));
        assert!(may_record(start, start + minute));
    }

    #[test]
    fn minutes_follow_the_status() {
        assert_eq!(minutes(AttendanceStatus::Present, "", 180), Ok(180));
        assert_eq!(minutes(AttendanceStatus::Absent, "2", 180), Ok(0));
        assert_eq!(minutes(AttendanceStatus::Partial, "1,5", 180), Ok(90));
        assert_eq!(minutes(AttendanceStatus::Partial, "2.25", 180), Ok(135));
        assert_eq!(
            minutes(AttendanceStatus::Partial, "tre", 180),
            Err(Invalid("error-hours"))
        );
        assert_eq!(
            minutes(AttendanceStatus::Partial, "3", 180),
            Err(Invalid("error-hours-range"))
        );
        assert_eq!(
            minutes(AttendanceStatus::Partial, "0", 180),
            Err(Invalid("error-hours-range"))
        );
    }
}
