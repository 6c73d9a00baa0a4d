//! The coordinators' view of their branches: the start page with every
//! branch's volunteers by status, one branch's volunteers a page at a time,
//! and the branch dashboard (volunteers, supervision, evenings this year,
//! and the last twelve months by month: `Trends`).

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde::Serialize;

use super::{App, Error};
use crate::db::DbConnection;
use crate::db::branches::{self, Branch};
use crate::db::evenings::{self, YearEvening};
use crate::db::users::Account;
use crate::db::volunteers::{self, RosterRow};
use crate::domain::evening::{YearNumbers, year_numbers};
use crate::domain::paging::Pager;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::{Compliance, Standing, compliance};
use crate::domain::trends::{self, Month, MonthCompliance};
use crate::domain::volunteer::VolunteerStatus;

/// The statuses the start page and the dashboard count, in path order.
pub const COUNTED: [VolunteerStatus; 4] = [
    VolunteerStatus::Applicant,
    VolunteerStatus::InTraining,
    VolunteerStatus::Active,
    VolunteerStatus::Paused,
];

/// How many volunteers are in one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub status: VolunteerStatus,
    pub count: i64,
    /// The filter shown now (on the branch's list).
    pub current: bool,
}

/// A branch on the coordinator's start page.
#[derive(Debug, Clone, Serialize)]
pub struct BranchOverview {
    pub branch: Branch,
    /// `COUNTED`, with zeros.
    pub counts: Vec<StatusCount>,
    pub applicants: i64,
}

fn count_of(counted: &[(VolunteerStatus, i64)], status: VolunteerStatus) -> i64 {
    counted
        .iter()
        .find(|(s, _)| *s == status)
        .map_or(0, |(_, n)| *n)
}

/// One branch's counts by status, out of `volunteers::counts_by_branch`
/// for several branches.
pub(crate) fn of_branch(
    all: &[(i64, VolunteerStatus, i64)],
    branch_id: i64,
) -> Vec<(VolunteerStatus, i64)> {
    all.iter()
        .filter(|(b, _, _)| *b == branch_id)
        .map(|(_, s, n)| (*s, *n))
        .collect()
}

pub(crate) fn counts(
    counted: &[(VolunteerStatus, i64)],
    which: &[VolunteerStatus],
) -> Vec<StatusCount> {
    which
        .iter()
        .map(|&status| StatusCount {
            status,
            count: count_of(counted, status),
            current: false,
        })
        .collect()
}

/// The coordinator's branches (every branch for administrators) with their
/// volunteers by status, in two queries, within the start page's read.
pub(super) fn overview(c: &mut DbConnection, actor: &Account) -> QueryResult<Vec<BranchOverview>> {
    let mine: Vec<Branch> = super::sessions::branch_choices(c, actor)?;
    let ids: Vec<i64> = mine.iter().map(|b| b.id).collect();
    let all = volunteers::counts_by_branch(c, &ids, &COUNTED)?;
    Ok(mine
        .into_iter()
        .map(|branch| {
            let counted = of_branch(&all, branch.id);
            BranchOverview {
                counts: counts(&counted, &COUNTED),
                applicants: count_of(&counted, VolunteerStatus::Applicant),
                branch,
            }
        })
        .collect())
}

/// One branch's volunteers, a page at a time.
#[derive(Debug, Clone, Serialize)]
pub struct BranchVolunteers {
    pub branch: Branch,
    /// The statuses anyone is in, with how many, as filters.
    pub counts: Vec<StatusCount>,
    pub all: i64,
    pub rows: Vec<RosterRow>,
    pub pager: Pager,
}

/// A branch's volunteers (of one status, matching a search), for its own
/// coordinators and administrators.
#[tracing::instrument(skip(app, actor, search), fields(actor = actor.user.id))]
pub async fn branch_volunteers(
    app: &App,
    actor: &Account,
    id: i64,
    only: Option<VolunteerStatus>,
    search: &str,
    page: i64,
) -> Result<BranchVolunteers, Error> {
    if !actor.coordinates(id) {
        return Err(Error::Forbidden);
    }
    let search = search.to_string();
    let known = actor.coordinated_branch(id).cloned();
    app.read(move |c| {
        let branch = branches::known_or_find(c, known, id)?;
        let counts: Vec<StatusCount> = volunteers::counts_in_branch(c, id)?
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(status, count)| StatusCount {
                status,
                count,
                current: Some(status) == only,
            })
            .collect();
        let (rows, pager) = volunteers::page_in_branch(c, id, only, &search, page)?;
        Ok(BranchVolunteers {
            branch,
            all: counts.iter().map(|c| c.count).sum(),
            counts,
            rows,
            pager,
        })
    })
    .await
}

