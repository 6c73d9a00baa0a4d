//! Course evaluations (GenLær): the fixed questions, what an answer may
//! hold, when a link still works, and the figures drawn from the answers.
//!
//! Anonymity is a rule of the storage (`db::evaluations`): an answer row has
//! no person and no link. Here are the rules that do not touch storage.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::validation::{FieldErrors, Invalid, optional_text};
use super::{Code, genlaer};

/// How long a link works after it is sent.
pub const LINK_DAYS: i64 = 60;

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 1500;

/// Fewer answers than this and a session's comments are still shown, but
/// the page warns that so few answers may be recognisable.
pub const FEW_ANSWERS: i64 = 3;

/// The questions, each answered on a scale of 1 (not at all) to 5 (very
/// much), in the order the form asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// Is the course relevant to their work?
    Relevance,
    /// How were the teachers?
    Teachers,
    /// How much do they take back to work?
    Transfer,
}

impl Code for Question {
    const ALL: &'static [Question] = &[Question::Relevance, Question::Teachers, Question::Transfer];

    fn as_str(self) -> &'static str {
        match self {
            Question::Relevance => "relevance",
            Question::Teachers => "teachers",
            Question::Transfer => "transfer",
        }
    }
}

/// A rating: 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rating(i32);

impl Rating {
    pub const SCALE: std::ops::RangeInclusive<i32> = 1..=5;

    /// A radio button's value. Nothing chosen and anything but 1–5 are
    /// refused, each with its own message.
    pub fn parse(input: &str) -> Result<Rating, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Invalid("evaluation-error-choose"));
        }
        match input.parse::<i32>() {
            Ok(n) if Self::SCALE.contains(&n) => Ok(Rating(n)),
            _ => Err(Invalid("evaluation-error-scale")),
        }
    }

    pub fn value(self) -> i32 {
        self.0
    }
}

/// One person's answer, as it is stored: no name, no link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub relevance: Rating,
    pub teachers: Rating,
    pub transfer: Rating,
    pub comment: Option<String>,
}

impl Answer {
    /// The form's fields, each mistake beside its field. The comment goes
    /// through `optional_text` like every free text (so a CPR number is
    /// refused there too).
    pub fn parse(
        relevance: &str,
        teachers: &str,
        transfer: &str,
        comment: &str,
    ) -> Result<Answer, FieldErrors> {
        let mut errors = FieldErrors::new();
        let relevance = errors.check("relevance", Rating::parse(relevance));
        let teachers = errors.check("teachers", Rating::parse(teachers));
        let transfer = errors.check("transfer", Rating::parse(transfer));
        let comment = errors.check("comment", optional_text(comment, COMMENT_MAX));
        match (relevance, teachers, transfer, comment) {
            (Some(relevance), Some(teachers), Some(transfer), Some(comment)) => Ok(Answer {
                relevance,
                teachers,
                transfer,
                comment,
            }),
            _ => Err(errors),
        }
    }

    pub fn rating(&self, q: Question) -> Rating {
        match q {
            Question::Relevance => self.relevance,
            Question::Teachers => self.teachers,
            Question::Transfer => self.transfer,
        }
    }
}

/// Where a link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Open,
    Used,
    Expired,
}

pub fn link_state(used: bool, expires_at: NaiveDateTime, now: NaiveDateTime) -> LinkState {
    if used {
        LinkState::Used
    } else if now >= expires_at {
        LinkState::Expired
    } else {
        LinkState::Open
    }
}

/// When a link sent at `now` stops working.
pub fn expires(now: NaiveDateTime) -> NaiveDateTime {
    now + Duration::days(LINK_DAYS)
}

/// Who is asked: a participant with a seat who attended some of a held
/// session (the same people who may have its certificate).
pub fn is_invited(held: bool, confirmed: bool, attended_minutes: i32) -> bool {
    confirmed && genlaer::may_have_certificate(held, attended_minutes)
}

/// The answers to one question: how many chose each step, and the average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Answers that chose 1, 2, 3, 4, 5.
    pub counts: [i64; 5],
}

impl Tally {
    pub fn add(&mut self, rating: i32) {
        if let Some(slot) = usize::try_from(rating - 1)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
        {
            *slot += 1;
        }
    }

    /// `count` answers of `rating` at once (from a grouped query).
    pub fn add_many(&mut self, rating: i32, count: i64) {
        if let Some(slot) = usize::try_from(rating - 1)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
        {
            *slot += count;
        }
    }

    pub fn answers(&self) -> i64 {
        self.counts.iter().sum()
    }

