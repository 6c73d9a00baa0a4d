//! The annual figures (`/admin/statistik`): for a year, nationally or for
//! a region or a branch, the numbers Social Sundhed publishes:
//! brobygninger by programme and month, volunteer hours, active
//! brobyggere, brobyggere trained, GenLær sessions and participants,
//! supervision and brobyggeraftener held with attendance. A fixed number
//! of grouped queries, whatever the size of the year.
//!
//! Working a national year out reads every volunteer's status history and
//! the year's attendance: a fifth of a second at national scale. The
//! figures are therefore kept once worked out (`Kept`), by the same rule as
//! the public pages (`crate::cache`): used only while nothing has been
//! written on this instance since, so they are never staler than this
//! instance's last commit, and for at most five seconds (another
//! instance's writes). With a second, as the pages have, a national year
//! was worked out again every second under steady load, and when that took
//! longer than the last quarter second (refresh-ahead), requests waited
//! for it: p99 33 ms on PostgreSQL. One request at a time works figures
//! out; the others wait for it and take what it kept, so a
//! burst of requests after a write costs one computation, not one each.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{App, Error};
use crate::cache::{Admit, FreshCache};
use crate::db::branches::{self, BranchInRegion, Region};
use crate::db::users::Account;
use crate::db::{brobygninger, statistics};
use crate::domain::session::SessionKind;
use crate::domain::statistics::{self as rules, Counted, Totals};
use crate::domain::time::local;
use crate::domain::trends::Month;

/// Whose figures: the whole country, a region or a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    National,
    Region(i64),
    Branch(i64),
}

/// Sessions held and the people who came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Held {
    pub sessions: i64,
    pub attendance: i64,
}

/// A year's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub year: i32,
    pub scope: Scope,
    /// The region's or branch's name.
    pub scope_name: Option<String>,
    pub totals: Totals,
    /// Volunteer hours, whole.
    pub hours: i64,
    /// January to December.
    pub months: Vec<Totals>,
    pub active: i64,
    pub trained: i64,
    /// Branches with at least one brobygning in the year.
    pub branches_with: i64,
    pub genlaer: Held,
    pub supervision: Held,
    pub evenings: Held,
    /// Vagter with at least one brobygger, and places taken on them.
    pub vagter: crate::db::duty::YearOfVagter,
    /// The GenLær course evaluations of the year's sessions.
    pub evaluations: crate::db::evaluations::YearSummary,
}

/// The choices of the page's filter.
#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    pub regions: Vec<Region>,
    pub branches: Vec<BranchInRegion>,
    pub years: Vec<i32>,
}

/// This year in Copenhagen.
pub fn this_year() -> i32 {
    local(crate::db::now()).year()
}

pub async fn choices(app: &App) -> Result<Choices, Error> {
    app.read(|c| {
        let this = this_year();
        Ok(Choices {
            regions: branches::regions(c)?,
            branches: branches::all(c)?,
            years: (2024..=this).rev().collect(),
        })
    })
    .await
}

/// Whether `actor` may see the figures of `scope`: administrators every
/// scope; a coordinator their own branches, and a regional coordinator
/// their regions (`Account::branches` holds the regions' branches).
pub fn may_see(actor: &Account, scope: Scope) -> bool {
    match scope {
        Scope::National => actor.is_admin(),
        Scope::Region(r) => actor.oversees_region(r),
        Scope::Branch(b) => actor.coordinates(b),
    }
}

/// The scopes a coordinator may choose: their regions and branches only,
/// and the first of them when they chose none (a region before a branch).
pub async fn choices_for(app: &App, actor: &Account) -> Result<(Choices, Option<Scope>), Error> {
    let all = choices(app).await?;
    let regions: Vec<Region> = all
        .regions
        .into_iter()
        .filter(|r| actor.oversees_region(r.id))
        .collect();
    let branches: Vec<BranchInRegion> = all
        .branches
        .into_iter()
        .filter(|b| actor.coordinates(b.branch.id))
        .collect();
    let first = regions
        .first()
        .map(|r| Scope::Region(r.id))
        .or_else(|| branches.first().map(|b| Scope::Branch(b.branch.id)));
    Ok((
        Choices {
            regions,
            branches,
            years: all.years,
        },
        first,
    ))
}

/// `figures` for a coordinator: only a scope of their own.
pub async fn figures_for(
    app: &App,
    actor: &Account,
    year: i32,
    scope: Scope,
) -> Result<Arc<Figures>, Error> {
    if !may_see(actor, scope) {
        return Err(Error::Forbidden);
    }
    figures(app, year, scope).await
}

/// The figures lately worked out, by year and scope (`App::figures`).
pub struct Kept {
    figures: FreshCache<(i32, Scope), Arc<Figures>>,
    /// Held while figures are worked out.
    working: tokio::sync::Mutex<()>,
}

