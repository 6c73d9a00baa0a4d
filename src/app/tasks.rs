//! The coordinator's day: the task list on their start page, the emails that
//! tell them at once of something new, and the digest of open tasks the
//! worker sends once per period (`domain::tasks::digest_period`).
//!
//! A coordinator's tasks come from their branches; an administrator's start
//! page shows every branch and the national matters (national GenLær
//! bookings and sessions, erasure requests), and their digest the national
//! matters (plus any branches they coordinate themselves).

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::{Connection, QueryResult};
use serde::Serialize;

use super::dashboard::{self, BranchOverview};
use super::regional::Overseen;
use super::{App, Error};
use crate::db::notifications::{self, Choice, StaffMember};
use crate::db::tasks::{self as rows, Row, Scope};
use crate::db::users::{self, Account};
use crate::db::{DbConnection, branches, gate, now, outbox};
use crate::domain::curriculum::Curriculum;
use crate::domain::events::{BookingSummary, Message};
use crate::domain::tasks::{
    self, DigestFrequency, DigestGroup, LINES_PER_KIND, PAUSE_NOTICE_DAYS, Task, TaskGroup,
    TaskKind,
};

/// Where the start page and the digest send people for the whole list.
const START: &str = "/koordinator";

/// The coordinator's start page: what to do, then their branches.
#[derive(Debug, Serialize)]
pub struct StartPage {
    pub groups: Vec<TaskGroup>,
    /// Tasks in all.
    pub total: usize,
    pub branches: Vec<BranchOverview>,
    pub choice: ChoiceView,
    pub overseen: Overseen,
}

/// The staff member's notification choice, as the pages show it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ChoiceView {
    pub digest: DigestFrequency,
    pub immediate: bool,
}

impl From<Choice> for ChoiceView {
    fn from(c: Choice) -> Self {
        ChoiceView {
            digest: c.digest,
            immediate: c.immediate,
        }
    }
}

/// Whose tasks a page or digest lists.
#[derive(Debug, Clone)]
struct Reach {
    branches: Vec<i64>,
    national: bool,
    /// The one branch, when there is one: "see all" links go to its pages.
    single: Option<i64>,
}

impl Reach {
    fn new(branches: Vec<i64>, national: bool) -> Reach {
        Reach {
            single: (branches.len() == 1).then(|| branches[0]),
            branches,
            national,
        }
    }

    fn scope(&self) -> Scope<'_> {
        Scope {
            branches: &self.branches,
            national: self.national,
        }
    }
}

/// The start page's reach: a coordinator's branches; for administrators
/// every branch and the national matters.
fn page_reach(conn: &mut DbConnection, actor: &Account) -> QueryResult<Reach> {
    if actor.is_admin() {
        let all = branches::all(conn)?
            .into_iter()
            .map(|b| b.branch.id)
            .collect();
        Ok(Reach::new(all, true))
    } else {
        Ok(Reach::new(actor.branches.clone(), false))
    }
}

/// The digest's reach: the branches someone coordinates, and the national
/// matters for administrators (not every branch: those have their own
/// coordinators).
fn digest_reach(account: &Account) -> Reach {
    let own = if account.has(crate::domain::Role::Coordinator) {
        account.branches.clone()
    } else {
        Vec::new()
    };
    Reach::new(own, account.is_admin())
}

#[tracing::instrument(skip_all, fields(actor = actor.user.id))]
pub async fn start_page(app: &App, actor: &Account) -> Result<StartPage, Error> {
    let curriculum = super::site_content::current_curriculum(app).await?;
    let actor = actor.clone();
    app.read(move |c| {
        let at = now();
        let reach = page_reach(c, &actor)?;
        let groups = collect(c, &curriculum, &reach, at)?;
        Ok(StartPage {
            total: groups.iter().map(|g| g.total).sum(),
            groups,
            branches: dashboard::overview(c, &actor)?,
            choice: notifications::choice_of(c, actor.user.id)?.into(),
            overseen: super::regional::overseen(c, &actor)?,
        })
    })
    .await
}

fn task(kind: TaskKind, row: Row, link: String) -> Task {
    Task {
        kind,
        subject: row.subject,
        detail: row.detail,
        branch: row.branch,
        due: row.due,
        since: row.since,
        link,
        late: false,
    }
}

