//! Brobyggeraftener and public info evenings: who is invited, what an
//! answer does in the enrolment engine, and how answers are counted.
//!
//! A brobyggeraften is for active brobyggere: those of its branch, or of
//! every branch when it is open to others (a national evening; an evening
//! without a branch is always national). An info evening is public: anyone
//! may sign up, with or without an account.

use crate::domain::Code;
use serde::Serialize;

use super::enrolment::EnrolmentStatus;
use super::validation::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EveningKind {
    /// A brobyggeraften: a professional talk and community.
    Branch,
    /// A public info evening for people who may want to volunteer.
    Info,
}

impl Code for EveningKind {
    const ALL: &'static [EveningKind] = &[EveningKind::Branch, EveningKind::Info];

    fn as_str(self) -> &'static str {
        match self {
            EveningKind::Branch => "branch",
            EveningKind::Info => "info",
        }
    }
}

impl EveningKind {
    /// Reads the kind chosen on the coordinator's form.
    pub fn from_form(value: &str) -> Result<EveningKind, Invalid> {
        EveningKind::parse(value.trim()).ok_or(Invalid("error-evening-kind"))
    }
}

/// A volunteer's answer to an evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
}

impl Code for Answer {
    const ALL: &'static [Answer] = &[Answer::Yes, Answer::No];

    fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }
}

/// Who an evening is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub kind: EveningKind,
    /// `None`: arranged by the national secretariat.
    pub branch_id: Option<i64>,
    pub open_to_other_branches: bool,
}

impl Audience {
    /// Anyone may sign up, no account or activation needed.
    pub fn is_public(&self) -> bool {
        self.kind == EveningKind::Info
    }

    /// Active brobyggere of every branch are welcome.
    pub fn is_national(&self) -> bool {
        self.kind == EveningKind::Branch
            && (self.branch_id.is_none() || self.open_to_other_branches)
    }

    /// Whether an active brobygger of `branch` may see and answer it.
    pub fn welcomes(&self, branch: i64) -> bool {
        self.is_public() || self.is_national() || self.branch_id == Some(branch)
    }

    /// Whose silence counts as "not answered" on the coordinator's page:
    /// the home branch's active brobyggere (people from other branches only
    /// appear once they answer), or everyone's for an evening without a
    /// branch. `None`: every branch. Info evenings invite nobody.
    pub fn invited(&self) -> Invited {
        match (self.kind, self.branch_id) {
            (EveningKind::Info, _) => Invited::Nobody,
            (EveningKind::Branch, Some(b)) => Invited::Branch(b),
            (EveningKind::Branch, None) => Invited::Everyone,
        }
    }

    /// Who gets the invitation to answer when it is announced: everyone it
    /// welcomes among active brobyggere.
    pub fn announce_to(&self) -> Invited {
        match self.kind {
            EveningKind::Info => Invited::Nobody,
            EveningKind::Branch if self.is_national() => Invited::Everyone,
            EveningKind::Branch => self.invited(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    Nobody,
    Branch(i64),
    Everyone,
}

/// What an answer asks of the engine, given the person's enrolment now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Enrol,
    Cancel,
    Nothing,
}

pub fn step(current: Option<EnrolmentStatus>, answer: Answer) -> Step {
    let active = current.is_some_and(EnrolmentStatus::is_active);
    match (answer, active) {
        (Answer::Yes, false) => Step::Enrol,
        (Answer::No, true) => Step::Cancel,
        _ => Step::Nothing,
    }
}

/// Where someone stands for an evening, as both sides see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Said yes and has a seat.
    Coming,
    /// Said yes; the evening is full, so they wait for a seat.
    Waiting,
    /// Said no, or said yes and was taken off the list by a coordinator.
    NotComing,
    NotAnswered,
}

/// The engine's enrolment decides "yes", so that a seat is never promised
/// twice; the answer row remembers a "no".
pub fn reply(answer: Option<Answer>, enrolment: Option<EnrolmentStatus>) -> Reply {
    match (enrolment, answer) {
        (Some(EnrolmentStatus::Confirmed), _) => Reply::Coming,
        (Some(EnrolmentStatus::Waitlisted), _) => Reply::Waiting,
        (_, Some(_)) => Reply::NotComing,
        (_, None) => Reply::NotAnswered,
    }
}

/// The counts on the coordinator's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub yes: i64,
    pub waiting: i64,
    pub no: i64,
    pub not_answered: i64,
}

/// `answers`: answer rows; `answers_enrolled`: answer rows whose person
/// holds a seat or a queue place; `invited`: how many are invited;
/// `invited_answered`: how many of those answered.
pub fn tally(
    confirmed: i64,
    waiting: i64,
    answers: i64,
    answers_enrolled: i64,
    invited: i64,
    invited_answered: i64,
) -> Tally {
    Tally {
        yes: confirmed,
        waiting,
        no: (answers - answers_enrolled).max(0),
        not_answered: (invited - invited_answered).max(0),
    }
}

/// Attendance as a whole percentage of those who said yes (seats), for the
/// dashboard. `None` when nobody said yes.
pub fn attendance_percent(present: i64, yes: i64) -> Option<i64> {
    if yes <= 0 {
        return None;
    }
    Some(((present * 100) as f64 / yes as f64).round() as i64)
}

/// A year's brobyggeraftener in numbers, for the branch dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct YearNumbers {
    pub held: i64,
    pub planned: i64,
    /// Seats taken at the held evenings.
    pub yes: i64,
    /// People recorded present at the held evenings.
    pub present: i64,
    pub attendance_percent: Option<i64>,
}

