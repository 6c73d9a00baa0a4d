//! The coordinators' side: their branches' sessions, planning one, one
//! session's participants with the volunteers they may assign, the
//! overview of who is overdue, and the requests to answer.

use std::collections::HashMap;

use serde::Serialize;

use super::{Plan, may_take_part, own_request};
use crate::app::audit::{self, Actor, Object};
use crate::app::engine::{self, Placed};
use crate::app::sessions::manage::NotEnrolled;
use crate::app::sessions::{branch_choices, managed};
use crate::app::{App, Error};
use crate::db::branches::{self, Branch};
use crate::db::enrolments::{self, Participant};
use crate::db::supervision::{self, RequestRow, SupervisionSession, VolunteerStanding};
use crate::db::users::Account;
use crate::db::{attendance, gate, now, volunteers};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::audit::Action;
use crate::domain::paging::Pager;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::{Standing, compliance};

/// How far back the list shows past sessions (for registering attendance).
const RECENT_DAYS: i64 = 60;

/// The coordinator's supervision page: their branches, the sessions
/// planned and recently held, and each branch's open requests.
#[derive(Debug, Clone, Serialize)]
pub struct Planning {
    pub branches: Vec<Branch>,
    /// Soonest first.
    pub upcoming: Vec<SupervisionSession>,
    /// Latest first.
    pub past: Vec<SupervisionSession>,
    /// Open requests per branch id (string keys for templates).
    pub open_requests: HashMap<String, i64>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn planning(app: &App, actor: &Account) -> Result<Planning, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let branches = branch_choices(c, &actor)?;
        let ids: Vec<i64> = branches.iter().map(|b| b.id).collect();
        let at = now();
        let from = at - chrono::Duration::days(RECENT_DAYS);
        let (upcoming, mut past): (Vec<_>, Vec<_>) =
            supervision::in_branches(c, &ids, from, false)?
                .into_iter()
                .partition(|s| s.session.ends_at > at);
        past.reverse();
        let open_requests = supervision::open_counts(c, &ids)?
            .into_iter()
            .map(|(b, n)| (b.to_string(), n))
            .collect();
        Ok(Planning {
            branches,
            upcoming,
            past,
            open_requests,
        })
    })
    .await
}

/// Plans a session in one of the coordinator's branches.
#[tracing::instrument(skip(app, actor, plan), fields(actor = actor.user.id))]
pub async fn plan(
    app: &App,
    actor: &Account,
    by: Actor,
    branch_id: i64,
    plan: Plan,
) -> Result<i64, Error> {
    if !actor.coordinates(branch_id) {
        return Err(Error::Forbidden);
    }
    app.write(move |c| {
        crate::app::sessions::known_branch(c, branch_id)?;
        let id = supervision::create(c, &plan.new_supervision(branch_id))?;
        let object = Object::session(id);
        audit::record(c, &by, Action::SessionCreated, &object, Some("supervision"))?;
        Ok(id)
    })
    .await
}

/// A volunteer a coordinator may give a seat.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub user_id: i64,
    pub name: String,
}

/// One session as its coordinators see it.
#[derive(Debug, Clone, Serialize)]
pub struct StaffSession {
    pub s: SupervisionSession,
    pub seated: Vec<Participant>,
    pub waiting: Vec<Participant>,
    /// Attendance per user id (string keys for templates).
    pub present: HashMap<String, AttendanceStatus>,
    /// The branch's brobyggere who may work and are not in it yet.
    pub candidates: Vec<Candidate>,
    /// Still open: people can be assigned.
    pub open: bool,
}