/// Every task within reach, grouped and most urgent first. The kinds read
/// from one query each take `LINES_PER_KIND` rows and a count; the ones the
/// rules decide (the gate, supervision standing, pauses) read the people
/// they concern in a fixed number of queries.
fn collect(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    reach: &Reach,
    at: NaiveDateTime,
) -> QueryResult<Vec<TaskGroup>> {
    let limit = LINES_PER_KIND as i64;
    let ids = &reach.branches;
    let mut found: Vec<Task> = Vec::new();
    let mut totals: Vec<(TaskKind, usize)> = Vec::new();
    let mut add = |kind: TaskKind, (list, total): rows::Rows, link: &dyn Fn(&Row) -> String| {
        totals.push((kind, usize::try_from(total).unwrap_or_default()));
        for row in list {
            let to = link(&row);
            found.push(task(kind, row, to));
        }
    };
    add(
        TaskKind::SupervisionRequest,
        rows::supervision_requests(conn, ids, limit)?,
        &|r| format!("/koordinator/supervision/anmodninger/{}", r.id),
    );
    let application = |r: &Row| format!("/koordinator/ansoegninger/{}", r.id);
    let (before_intro, after_intro) = rows::applications(conn, ids, limit)?;
    add(TaskKind::IntroConversation, before_intro, &application);
    add(TaskKind::Application, after_intro, &application);
    // A booking should be answered before the first day it is wished for.
    let mut bookings = rows::bookings(conn, reach.scope(), limit)?;
    for row in &mut bookings.0 {
        row.due = row.due.map(|d| d + Duration::hours(12));
    }
    add(TaskKind::Booking, bookings, &|r| {
        format!("/koordinator/genlaer/bestillinger/{}", r.id)
    });
    add(
        TaskKind::MarkHeld,
        rows::sessions_to_mark_held(conn, reach.scope(), at, limit)?,
        &|r| format!("/koordinator/hold/{}", r.id),
    );
    add(
        TaskKind::Attendance,
        rows::attendance_missing(conn, reach.scope(), at, limit)?,
        &|r| {
            format!(
                "/koordinator/hold/{}/moeder/{}/fremmoede",
                r.session_id.unwrap_or_default(),
                r.id
            )
        },
    );
    if reach.national {
        add(
            TaskKind::Erasure,
            rows::erasure_requests(conn, limit)?,
            &|r| format!("/admin/sletning/{}", r.id),
        );
    }
    let (people, counted) = people_tasks(conn, curriculum, ids, at)?;
    found.extend(people);
    totals.extend(counted);
    found.extend(overdue_invoices(conn, reach, at)?);
    let single = reach.single;
    Ok(tasks::groups(found, &totals, |kind| more(kind, single), at))
}

/// Sent invoices not paid by their due date (`domain::billing`): due at
/// noon of the due date, so they show as late.
fn overdue_invoices(
    conn: &mut DbConnection,
    reach: &Reach,
    at: NaiveDateTime,
) -> QueryResult<Vec<Task>> {
    let today = crate::domain::time::local(at).date_naive();
    let mut rows = crate::db::invoices::overdue(conn, Some(&reach.branches), today)?;
    if reach.national {
        rows.extend(
            crate::db::invoices::overdue(conn, None, today)?
                .into_iter()
                .filter(|i| i.branch_id.is_none()),
        );
    }
    rows.retain(|i| i.status.overdue(i.due_date, today));
    // Most days nothing is overdue: then no statement to name branches.
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i64, String> = branches::by_ids(conn, &reach.branches)?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|i| {
            let due = super::volunteers::noon(i.due_date);
            Task {
                kind: TaskKind::OverdueInvoice,
                subject: format!("{} {}", i.number, i.buyer_name),
                detail: Some(i.course_title.clone()),
                branch: i.branch_id.and_then(|b| names.get(&b).cloned()),
                due,
                since: due.unwrap_or(at),
                link: format!("/koordinator/fakturaer/{}", i.id),
                late: false,
            }
        })
        .collect())
}

/// How many tasks of a kind there are, where fewer were read.
type Totals = Vec<(TaskKind, usize)>;