impl Default for Kept {
    fn default() -> Self {
        Kept {
            // A few years of the country, its regions and branches.
            figures: FreshCache::new(Duration::from_secs(5), 256),
            working: tokio::sync::Mutex::new(()),
        }
    }
}

/// The figures of `year` in `scope` (an administrator's page: the handler
/// requires one). An unknown region or branch is `NotFound`.
pub async fn figures(app: &App, year: i32, scope: Scope) -> Result<Arc<Figures>, Error> {
    let key = (year, scope);
    let kept = &app.figures;
    if let Some(f) = kept.figures.get(&key, app.db.generation()) {
        return Ok(f);
    }
    let _working = match kept.working.try_lock() {
        Ok(working) => working,
        Err(_) => {
            // Someone is working figures out: perhaps these.
            let working = kept.working.lock().await;
            if let Some(f) = kept.figures.get(&key, app.db.generation()) {
                return Ok(f);
            }
            working
        }
    };
    // Read before working anything out: a write that finishes meanwhile
    // makes what is kept out of date at once (`crate::cache`).
    let generation = app.db.generation();
    let f = Arc::new(work_out(app, year, scope).await?);
    kept.figures.put(key, generation, f.clone(), Admit::Shared);
    Ok(f)
}

#[tracing::instrument(skip(app))]
async fn work_out(app: &App, year: i32, scope: Scope) -> Result<Figures, Error> {
    app.read(move |c| {
        let (ids, scope_name): (Option<Vec<i64>>, Option<String>) = match scope {
            Scope::National => (None, None),
            Scope::Region(r) => {
                let region = branches::region(c, r)?;
                let ids = branches::all(c)?
                    .into_iter()
                    .filter(|b| b.branch.region_id == r)
                    .map(|b| b.branch.id)
                    .collect();
                (Some(ids), Some(region.name))
            }
            Scope::Branch(b) => {
                let branch = branches::find(c, b)?;
                (Some(vec![b]), Some(branch.name))
            }
        };
        let ids = ids.as_deref();
        let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(Error::NotFound)?;
        let to = NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or(Error::NotFound)?;
        let last = to.pred_opt().unwrap_or(to);
        let (from_utc, to_utc) = (
            Month { year, month: 1 }.start_utc(),
            Month {
                year: year + 1,
                month: 1,
            }
            .start_utc(),
        );

        let groups = brobygninger::groups(c, ids, from, to)?;
        let branches_with: HashSet<i64> = groups.iter().map(|g| g.branch_id).collect();
        let counted: Vec<Counted> = groups
            .iter()
            .map(|g| Counted {
                done_on: g.done_on,
                programme: g.programme,
                briefing: g.briefing,
                debriefing: g.debriefing,
                count: g.count,
                minutes: g.minutes,
            })
            .collect();
        let totals = Totals::of(&counted);

        // Who was active: by their status history, and anyone who made a
        // brobygning in the year (they were, whatever the history says).
        let mut histories: BTreeMap<i64, Vec<_>> = BTreeMap::new();
        for (user, at, before, after) in statistics::changes(c, ids, to_utc)? {
            histories
                .entry(user)
                .or_default()
                .push((local(at).date_naive(), before, after));
        }
        let mut active: HashSet<i64> = histories
            .iter()
            .filter(|(_, h)| rules::active_in(h, from, last))
            .map(|(u, _)| *u)
            .collect();
        active.extend(brobygninger::people(c, ids, from, to)?);
        let trained = histories
            .values()
            .filter(|h| rules::trained_in(h, from, last))
            .count() as i64;

        let held = |c: &mut _, kind| -> Result<Held, Error> {
            let (sessions, attendance) = statistics::held(c, kind, ids, from_utc, to_utc)?;
            Ok(Held {
                sessions,
                attendance,
            })
        };
        let vagter = match ids {
            Some(ids) => crate::db::duty::held_in_year(c, ids, year)?,
            None => {
                let all: Vec<i64> = branches::all(c)?.iter().map(|b| b.branch.id).collect();
                crate::db::duty::held_in_year(c, &all, year)?
            }
        };
        let evaluations = crate::db::evaluations::year_summary(c, ids, year)?;
        Ok(Figures {
            year,
            scope,
            vagter,
            evaluations,
            scope_name,
            hours: rules::whole_hours(totals.minutes),
            months: rules::by_month(year, &counted),
            totals,
            active: active.len() as i64,
            trained,
            branches_with: branches_with.len() as i64,
            genlaer: held(c, SessionKind::Genlaer)?,
            supervision: held(c, SessionKind::Supervision)?,
            evenings: held(c, SessionKind::Evening)?,
        })
    })
    .await
}