/// A supervision session this account manages; `NotFound` for other kinds.
fn managed_supervision(
    conn: &mut crate::db::DbConnection,
    account: &Account,
    id: i64,
) -> Result<SupervisionSession, Error> {
    managed(conn, account, id)?;
    Ok(supervision::find(conn, id)?)
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn session(app: &App, actor: &Account, id: i64) -> Result<StaffSession, Error> {
    let actor = actor.clone();
    let curriculum = crate::app::site_content::current_curriculum(app).await?;
    app.read(move |c| {
        let s = managed_supervision(c, &actor, id)?;
        let (seated, waiting) = enrolments::participants(c, id)?;
        let present = attendance::for_session(c, id)?
            .into_iter()
            .map(|a| (a.user_id.to_string(), a.status))
            .collect();
        let branch = s.session.branch_id.unwrap_or_default();
        let taken: Vec<i64> = seated
            .iter()
            .chain(waiting.iter())
            .map(|p| p.enrolment.user_id)
            .collect();
        let active = volunteers::active_in_branch(c, branch)?;
        let ids: Vec<i64> = active.iter().map(|a| a.user_id).collect();
        // Active in status is not enough: a new declaration version, say,
        // takes someone off the list until they sign it.
        let may: Vec<i64> = gate::gates(c, &curriculum, &ids)?
            .into_iter()
            .filter(gate::Gate::may_work)
            .map(|g| g.user_id)
            .collect();
        let candidates = active
            .into_iter()
            .filter(|a| may.contains(&a.user_id) && !taken.contains(&a.user_id))
            .map(|a| Candidate {
                user_id: a.user_id,
                name: a.name,
            })
            .collect();
        Ok(StaffSession {
            open: s.session.status == SessionStatus::Open,
            s,
            seated,
            waiting,
            present,
            candidates,
        })
    })
    .await
}

/// Gives a volunteer of the branch a seat (or a place in the queue). Only
/// brobyggere who may work can be assigned, like signing up themselves.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn assign(
    app: &App,
    actor: &Account,
    by: Actor,
    session_id: i64,
    user_id: i64,
) -> Result<Result<Placed, NotEnrolled>, Error> {
    let actor = actor.clone();
    let curriculum = crate::app::site_content::current_curriculum(app).await?;
    app.write(move |c| {
        let s = managed_supervision(c, &actor, session_id)?;
        if !may_take_part(c, &curriculum, user_id, s.session.branch_id)? {
            return Ok(Err(NotEnrolled::MayNotWork));
        }
        let placed = engine::enrol(c, session_id, user_id, true)?.map_err(NotEnrolled::Refused);
        let detail = format!("{} (#{session_id})", s.session.title);
        let object = Object::user(user_id);
        audit::record_ok(
            c,
            &by,
            Action::ParticipantEnrolled,
            &object,
            Some(&detail),
            &placed,
        )?;
        Ok(placed)
    })
    .await
}

/// Which part of a branch's overview to show.
#[derive(Debug, Clone, Copy)]
pub struct OverviewQuery {
    /// The branch; the coordinator's first when `None`.
    pub branch_id: Option<i64>,
    /// Only volunteers in this standing.
    pub only: Option<Standing>,
    /// The page (`None`: every row, for the CSV file).
    pub page: Option<i64>,
}