/// The tasks about volunteers that rules decide: ready to activate,
/// missing a new requirement, overdue for supervision, pause ending soon;
/// with the full count of the kinds read a few lines at a time. Readiness
/// and supervision due dates are read as stored (`volunteers.ready`,
/// `supervision_due_on`, kept with every change to their inputs), so the
/// page does not work out the gate or the standing of everyone in the
/// branches; the few given grace for a new requirement and those on pause
/// are still worked out here.
fn people_tasks(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    branch_ids: &[i64],
    at: NaiveDateTime,
) -> QueryResult<(Vec<Task>, Totals)> {
    let person = |id: i64| format!("/koordinator/brobyggere/{id}");
    let about = |kind: TaskKind, p: rows::Person, due: Option<NaiveDateTime>| Task {
        kind,
        link: person(p.user_id),
        subject: p.name,
        detail: None,
        branch: Some(p.branch),
        due,
        since: p.since,
        late: false,
    };
    let limit = LINES_PER_KIND as i64;
    let today = crate::domain::time::local(at).date_naive();
    let count = |n: i64| usize::try_from(n).unwrap_or_default();
    let mut out = Vec::new();
    let mut totals = Vec::new();

    let (ready, total) = rows::ready_to_activate(conn, branch_ids, today, limit)?;
    totals.push((TaskKind::ReadyToActivate, count(total)));
    out.extend(
        ready
            .into_iter()
            .map(|p| about(TaskKind::ReadyToActivate, p, None)),
    );

    let graced = rows::active_with_grace(conn, branch_ids)?;
    let ids: Vec<i64> = graced.iter().map(|p| p.user_id).collect();
    let gates: HashMap<i64, gate::Gate> = gate::gates(conn, curriculum, &ids)?
        .into_iter()
        .map(|g| (g.user_id, g))
        .collect();
    for p in graced {
        let Some(g) = gates.get(&p.user_id) else {
            continue;
        };
        // Missing with the grace run out: due already; excused: due when
        // the grace ends.
        let due = if g.unmet.is_empty() {
            g.grace
                .iter()
                .map(|g| g.until)
                .min()
                .and_then(super::volunteers::noon)
        } else {
            Some(at)
        };
        if let Some(due) = due {
            out.push(about(TaskKind::MissingRequirement, p, Some(due)));
        }
    }

    let (overdue, total) = rows::overdue_supervision(conn, branch_ids, today, limit)?;
    totals.push((TaskKind::OverdueSupervision, count(total)));
    for (p, due_on) in overdue {
        let due = super::volunteers::noon(due_on);
        out.push(Task {
            since: due.unwrap_or(p.since),
            ..about(TaskKind::OverdueSupervision, p, due)
        });
    }

    let horizon = today + Duration::days(PAUSE_NOTICE_DAYS);
    let (ending, total) = rows::pauses_ending(conn, branch_ids, horizon, limit)?;
    totals.push((TaskKind::PauseEnding, count(total)));
    for (p, end) in ending {
        out.push(about(
            TaskKind::PauseEnding,
            p,
            super::volunteers::noon(end),
        ));
    }
    Ok((out, totals))
}

/// Where all tasks of a kind are listed, when the list shows only some.
fn more(kind: TaskKind, single: Option<i64>) -> Option<String> {
    let pipeline = single.map(|b| format!("/koordinator/afdelinger/{b}/brobyggere"));
    match kind {
        TaskKind::SupervisionRequest => Some("/koordinator/supervision/anmodninger".into()),
        TaskKind::OverdueSupervision => Some(match single {
            Some(b) => format!("/koordinator/supervision/oversigt?afdeling={b}"),
            None => "/koordinator/supervision/oversigt".into(),
        }),
        TaskKind::Booking => Some("/koordinator/genlaer/bestillinger".into()),
        TaskKind::Erasure => Some("/admin/sletning".into()),
        TaskKind::OverdueInvoice => Some("/koordinator/fakturaer".into()),
        TaskKind::IntroConversation | TaskKind::Application | TaskKind::ReadyToActivate => {
            pipeline.or_else(|| Some(format!("{START}#afdelinger")))
        }
        TaskKind::MissingRequirement | TaskKind::PauseEnding => single
            .map(|b| format!("/koordinator/afdelinger/{b}"))
            .or_else(|| Some(format!("{START}#afdelinger"))),
        TaskKind::Attendance | TaskKind::MarkHeld => Some(match single {
            Some(b) => format!("/koordinator/afdelinger/{b}/hold"),
            None => format!("{START}#afdelinger"),
        }),
    }
}