/// A branch at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub branch: Branch,
    /// `COUNTED`, with zeros.
    pub volunteers: Vec<StatusCount>,
    /// `CHARTED`, with zeros, for the chart.
    pub charted: Vec<StatusCount>,
    pub supervision: Compliance,
    /// The same counts in the order the page lists them: ok first.
    pub standings: Vec<(Standing, i64)>,
    /// This period's evenings, soonest first.
    pub evenings: Vec<YearEvening>,
    pub numbers: YearNumbers,
    pub trends: Trends,
}

/// The branch's last twelve months (`domain::trends::MONTHS`), oldest
/// first, each series with one number per month.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    pub months: Vec<Month>,
    /// Applications received (new and second applications).
    pub applications: Vec<i64>,
    /// Volunteers becoming active (not coming back from a pause).
    pub activations: Vec<i64>,
    /// Confirmed participants of the branch's GenLær sessions, by the month
    /// the session began.
    pub genlaer: Vec<i64>,
    /// Supervision compliance at each month's end (this month: now).
    pub compliance: Vec<MonthCompliance>,
    /// The window the compliance is measured against: the branch's today.
    pub window_months: i32,
}

/// The trends of `branch` for the twelve months up to the month of `at`.
fn trends_of(
    c: &mut crate::db::DbConnection,
    branch: i64,
    at: NaiveDateTime,
) -> Result<Trends, Error> {
    let months = trends::last_months(crate::domain::time::local(at).date_naive(), trends::MONTHS);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Err(Error::Internal(anyhow::anyhow!("no months to show")));
    };
    let facts = crate::db::trends::facts(c, branch, first.start_utc(), last.end_utc())?;
    Ok(Trends {
        applications: trends::changes_per_month(
            &facts.people,
            branch,
            &months,
            trends::is_application,
        ),
        activations: trends::changes_per_month(
            &facts.people,
            branch,
            &months,
            trends::is_activation_change,
        ),
        // Sessions that have begun: later ones this month are plans.
        genlaer: trends::per_month_weighted(
            &months,
            facts.genlaer.iter().copied().filter(|(t, _)| *t <= at),
        ),
        compliance: trends::compliance_by_month(
            &facts.people,
            branch,
            facts.window_months,
            &months,
            at,
        ),
        window_months: facts.window_months,
        months,
    })
}

/// The standings as the dashboard lists them (its chart follows the
/// overview's order, overdue first).
pub(crate) const LISTED: [Standing; 4] = [
    Standing::Ok,
    Standing::DueSoon,
    Standing::Overdue,
    Standing::Paused,
];

/// The statuses the dashboard's chart shows, in path order.
pub const CHARTED: [VolunteerStatus; 5] = [
    VolunteerStatus::Applicant,
    VolunteerStatus::Approved,
    VolunteerStatus::InTraining,
    VolunteerStatus::Active,
    VolunteerStatus::Paused,
];

/// A branch's dashboard for its own coordinators: volunteers by status,
/// supervision compliance by the overview's own rule, the evenings of
/// the period `from`..`to` and the trends of the last twelve months up to
/// `at`, in a fixed number of grouped queries.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn dashboard(
    app: &App,
    actor: &Account,
    id: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<Dashboard, Error> {
    if !actor.coordinates(id) {
        return Err(Error::Forbidden);
    }
    let known = actor.coordinated_branch(id).cloned();
    app.read(move |c| {
        let branch = branches::known_or_find(c, known, id)?;
        let counted: Vec<(VolunteerStatus, i64)> =
            volunteers::counts_by_branch(c, &[id], &CHARTED)?
                .into_iter()
                .map(|(_, s, n)| (s, n))
                .collect();
        let evenings = evenings::in_period(c, id, from, to)?;
        let standings = crate::db::supervision::overview(c, id, at)?;
        let supervision = compliance(standings.iter().map(|s| s.standing));
        let supervision_counts = supervision.counts.clone();
        let trends = trends_of(c, id, at)?;
        Ok(Dashboard {
            branch,
            volunteers: counts(&counted, &COUNTED),
            charted: counts(&counted, &CHARTED),
            supervision,
            standings: LISTED
                .iter()
                .map(|&s| {
                    (
                        s,
                        supervision_counts
                            .iter()
                            .find(|(c, _)| *c == s)
                            .map_or(0, |(_, n)| *n),
                    )
                })
                .collect(),
            numbers: year_numbers(
                evenings
                    .iter()
                    .map(|e| (e.status == SessionStatus::Held, e.yes, e.present)),
            ),
            evenings,
            trends,
        })
    })
    .await
}
