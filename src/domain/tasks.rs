//! What a coordinator has to do, most urgent first, and when the digest of
//! open tasks is due. Plain rules over values the application layer reads;
//! the start page and the digest email show the same list.

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::Code;
use super::time::local;

/// The kinds of task, in the order they are shown when equally urgent:
/// people waiting for an answer before paperwork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// An individual supervision request, with its answer deadline.
    SupervisionRequest,
    /// A pending application whose intro conversation is not recorded.
    IntroConversation,
    /// A pending application after the intro conversation.
    Application,
    /// In training with nothing missing.
    ReadyToActivate,
    /// An organisation's GenLær request without an answer.
    Booking,
    /// Active, but missing a requirement the branch added (grace deadline).
    MissingRequirement,
    /// Active and past their supervision due date.
    OverdueSupervision,
    /// A pause that ends within `PAUSE_NOTICE_DAYS`.
    PauseEnding,
    /// A meeting that has ended with seats but no attendance registered.
    Attendance,
    /// A session that has ended and is not marked held.
    MarkHeld,
    /// A sent invoice past its due date and not paid.
    OverdueInvoice,
    /// An administrator's: a request to erase an account.
    Erasure,
}

impl Code for TaskKind {
    const ALL: &'static [TaskKind] = &[
        TaskKind::SupervisionRequest,
        TaskKind::IntroConversation,
        TaskKind::Application,
        TaskKind::ReadyToActivate,
        TaskKind::Booking,
        TaskKind::MissingRequirement,
        TaskKind::OverdueSupervision,
        TaskKind::PauseEnding,
        TaskKind::Attendance,
        TaskKind::MarkHeld,
        TaskKind::OverdueInvoice,
        TaskKind::Erasure,
    ];

    fn as_str(self) -> &'static str {
        match self {
            TaskKind::SupervisionRequest => "supervision_request",
            TaskKind::IntroConversation => "intro_conversation",
            TaskKind::Application => "application",
            TaskKind::ReadyToActivate => "ready_to_activate",
            TaskKind::Booking => "booking",
            TaskKind::MissingRequirement => "missing_requirement",
            TaskKind::OverdueSupervision => "overdue_supervision",
            TaskKind::PauseEnding => "pause_ending",
            TaskKind::Attendance => "attendance",
            TaskKind::MarkHeld => "mark_held",
            TaskKind::OverdueInvoice => "overdue_invoice",
            TaskKind::Erasure => "erasure",
        }
    }
}

/// Pauses ending this many days ahead are on the list.
pub const PAUSE_NOTICE_DAYS: i64 = 7;
/// A deadline this close (or passed) puts a task at the top.
pub const URGENT_DAYS: i64 = 3;
/// Meetings that ended longer ago than this are history, not a task.
pub const ATTENDANCE_LOOKBACK_DAYS: i64 = 60;
/// Lines of one kind shown before "and N more".
pub const LINES_PER_KIND: usize = 5;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub kind: TaskKind,
    /// Whom or what it is about: a person's or a session's name.
    pub subject: String,
    /// What it is about, where the subject does not say (a booking's course).
    pub detail: Option<String>,
    pub branch: Option<String>,
    /// A deadline (UTC), where the task has one.
    pub due: Option<NaiveDateTime>,
    /// Since when it has waited (UTC).
    pub since: NaiveDateTime,
    /// Where it is done.
    pub link: String,
    /// The deadline has passed (set by `groups`, for the page).
    pub late: bool,
}

impl Task {
    /// The deadline has passed or is within `URGENT_DAYS`.
    pub fn is_urgent(&self, now: NaiveDateTime) -> bool {
        self.due
            .is_some_and(|due| due <= now + Duration::days(URGENT_DAYS))
    }

    pub fn is_late(&self, now: NaiveDateTime) -> bool {
        self.due.is_some_and(|due| due < now)
    }
}

