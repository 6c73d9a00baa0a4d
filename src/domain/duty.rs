//! Vagter (the duty rota): a branch's weekly duty slots by the counselling
//! phone, the vagter they make (a slot on a date, not on a day off), the
//! monthly target of each active brobygger, and the rules of taking and
//! giving away a vagt. Plain functions over dates and counts; nothing about
//! a citizen is ever part of a vagt.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::brobygning::Programme;
use super::time;
use super::validation::{FieldErrors, Invalid};

/// The counselling phone's opening hours unless the branch sets others:
/// weekdays 8:00–15:30 (minutes after midnight).
pub const DEFAULT_OPENS: i32 = 8 * 60;
pub const DEFAULT_CLOSES: i32 = 15 * 60 + 30;
/// The default monthly target: 1–2 vagter a month.
pub const DEFAULT_TARGET: Target = Target { min: 1, max: 2 };
/// Most brobyggere one vagt may want.
pub const MAX_WANTED: i32 = 20;
/// Longest period a slot repeats over in one go (a year and a day).
pub const MAX_PERIOD_DAYS: i64 = 366;
/// A vagt given away is offered to the others until this long before it
/// starts; after that only a coordinator can release the holder.
pub const GIVE_AWAY_HOURS: i64 = 48;

/// How many vagter a month each active brobygger is asked to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Target {
    pub min: i32,
    pub max: i32,
}

/// Where a brobygger stands against the target in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Below,
    Within,
    Above,
}

impl Target {
    pub fn standing(self, taken: i64) -> Standing {
        if taken < i64::from(self.min) {
            Standing::Below
        } else if taken > i64::from(self.max) {
            Standing::Above
        } else {
            Standing::Within
        }
    }
}

/// The target as a coordinator types it: two whole numbers 0–31, the
/// first no larger than the second, the second at least 1.
pub fn target(min: &str, max: &str, errors: &mut FieldErrors) -> Option<Target> {
    let number = |v: &str| match v.trim().parse::<i32>() {
        Ok(n) if (0..=31).contains(&n) => Ok(n),
        _ => Err(Invalid("error-duty-target")),
    };
    let lo = errors.check("target_min", number(min));
    let hi = errors.check("target_max", number(max));
    let (lo, hi) = (lo?, hi?);
    if hi < lo || hi == 0 {
        errors.add("target_max", Invalid("error-duty-target-order"));
        return None;
    }
    Some(Target { min: lo, max: hi })
}

/// A weekday as stored: 1 = Monday … 7 = Sunday.
pub fn weekday_number(d: NaiveDate) -> i32 {
    d.weekday().number_from_monday() as i32
}

/// Minutes after midnight of a clock time.
pub fn minutes(t: NaiveTime) -> i32 {
    (t.signed_duration_since(NaiveTime::MIN).num_minutes()) as i32
}

/// A clock time of minutes after midnight.
pub fn clock(minutes: i32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt((minutes.clamp(0, 24 * 60 - 1) as u32) * 60, 0)
        .unwrap_or(NaiveTime::MIN)
}

/// "08:00" for 480.
pub fn hhmm(minutes: i32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A weekly slot as a coordinator defines it (the checked form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub programme: Programme,
    pub wanted: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The slot form's fields as typed.
#[derive(Debug, Clone, Default)]
pub struct SlotInput<'a> {
    pub weekday: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub programme: &'a str,
    pub wanted: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

/// Checks a slot: a weekday, a time span within the phone's opening hours
/// (`opens`..`closes`), a programme, 1–20 brobyggere, and a period of at
/// most a year that does not end before `today`. Every mistake is put
/// beside its field.
pub fn slot(
    input: &SlotInput<'_>,
    opens: i32,
    closes: i32,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<Slot> {
    let weekday = errors.check(
        "weekday",
        match input.weekday.trim().parse::<i32>() {
            Ok(n) if (1..=7).contains(&n) => Ok(n),
            _ => Err(Invalid("error-required")),
        },
    );
    let start = errors.check("start", time::clock(input.start).map(minutes));
    let end = errors.check("end", time::clock(input.end).map(minutes));
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            errors.add("end", Invalid("error-end-before-start"));
        } else if s < opens || e > closes {
            errors.add("start", Invalid("error-duty-outside-hours"));
        }
    }
    let programme = errors.check("programme", Programme::from_form(input.programme));
    let wanted = errors.check(
        "wanted",
        match input.wanted.trim().parse::<i32>() {
            Ok(n) if (1..=MAX_WANTED).contains(&n) => Ok(n),
            _ => Err(Invalid("error-duty-wanted")),
        },
    );
    let from = errors.check("from", time::date(input.from));
    let to = errors.check("to", time::date(input.to));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.add("to", Invalid("error-duty-period-order"));
        } else if (t - f).num_days() > MAX_PERIOD_DAYS {
            errors.add("to", Invalid("error-duty-period-long"));
        } else if t < today {
            errors.add("to", Invalid("error-duty-period-past"));
        }
    }
    if !errors.is_empty() {
        return None;
    }
    Some(Slot {
        weekday: weekday?,
        start_minute: start?,
        end_minute: end?,
        programme: programme?,
        wanted: wanted?,
        from: from?,
        to: to?,
    })
}

