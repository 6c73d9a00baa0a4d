//! The regional coordinator's view: a region's branches side by side with
//! the branch dashboard's figures (volunteers by status, supervision
//! standing, this period's evenings), and the regions a coordinator
//! oversees for their start page. One grouped query per figure, whatever
//! the number of branches.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde::Serialize;

use super::dashboard::{COUNTED, LISTED, StatusCount, counts, of_branch};
use super::{App, Error};
use crate::db::branches::{self, Branch, Region};
use crate::db::supervision::{self, Whose};
use crate::db::users::Account;
use crate::db::volunteers;
use crate::db::{DbConnection, evenings};
use crate::domain::evening::{YearNumbers, year_numbers};
use crate::domain::session::SessionStatus;
use crate::domain::supervision::{Compliance, Standing, compliance};
use crate::domain::volunteer::VolunteerStatus;

/// One branch's column in the region view.
#[derive(Debug, Clone, Serialize)]
pub struct BranchFigures {
    pub branch: Branch,
    /// `COUNTED`, with zeros.
    pub volunteers: Vec<StatusCount>,
    pub supervision: Compliance,
    /// `LISTED` with their counts, as the branch dashboard lists them.
    pub standings: Vec<(Standing, i64)>,
    pub numbers: YearNumbers,
}

/// A region's branches side by side.
#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    pub region: Region,
    pub branches: Vec<BranchFigures>,
    /// The statuses and standings in the rows' order, for the headings.
    pub statuses: Vec<VolunteerStatus>,
    pub listed: Vec<Standing>,
}

/// The regions a coordinator's start page names: those whose branches
/// they see side by side (every region for administrators), and the names
/// of their own, for "Regional koordinator: …".
#[derive(Debug, Default, Serialize)]
pub struct Overseen {
    pub regions: Vec<Region>,
    pub own_names: Vec<String>,
}

/// `Overseen`, within the start page's read: one query, and none for
/// those who oversee no region (most coordinators).
pub(super) fn overseen(c: &mut DbConnection, actor: &Account) -> QueryResult<Overseen> {
    let is_admin = actor.is_admin();
    let mine = &actor.regions;
    if !is_admin && mine.is_empty() {
        return Ok(Overseen::default());
    }
    let all = branches::regions(c)?;
    let own_names = all
        .iter()
        .filter(|r| mine.contains(&r.id))
        .map(|r| r.name.clone())
        .collect();
    Ok(Overseen {
        regions: all
            .into_iter()
            .filter(|r| is_admin || mine.contains(&r.id))
            .collect(),
        own_names,
    })
}

/// A region's branches with their dashboards' figures, for the region's
/// coordinators and administrators; evenings of the period `from`..`to`.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn region(
    app: &App,
    actor: &Account,
    region_id: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<RegionView, Error> {
    if !actor.oversees_region(region_id) {
        return Err(Error::Forbidden);
    }
    app.read(move |c| {
        let region = branches::region(c, region_id)?;
        let in_region: Vec<Branch> = branches::all(c)?
            .into_iter()
            .map(|b| b.branch)
            .filter(|b| b.region_id == region_id)
            .collect();
        let ids: Vec<i64> = in_region.iter().map(|b| b.id).collect();
        let counted = volunteers::counts_by_branch(c, &ids, &COUNTED)?;
        let standings = supervision::standings(c, Whose::Branches(&ids), at)?;
        let evenings = evenings::in_period_of(c, &ids, from, to)?;
        let branches = in_region
            .into_iter()
            .map(|branch| {
                let mine = of_branch(&counted, branch.id);
                let supervision = compliance(
                    standings
                        .iter()
                        .filter(|s| s.branch_id == branch.id)
                        .map(|s| s.standing),
                );
                let listed = LISTED
                    .iter()
                    .map(|&s| {
                        let n = supervision
                            .counts
                            .iter()
                            .find(|(c, _)| *c == s)
                            .map_or(0, |(_, n)| *n);
                        (s, n)
                    })
                    .collect();
                let numbers = year_numbers(
                    evenings
                        .iter()
                        .filter(|(b, _)| *b == branch.id)
                        .map(|(_, e)| (e.status == SessionStatus::Held, e.yes, e.present)),
                );
                BranchFigures {
                    volunteers: counts(&mine, &COUNTED),
                    supervision,
                    standings: listed,
                    numbers,
                    branch,
                }
            })
            .collect();
        Ok(RegionView {
            region,
            branches,
            statuses: COUNTED.to_vec(),
            listed: LISTED.to_vec(),
        })
    })
    .await
}