/// Most urgent first: tasks whose deadline is passed or near, earliest
/// deadline first; then by kind; within a kind, the longest waiting first.
pub fn order(tasks: &mut [Task], now: NaiveDateTime) {
    tasks.sort_by(|a, b| {
        let urgent = |t: &Task| if t.is_urgent(now) { t.due } else { None };
        match (urgent(a), urgent(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(a.kind.cmp(&b.kind))
        .then(a.due.cmp(&b.due))
        .then(a.since.cmp(&b.since))
        .then(a.subject.cmp(&b.subject))
    });
}

/// One kind of task with its first lines and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskGroup {
    pub kind: TaskKind,
    pub total: usize,
    pub lines: Vec<Task>,
    /// Where all of them are listed, when more exist than the lines show.
    pub more: Option<String>,
    pub urgent: bool,
}

/// Groups ordered tasks by kind, the group with the most urgent task
/// first, each with at most `LINES_PER_KIND` lines. `totals` gives a
/// kind's full count when the caller read fewer rows than exist.
pub fn groups(
    tasks: Vec<Task>,
    totals: &[(TaskKind, usize)],
    more: impl Fn(TaskKind) -> Option<String>,
    now: NaiveDateTime,
) -> Vec<TaskGroup> {
    let mut tasks = tasks;
    order(&mut tasks, now);
    let mut out: Vec<TaskGroup> = Vec::new();
    for mut task in tasks {
        task.late = task.is_late(now);
        match out.iter_mut().find(|g| g.kind == task.kind) {
            Some(group) => {
                group.total += 1;
                if group.lines.len() < LINES_PER_KIND {
                    group.lines.push(task);
                }
            }
            None => out.push(TaskGroup {
                kind: task.kind,
                total: 1,
                urgent: task.is_urgent(now),
                lines: vec![task],
                more: None,
            }),
        }
    }
    for group in &mut out {
        if let Some((_, total)) = totals.iter().find(|(k, _)| *k == group.kind) {
            group.total = group.total.max(*total);
        }
        if group.total > group.lines.len() {
            group.more = more(group.kind);
        }
    }
    out
}

/// One line of the digest email, captured when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestLine {
    pub subject: String,
    pub detail: Option<String>,
    pub branch: Option<String>,
    /// UTC.
    pub due: Option<NaiveDateTime>,
    pub late: bool,
    /// A path on the site.
    pub link: String,
}

/// One kind of task in the digest email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestGroup {
    pub kind: TaskKind,
    pub total: usize,
    pub lines: Vec<DigestLine>,
    pub more: Option<String>,
}

impl DigestGroup {
    pub fn of(group: &TaskGroup, now: NaiveDateTime) -> DigestGroup {
        DigestGroup {
            kind: group.kind,
            total: group.total,
            lines: group
                .lines
                .iter()
                .map(|t| DigestLine {
                    subject: t.subject.clone(),
                    detail: t.detail.clone(),
                    branch: t.branch.clone(),
                    due: t.due,
                    late: t.is_late(now),
                    link: t.link.clone(),
                })
                .collect(),
            more: group.more.clone(),
        }
    }
}

/// How often a staff member gets the digest of open tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DigestFrequency {
    Daily,
    Weekly,
    Never,
}

impl Code for DigestFrequency {
    const ALL: &'static [DigestFrequency] = &[
        DigestFrequency::Weekly,
        DigestFrequency::Daily,
        DigestFrequency::Never,
    ];

    fn as_str(self) -> &'static str {
        match self {
            DigestFrequency::Daily => "daily",
            DigestFrequency::Weekly => "weekly",
            DigestFrequency::Never => "never",
        }
    }
}

/// The digest goes out from this local time in the morning: before
/// coordinators begin, after the night's worker passes.
pub const DIGEST_HOUR: u32 = 7;