/// The staff member's choice of emails.
pub async fn choice(app: &App, actor: &Account) -> Result<ChoiceView, Error> {
    let id = actor.user.id;
    app.read(move |c| Ok(notifications::choice_of(c, id)?.into()))
        .await
}

/// Saves the staff member's choice of emails.
pub async fn save_choice(
    app: &App,
    actor: &Account,
    digest: DigestFrequency,
    immediate: bool,
) -> Result<(), Error> {
    let id = actor.user.id;
    app.write(move |c| {
        notifications::save_choice(c, id, Choice { digest, immediate }, now())?;
        Ok(())
    })
    .await
}

/// Tells the branch's coordinators of a new application, in the caller's
/// transaction.
pub fn tell_new_application(
    conn: &mut DbConnection,
    application_id: i64,
    applicant: &str,
    branch_id: i64,
    branch: &str,
) -> QueryResult<()> {
    let message = Message::NewApplication {
        applicant: applicant.to_string(),
        branch: branch.to_string(),
        link: format!("/koordinator/ansoegninger/{application_id}"),
    };
    for to in notifications::told_at_once(conn, Some(branch_id))? {
        outbox::enqueue(conn, &to, &message)?;
    }
    Ok(())
}

/// Tells the branch's coordinators (the administrators for a national
/// course) of a new booking, in the caller's transaction.
pub fn tell_new_booking(
    conn: &mut DbConnection,
    booking: BookingSummary,
    branch_id: Option<i64>,
) -> QueryResult<()> {
    let branch = match branch_id {
        Some(id) => Some(branches::find(conn, id)?.name),
        None => None,
    };
    let message = Message::NewBooking {
        link: format!("/koordinator/genlaer/bestillinger/{}", booking.id),
        booking,
        branch,
    };
    for to in notifications::told_at_once(conn, branch_id)? {
        outbox::enqueue(conn, &to, &message)?;
    }
    Ok(())
}

/// The worker's step: every staff member whose digest period has begun
/// and is not yet handled gets it, once, if they have anything to do. The
/// primary key of `task_digests` decides who sends it when several
/// workers run at once. Returns how many digests were queued.
pub fn send_due_digests(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<usize> {
    let periods: Vec<String> = [DigestFrequency::Daily, DigestFrequency::Weekly]
        .into_iter()
        .filter_map(|f| tasks::digest_period(f, at))
        .collect();
    if periods.is_empty() {
        return Ok(0);
    }
    let done = notifications::digests_done(conn, &periods)?;
    let due: Vec<(StaffMember, String)> = notifications::staff(conn)?
        .into_iter()
        .filter_map(|m| {
            let period = tasks::digest_period(m.choice.digest, at)?;
            let id = m.to.user_id?;
            (!done.contains(&(id, period.clone()))).then_some((m, period))
        })
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let curriculum = match super::site_content::curriculum(conn) {
        Ok(curriculum) => curriculum,
        Err(e) => {
            tracing::error!(error = %e, "no course material: digests wait");
            return Ok(0);
        }
    };
    let mut queued = 0;
    for (member, period) in due {
        let Some(user_id) = member.to.user_id else {
            continue;
        };
        let sent = conn.transaction(|c| -> QueryResult<bool> {
            let Some(account) = users::load_account(c, user_id)? else {
                return Ok(false);
            };
            let reach = digest_reach(&account);
            let groups = collect(c, &curriculum, &reach, at)?;
            let total: usize = groups.iter().map(|g| g.total).sum();
            let count = i32::try_from(total).unwrap_or(i32::MAX);
            if !notifications::claim_digest(c, user_id, &period, count, at)? || total == 0 {
                return Ok(false);
            }
            let message = Message::TaskDigest {
                groups: groups.iter().map(|g| DigestGroup::of(g, at)).collect(),
                weekly: member.choice.digest == DigestFrequency::Weekly,
                link: START.to_string(),
            };
            outbox::enqueue(c, &member.to, &message)?;
            Ok(true)
        })?;
        if sent {
            queued += 1;
        }
    }
    Ok(queued)
}