/// One branch's overview: every active (and paused) brobygger against the
/// window, overdue first.
#[derive(Debug, Clone)]
pub struct Overview {
    pub branch: Branch,
    pub choices: Vec<Branch>,
    /// The rows the filter lets through: one page of them, or all.
    pub rows: Vec<VolunteerStanding>,
    pub pager: Pager,
    /// How many volunteers are in each standing, unfiltered.
    pub counts: Vec<(Standing, i64)>,
    pub window: i32,
    pub only: Option<Standing>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn overview(app: &App, actor: &Account, q: OverviewQuery) -> Result<Overview, Error> {
    let (actor, branch_id) = overview_branch(actor, &q)?;
    app.read(move |c| overview_in(c, &actor, branch_id, q))
        .await
}

/// The whole overview for the CSV file; the download is logged.
#[tracing::instrument(skip(app, actor, by), fields(actor = actor.user.id))]
pub async fn overview_export(
    app: &App,
    actor: &Account,
    by: Actor,
    q: OverviewQuery,
) -> Result<Overview, Error> {
    let (actor, branch_id) = overview_branch(actor, &q)?;
    let object = Object::branch(branch_id);
    let detail = "supervision-oversigt.csv".to_string();
    audit::exported(app, by, object, detail, move |c| {
        overview_in(c, &actor, branch_id, q)
    })
    .await
}

/// The overview's branch, if the account coordinates it.
fn overview_branch(actor: &Account, q: &OverviewQuery) -> Result<(Account, i64), Error> {
    let branch_id = q
        .branch_id
        .or_else(|| actor.branches.first().copied())
        .ok_or(Error::NotFound)?;
    if !actor.coordinates(branch_id) {
        return Err(Error::Forbidden);
    }
    Ok((actor.clone(), branch_id))
}

fn overview_in(
    c: &mut crate::db::DbConnection,
    actor: &Account,
    branch_id: i64,
    q: OverviewQuery,
) -> Result<Overview, Error> {
    let at = now();
    let Listed {
        counts,
        pager,
        mut rows,
    } = match q.page {
        Some(side) => overview_page(c, branch_id, q.only, side, at)?,
        None => {
            let everyone = supervision::overview(c, branch_id, at)?;
            let counts = compliance(everyone.iter().map(|r| r.standing)).counts;
            let rows: Vec<VolunteerStanding> = everyone
                .into_iter()
                .filter(|r| q.only.is_none_or(|s| r.standing == s))
                .collect();
            let total = rows.len() as i64;
            Listed {
                counts,
                pager: Pager::new(0, total, total),
                rows,
            }
        }
    };
    supervision::fill_next_booked(c, &mut rows, at)?;
    // The rows were worked out with the branch's window: read it again
    // only for a page without any.
    let window = match rows.first() {
        Some(row) => row.window_months,
        None => supervision::window(c, branch_id)?,
    };
    let known = actor.coordinated_branch(branch_id).cloned();
    Ok(Overview {
        branch: branches::known_or_find(c, known, branch_id)?,
        choices: branch_choices(c, actor)?,
        rows,
        pager,
        counts,
        window,
        only: q.only,
    })
}

/// The overview's list: the count in each standing, and the rows shown.
struct Listed {
    counts: Vec<(Standing, i64)>,
    pager: Pager,
    rows: Vec<VolunteerStanding>,
}

/// One page of the overview: the counts and the page's rows are chosen
/// by the stored due dates (an index, whatever the branch's size), and the
/// rows shown are worked out by the rule itself.
fn overview_page(
    c: &mut crate::db::DbConnection,
    branch_id: i64,
    only: Option<Standing>,
    side: i64,
    at: chrono::NaiveDateTime,
) -> Result<Listed, Error> {
    let today = supervision::local_date(at);
    let stored = supervision::stored_counts(c, branch_id, today)?;
    let count = |s: Standing| stored.iter().find(|(k, _)| *k == s).map_or(0, |(_, n)| *n);
    let total = match only {
        Some(s) => count(s),
        None => stored.iter().map(|(_, n)| n).sum(),
    };
    let active = match only {
        Some(Standing::Paused) => 0,
        Some(s) => count(s),
        None => total - count(Standing::Paused),
    };
    let pager = Pager::new(side, crate::domain::paging::PER_PAGE, total);
    let ids = supervision::stored_page(
        c,
        branch_id,
        today,
        only,
        active,
        pager.offset(),
        pager.limit(),
    )?;
    let mut live = supervision::standings(c, supervision::Whose::These(&ids), at)?;
    let rows = ids
        .iter()
        .filter_map(|id| {
            let i = live.iter().position(|r| r.user_id == *id)?;
            Some(live.swap_remove(i))
        })
        .collect();
    Ok(Listed {
        counts: stored,
        pager,
        rows,
    })
}

/// The requests of the coordinator's branches: open ones first.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn requests(app: &App, actor: &Account) -> Result<Vec<RequestRow>, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let ids: Vec<i64> = branch_choices(c, &actor)?.iter().map(|b| b.id).collect();
        Ok(supervision::requests_in(c, &ids, now())?)
    })
    .await
}

/// One request, if this coordinator answers for its branch.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn request(app: &App, actor: &Account, id: i64) -> Result<RequestRow, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let r = own_request(c, &actor, id)?;
        supervision::requests_in(c, &[r.branch_id], now())?
            .into_iter()
            .find(|row| row.request.id == id)
            .ok_or(Error::NotFound)
    })
    .await
}