/// The period a digest sent at `at` (UTC) belongs to, if one is due:
/// `2026-12-02` for a daily digest from 07:00 Copenhagen time, `2026-W49`
/// for a weekly one from Monday 07:00 (the whole week after, so a worker
/// that was down on Monday morning still sends that week's digest). Each
/// period is sent once; the key is what makes that so.
pub fn digest_period(frequency: DigestFrequency, at: NaiveDateTime) -> Option<String> {
    let here = local(at);
    let after_hour = here.time() >= NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0)?;
    match frequency {
        DigestFrequency::Never => None,
        DigestFrequency::Daily => after_hour.then(|| here.format("%Y-%m-%d").to_string()),
        DigestFrequency::Weekly => {
            let week = here.iso_week();
            let started = here.weekday() != Weekday::Mon || after_hour;
            started.then(|| format!("{}-W{:02}", week.year(), week.week()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("a valid time")
    }

    fn task(kind: TaskKind, due: Option<NaiveDateTime>, since: NaiveDateTime) -> Task {
        Task {
            kind,
            subject: format!("{kind:?}"),
            detail: None,
            branch: None,
            due,
            since,
            link: String::new(),
            late: false,
        }
    }

    #[test]
    fn a_near_deadline_comes_before_every_kind_without_one() {
        let now = utc(2026, 12, 2, 12, 0);
        let mut tasks = vec![
            task(TaskKind::Application, None, utc(2026, 11, 1, 9, 0)),
            task(TaskKind::MarkHeld, None, utc(2026, 11, 30, 9, 0)),
            task(
                TaskKind::PauseEnding,
                Some(utc(2026, 12, 4, 11, 0)),
                utc(2026, 6, 1, 9, 0),
            ),
            task(
                TaskKind::SupervisionRequest,
                Some(utc(2026, 12, 5, 9, 0)),
                utc(2026, 12, 2, 9, 0),
            ),
            task(
                TaskKind::OverdueSupervision,
                Some(utc(2026, 10, 1, 11, 0)),
                utc(2026, 10, 1, 11, 0),
            ),
        ];
        order(&mut tasks, now);
        let kinds: Vec<TaskKind> = tasks.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TaskKind::OverdueSupervision,
                TaskKind::PauseEnding,
                TaskKind::SupervisionRequest,
                TaskKind::Application,
                TaskKind::MarkHeld,
            ]
        );
    }

    #[test]
    fn a_distant_deadline_waits_its_kinds_turn() {
        let now = utc(2026, 12, 2, 12, 0);
        let far = task(
            TaskKind::SupervisionRequest,
            Some(utc(2026, 12, 20, 9, 0)),
            utc(2026, 12, 1, 9, 0),
        );
        assert!(!far.is_urgent(now));
        let mut tasks = vec![task(TaskKind::MarkHeld, None, utc(2026, 11, 1, 9, 0)), far];
        order(&mut tasks, now);
        assert_eq!(tasks[0].kind, TaskKind::SupervisionRequest);
    }

    #[test]
    fn within_a_kind_the_longest_waiting_comes_first() {
        let now = utc(2026, 12, 2, 12, 0);
        let mut tasks = vec![
            task(TaskKind::Application, None, utc(2026, 11, 20, 9, 0)),
            task(TaskKind::Application, None, utc(2026, 11, 1, 9, 0)),
        ];
        order(&mut tasks, now);
        assert_eq!(tasks[0].since, utc(2026, 11, 1, 9, 0));
    }

    #[test]
    fn groups_show_a_few_lines_and_link_to_the_rest() {
        let now = utc(2026, 12, 2, 12, 0);
        let tasks: Vec<Task> = (0..8)
            .map(|d| task(TaskKind::Attendance, None, utc(2026, 11, 1 + d, 9, 0)))
            .chain([task(
                TaskKind::SupervisionRequest,
                Some(utc(2026, 12, 3, 9, 0)),
                now,
            )])
            .collect();
        let groups = groups(
            tasks,
            &[(TaskKind::SupervisionRequest, 1)],
            |k| Some(format!("/{}", k.as_str())),
            now,
        );
        assert_eq!(groups[0].kind, TaskKind::SupervisionRequest);
        assert!(groups[0].urgent);
        assert_eq!(groups[0].more, None);
        assert_eq!(groups[1].total, 8);
        assert_eq!(groups[1].lines.len(), LINES_PER_KIND);
        assert_eq!(groups[1].more.as_deref(), Some("/attendance"));
    }

    #[test]
    fn a_known_total_above_the_rows_read_is_kept() {
        let now = utc(2026, 12, 2, 12, 0);
        let groups = groups(
            vec![task(TaskKind::Application, None, now)],
            &[(TaskKind::Application, 40)],
            |_| Some("/all".to_string()),
            now,
        );
        assert_eq!(groups[0].total, 40);
        assert_eq!(groups[0].more.as_deref(), Some("/all"));
    }

    #[test]
    fn a_daily_digest_is_due_from_seven_in_the_morning_copenhagen_time() {
        // 05:59 UTC is 06:59 in Copenhagen in winter.
        assert_eq!(
            digest_period(DigestFrequency::Daily, utc(2026, 12, 2, 5, 59)),
            None
        );
        assert_eq!(
            digest_period(DigestFrequency::Daily, utc(2026, 12, 2, 6, 0)).as_deref(),
            Some("2026-12-02")
        );
        // Summer time: 07:00 in Copenhagen is 05:00 UTC.
        assert_eq!(
            digest_period(DigestFrequency::Daily, utc(2026, 6, 2, 5, 0)).as_deref(),
            Some("2026-06-02")
        );
        // Half past eleven UTC is half past midnight on the next day in
        // Copenhagen: that day's digest is not due until seven.
        assert_eq!(
            digest_period(DigestFrequency::Daily, utc(2026, 12, 2, 23, 30)),
            None
        );
    }

    #[test]
    fn a_weekly_digest_belongs_to_the_iso_week_from_monday_morning() {
        // Monday 30 November 2026, 06:30 local: not yet.
        assert_eq!(
            digest_period(DigestFrequency::Weekly, utc(2026, 11, 30, 5, 30)),
            None
        );
        let monday = digest_period(DigestFrequency::Weekly, utc(2026, 11, 30, 6, 0));
        let wednesday = digest_period(DigestFrequency::Weekly, utc(2026, 12, 2, 12, 0));
        let sunday = digest_period(DigestFrequency::Weekly, utc(2026, 12, 6, 22, 0));
        assert_eq!(monday.as_deref(), Some("2026-W49"));
        assert_eq!(wednesday, monday);
        assert_eq!(sunday, monday);
        // Sunday 23:30 UTC is Monday 00:30 local: the new week is not due.
        assert_eq!(
            digest_period(DigestFrequency::Weekly, utc(2026, 12, 6, 23, 30)),
            None
        );
        // The ISO year, not the calendar year, names the first week.
        assert_eq!(
            digest_period(DigestFrequency::Weekly, utc(2027, 1, 1, 12, 0)).as_deref(),
            Some("2026-W53")
        );
    }

    #[test]
    fn never_means_no_digest() {
        assert_eq!(
            digest_period(DigestFrequency::Never, utc(2026, 12, 2, 12, 0)),
            None
        );
    }
}