/// The dates on which a slot makes a vagt: its weekday within its period,
/// from `today` on (no vagter in the past), except the branch's days off.
pub fn dates(
    weekday: i32,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    days_off: &[NaiveDate],
) -> Vec<NaiveDate> {
    let mut d = from.max(today);
    let mut out = Vec::new();
    while d <= to {
        if weekday_number(d) == weekday && !days_off.contains(&d) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

/// When a vagt on `day` from `start` to `end` (minutes, Copenhagen) begins
/// and ends, in UTC; `None` for a time skipped by the clocks.
pub fn span(day: NaiveDate, start: i32, end: i32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let s = time::local_to_utc(day, clock(start)).ok()?;
    let e = time::local_to_utc(day, clock(end)).ok()?;
    Some((s, e))
}

/// Until when a vagt can be given away (and offered to the others).
pub fn give_away_until(starts_at: NaiveDateTime) -> NaiveDateTime {
    starts_at - Duration::hours(GIVE_AWAY_HOURS)
}

/// Why a brobygger could not take, give away or take over a vagt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Every place is taken (and nobody offers theirs).
    Full,
    /// The vagt has begun, is cancelled or was held.
    Closed,
    AlreadyOnIt,
    /// Not on the vagt (giving away one not held).
    NotOnIt,
    /// Less than 48 hours before the vagt: only a coordinator releases.
    DeadlinePassed,
    AlreadyOffered,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Full => "duty-refused-full",
            Refusal::Closed => "duty-refused-closed",
            Refusal::AlreadyOnIt => "duty-refused-already",
            Refusal::NotOnIt => "duty-refused-not-on-it",
            Refusal::DeadlinePassed => "duty-refused-deadline",
            Refusal::AlreadyOffered => "duty-refused-already-offered",
        }
    }
}

/// How taking a vagt goes: a free place, or (when full) the place of
/// someone who gives theirs away while their offer is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    FreePlace,
    /// Take over the place of the giver with this user id.
    Offered(i64),
}

/// The facts about a vagt the taking rule needs.
#[derive(Debug, Clone)]
pub struct Facts {
    pub open: bool,
    pub starts_at: NaiveDateTime,
    pub wanted: i32,
    pub taken: i32,
    /// Givers and until when their offers are open, oldest first.
    pub offers: Vec<(i64, NaiveDateTime)>,
}

/// Whether `taker` (already on the vagt or not) may take a place now.
pub fn take(facts: &Facts, already_on_it: bool, now: NaiveDateTime) -> Result<Take, Refusal> {
    if !facts.open || now >= facts.starts_at {
        return Err(Refusal::Closed);
    }
    if already_on_it {
        return Err(Refusal::AlreadyOnIt);
    }
    if facts.taken < facts.wanted {
        return Ok(Take::FreePlace);
    }
    facts
        .offers
        .iter()
        .find(|(_, until)| now < *until)
        .map(|(giver, _)| Take::Offered(*giver))
        .ok_or(Refusal::Full)
}

/// Whether a holder may give their vagt away now.
pub fn may_give_away(
    holding: bool,
    offered: bool,
    starts_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, Refusal> {
    if !holding {
        return Err(Refusal::NotOnIt);
    }
    if offered {
        return Err(Refusal::AlreadyOffered);
    }
    let until = give_away_until(starts_at);
    if now >= until {
        return Err(Refusal::DeadlinePassed);
    }
    Ok(until)
}

/// The first and last day of the Copenhagen month holding `day`.
pub fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next.map(|n| n - Duration::days(1)).unwrap_or(first);
    (first, last)
}

/// How a vagt is staffed, for the rota's order: empty first, then
/// under-staffed, then full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Staffing {
    Empty,
    Under,
    Full,
}