/// The numbers of a year's evenings, each given as (held, yes, present):
/// only held evenings count towards attendance.
pub fn year_numbers(evenings: impl IntoIterator<Item = (bool, i64, i64)>) -> YearNumbers {
    let mut n = YearNumbers::default();
    for (held, yes, present) in evenings {
        if held {
            n.held += 1;
            n.yes += yes;
            n.present += present;
        } else {
            n.planned += 1;
        }
    }
    n.attendance_percent = attendance_percent(n.present, n.yes);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_held_evenings_count_towards_attendance() {
        let n = year_numbers([(true, 10, 8), (true, 5, 4), (false, 20, 0)]);
        assert_eq!(n.held, 2);
        assert_eq!(n.planned, 1);
        assert_eq!(n.yes, 15);
        assert_eq!(n.present, 12);
        assert_eq!(n.attendance_percent, Some(80));
    }

    fn audience(kind: EveningKind, branch: Option<i64>, open: bool) -> Audience {
        Audience {
            kind,
            branch_id: branch,
            open_to_other_branches: open,
        }
    }

    #[test]
    fn a_branch_evening_welcomes_its_own_branch_only() {
        let a = audience(EveningKind::Branch, Some(1), false);
        assert!(a.welcomes(1));
        assert!(!a.welcomes(2));
        assert!(!a.is_public());
        assert!(!a.is_national());
        assert_eq!(a.invited(), Invited::Branch(1));
        assert_eq!(a.announce_to(), Invited::Branch(1));
    }

    #[test]
    fn an_open_or_branchless_evening_is_national() {
        let open = audience(EveningKind::Branch, Some(1), true);
        assert!(open.welcomes(2));
        assert!(open.is_national());
        // Silence is counted at home; everyone hears of it.
        assert_eq!(open.invited(), Invited::Branch(1));
        assert_eq!(open.announce_to(), Invited::Everyone);
        let national = audience(EveningKind::Branch, None, false);
        assert!(national.welcomes(5));
        assert_eq!(national.invited(), Invited::Everyone);
        assert_eq!(national.announce_to(), Invited::Everyone);
    }

    #[test]
    fn an_info_evening_is_public_and_invites_nobody() {
        let info = audience(EveningKind::Info, Some(1), false);
        assert!(info.is_public());
        assert!(info.welcomes(9));
        assert!(!info.is_national());
        assert_eq!(info.invited(), Invited::Nobody);
        assert_eq!(info.announce_to(), Invited::Nobody);
    }

    #[test]
    fn answers_become_engine_steps_both_ways() {
        use EnrolmentStatus::*;
        assert_eq!(step(None, Answer::Yes), Step::Enrol);
        assert_eq!(step(Some(Cancelled), Answer::Yes), Step::Enrol);
        assert_eq!(step(Some(Confirmed), Answer::Yes), Step::Nothing);
        assert_eq!(step(Some(Waitlisted), Answer::Yes), Step::Nothing);
        assert_eq!(step(Some(Confirmed), Answer::No), Step::Cancel);
        assert_eq!(step(Some(Waitlisted), Answer::No), Step::Cancel);
        assert_eq!(step(None, Answer::No), Step::Nothing);
        assert_eq!(step(Some(Withdrawn), Answer::No), Step::Nothing);
    }

    #[test]
    fn the_seat_decides_yes_and_the_answer_remembers_no() {
        use EnrolmentStatus::*;
        assert_eq!(reply(Some(Answer::Yes), Some(Confirmed)), Reply::Coming);
        assert_eq!(reply(Some(Answer::Yes), Some(Waitlisted)), Reply::Waiting);
        assert_eq!(reply(Some(Answer::No), Some(Cancelled)), Reply::NotComing);
        assert_eq!(reply(Some(Answer::No), None), Reply::NotComing);
        // Removed by a coordinator after saying yes.
        assert_eq!(reply(Some(Answer::Yes), Some(Cancelled)), Reply::NotComing);
        assert_eq!(reply(None, None), Reply::NotAnswered);
        // Enrolled by a coordinator without answering.
        assert_eq!(reply(None, Some(Confirmed)), Reply::Coming);
    }

    #[test]
    fn tallies_never_go_negative() {
        assert_eq!(
            tally(3, 1, 6, 4, 10, 6),
            Tally {
                yes: 3,
                waiting: 1,
                no: 2,
                not_answered: 4
            }
        );
        assert_eq!(tally(0, 0, 1, 2, 0, 3).no, 0);
        assert_eq!(tally(0, 0, 1, 2, 0, 3).not_answered, 0);
    }

    #[test]
    fn attendance_is_a_rounded_share_of_the_yes() {
        assert_eq!(attendance_percent(2, 3), Some(67));
        assert_eq!(attendance_percent(0, 4), Some(0));
        assert_eq!(attendance_percent(0, 0), None);
    }

    #[test]
    fn codes_round_trip() {
        for k in [EveningKind::Branch, EveningKind::Info] {
            assert_eq!(EveningKind::parse(k.as_str()), Some(k));
        }
        for a in [Answer::Yes, Answer::No] {
            assert_eq!(Answer::parse(a.as_str()), Some(a));
        }
        assert_eq!(
            EveningKind::from_form("fest"),
            Err(Invalid("error-evening-kind"))
        );
    }
}