    fn sum(&self) -> i64 {
        self.counts
            .iter()
            .zip(1..)
            .map(|(count, rating)| count * rating)
            .sum()
    }

    /// The average in tenths (4,3 is 43), rounded half up; `None` without
    /// answers. Tenths keep the figure exact for templates and tests.
    pub fn average_tenths(&self) -> Option<i64> {
        let n = self.answers();
        (n > 0).then(|| (self.sum() * 20 + n) / (2 * n))
    }
}

/// A tally per question, in `Question::ALL` order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tallies {
    pub relevance: Tally,
    pub teachers: Tally,
    pub transfer: Tally,
}

impl Tallies {
    pub fn get(&self, q: Question) -> &Tally {
        match q {
            Question::Relevance => &self.relevance,
            Question::Teachers => &self.teachers,
            Question::Transfer => &self.transfer,
        }
    }

    pub fn get_mut(&mut self, q: Question) -> &mut Tally {
        match q {
            Question::Relevance => &mut self.relevance,
            Question::Teachers => &mut self.teachers,
            Question::Transfer => &mut self.transfer,
        }
    }

    /// How many answered (every answer rates every question).
    pub fn answers(&self) -> i64 {
        self.relevance.answers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date")
    }

    #[test]
    fn ratings_are_one_to_five_and_must_be_chosen() {
        assert_eq!(Rating::parse("1").map(Rating::value), Ok(1));
        assert_eq!(Rating::parse(" 5 ").map(Rating::value), Ok(5));
        assert_eq!(Rating::parse(""), Err(Invalid("evaluation-error-choose")));
        for bad in ["0", "6", "-1", "3.5", "fem", "55"] {
            assert_eq!(Rating::parse(bad), Err(Invalid("evaluation-error-scale")));
        }
    }

    #[test]
    fn an_answer_reports_every_mistake_at_once() {
        let errors = Answer::parse("", "6", "3", "").expect_err("invalid");
        assert_eq!(
            errors.get("relevance"),
            Some(Invalid("evaluation-error-choose"))
        );
        assert_eq!(
            errors.get("teachers"),
            Some(Invalid("evaluation-error-scale"))
        );
        assert_eq!(errors.get("transfer"), None);
        let long = "x".repeat(COMMENT_MAX + 1);
        let errors = Answer::parse("3", "3", "3", &long).expect_err("too long");
        assert_eq!(errors.get("comment"), Some(Invalid("error-too-long")));
        let errors = Answer::parse("3", "3", "3", "Mit cpr er 010203-1234").expect_err("cpr");
        assert!(errors.get("comment").is_some());
        let ok = Answer::parse("4", "5", "3", "  Godt kursus  ").expect("valid");
        assert_eq!(ok.rating(Question::Teachers).value(), 5);
        assert_eq!(ok.comment.as_deref(), Some("Godt kursus"));
        assert_eq!(
            Answer::parse("4", "5", "3", " ").expect("valid").comment,
            None
        );
    }

    #[test]
    fn a_link_works_once_and_until_it_expires() {
        let sent = at(1);
        let until = expires(sent);
        assert_eq!(until, sent + Duration::days(60));
        assert_eq!(link_state(false, until, at(2)), LinkState::Open);
        assert_eq!(link_state(true, until, at(2)), LinkState::Used);
        assert_eq!(link_state(false, until, until), LinkState::Expired);
    }

    #[test]
    fn only_confirmed_participants_who_attended_a_held_session_are_asked() {
        assert!(is_invited(true, true, 180));
        assert!(is_invited(true, true, 30));
        assert!(!is_invited(true, true, 0));
        assert!(!is_invited(false, true, 180));
        assert!(!is_invited(true, false, 180));
    }

    #[test]
    fn tallies_count_each_step_and_average_in_tenths() {
        let mut t = Tally::default();
        assert_eq!(t.average_tenths(), None);
        for r in [5, 4, 4] {
            t.add(r);
        }
        t.add(9); // ignored: not on the scale
        assert_eq!(t.counts, [0, 0, 0, 2, 1]);
        assert_eq!(t.answers(), 3);
        // 13 / 3 = 4.333… → 4,3
        assert_eq!(t.average_tenths(), Some(43));
        let mut half = Tally::default();
        half.add_many(4, 1);
        half.add_many(5, 1);
        assert_eq!(half.average_tenths(), Some(45));
        let mut up = Tally::default();
        up.add_many(1, 7);
        up.add_many(2, 13);
        // 33 / 20 = 1.65 → 1,7 (half up)
        assert_eq!(up.average_tenths(), Some(17));
    }
}