pub fn staffing(wanted: i32, taken: i32) -> Staffing {
    if taken <= 0 {
        Staffing::Empty
    } else if taken < wanted {
        Staffing::Under
    } else {
        Staffing::Full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        d(2026, 12, day).and_hms_opt(hour, 0, 0).expect("time")
    }

    #[test]
    fn a_slot_makes_its_weekday_in_the_period_except_days_off() {
        // Mondays in December 2026: 7, 14, 21, 28; the 21st is off.
        let got = dates(
            1,
            d(2026, 12, 1),
            d(2026, 12, 31),
            d(2026, 12, 1),
            &[d(2026, 12, 21)],
        );
        assert_eq!(got, vec![d(2026, 12, 7), d(2026, 12, 14), d(2026, 12, 28)]);
        // Nothing before today.
        let got = dates(1, d(2026, 12, 1), d(2026, 12, 31), d(2026, 12, 15), &[]);
        assert_eq!(got, vec![d(2026, 12, 21), d(2026, 12, 28)]);
    }

    #[test]
    fn a_slot_lies_within_the_opening_hours_and_a_year() {
        let today = d(2026, 12, 1);
        let ok = SlotInput {
            weekday: "2",
            start: "08:00",
            end: "12:00",
            programme: "health",
            wanted: "2",
            from: "2026-12-01",
            to: "2027-02-28",
        };
        let mut e = FieldErrors::new();
        let s = slot(&ok, DEFAULT_OPENS, DEFAULT_CLOSES, today, &mut e).expect("valid");
        assert_eq!((s.start_minute, s.end_minute, s.wanted), (480, 720, 2));
        let late = SlotInput {
            end: "16:00",
            ..ok.clone()
        };
        let mut e = FieldErrors::new();
        assert!(slot(&late, DEFAULT_OPENS, DEFAULT_CLOSES, today, &mut e).is_none());
        assert_eq!(e.get("start"), Some(Invalid("error-duty-outside-hours")));
        let long = SlotInput {
            to: "2028-01-01",
            ..ok.clone()
        };
        let mut e = FieldErrors::new();
        assert!(slot(&long, DEFAULT_OPENS, DEFAULT_CLOSES, today, &mut e).is_none());
        assert_eq!(e.get("to"), Some(Invalid("error-duty-period-long")));
        let none = SlotInput {
            wanted: "0",
            programme: "x",
            ..ok
        };
        let mut e = FieldErrors::new();
        assert!(slot(&none, DEFAULT_OPENS, DEFAULT_CLOSES, today, &mut e).is_none());
        assert_eq!(e.get("wanted"), Some(Invalid("error-duty-wanted")));
        assert_eq!(e.get("programme"), Some(Invalid("error-programme")));
    }

    #[test]
    fn the_last_place_or_an_open_offer_is_taken_else_full() {
        let facts = Facts {
            open: true,
            starts_at: at(20, 8),
            wanted: 2,
            taken: 1,
            offers: vec![],
        };
        assert_eq!(take(&facts, false, at(10, 8)), Ok(Take::FreePlace));
        assert_eq!(take(&facts, true, at(10, 8)), Err(Refusal::AlreadyOnIt));
        let full = Facts {
            taken: 2,
            ..facts.clone()
        };
        assert_eq!(take(&full, false, at(10, 8)), Err(Refusal::Full));
        let offered = Facts {
            offers: vec![(7, give_away_until(at(20, 8)))],
            ..full
        };
        assert_eq!(take(&offered, false, at(10, 8)), Ok(Take::Offered(7)));
        assert_eq!(
            take(&offered, false, at(18, 9)),
            Err(Refusal::Full),
            "the offer closed 48 hours before"
        );
        assert_eq!(take(&facts, false, at(20, 8)), Err(Refusal::Closed));
    }

    #[test]
    fn giving_away_closes_48_hours_before() {
        let starts = at(20, 8);
        assert_eq!(may_give_away(true, false, starts, at(10, 8)), Ok(at(18, 8)));
        assert_eq!(
            may_give_away(true, false, starts, at(18, 8)),
            Err(Refusal::DeadlinePassed)
        );
        assert_eq!(
            may_give_away(false, false, starts, at(10, 8)),
            Err(Refusal::NotOnIt)
        );
        assert_eq!(
            may_give_away(true, true, starts, at(10, 8)),
            Err(Refusal::AlreadyOffered)
        );
    }

    #[test]
    fn the_target_says_below_within_above() {
        let t = DEFAULT_TARGET;
        assert_eq!(t.standing(0), Standing::Below);
        assert_eq!(t.standing(1), Standing::Within);
        assert_eq!(t.standing(2), Standing::Within);
        assert_eq!(t.standing(3), Standing::Above);
        let mut e = FieldErrors::new();
        assert_eq!(target("2", "3", &mut e), Some(Target { min: 2, max: 3 }));
        let mut e = FieldErrors::new();
        assert_eq!(target("3", "2", &mut e), None);
        assert_eq!(
            e.get("target_max"),
            Some(Invalid("error-duty-target-order"))
        );
    }

    #[test]
    fn months_and_staffing() {
        assert_eq!(month_of(d(2026, 12, 15)), (d(2026, 12, 1), d(2026, 12, 31)));
        assert_eq!(month_of(d(2027, 2, 3)), (d(2027, 2, 1), d(2027, 2, 28)));
        assert!(staffing(2, 0) < staffing(2, 1));
        assert!(staffing(2, 1) < staffing(2, 2));
        assert_eq!(hhmm(930), "15:30");
        assert_eq!(minutes(clock(930)), 930);
    }
}
