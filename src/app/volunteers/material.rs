//! The preparation course's material as read in the site: by accepted
//! volunteers (with their own hours beside each module) and by the
//! coordinators and administrators who teach it.

use serde::Serialize;

use super::{App, Error, curriculum, material};
use crate::db::gate;
use crate::db::users::Account;
use crate::domain::curriculum::{Module, Progress};
use crate::domain::volunteer::is_accepted;

/// The reader's progress if they are a volunteer; refuses those who may
/// not read (applicants, the declined, people who are neither volunteer
/// nor staff).
async fn reader(app: &App, account: &Account) -> Result<Option<Progress>, Error> {
    let staff = account.is_admin() || !account.branches.is_empty();
    if account.volunteer_branch.is_none() {
        return if staff {
            Ok(None)
        } else {
            Err(Error::Forbidden)
        };
    }
    let curriculum = curriculum()?;
    let user_id = account.user.id;
    let g = app
        .read(move |c| Ok(gate::volunteer_gate(c, curriculum, user_id)?))
        .await?;
    if is_accepted(g.status) || staff {
        Ok(Some(g.progress))
    } else {
        Err(Error::Forbidden)
    }
}

/// One module in the list, with the reader's hours if they are a
/// volunteer.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: &'static str,
    pub order: i32,
    pub title: &'static str,
    pub minutes: i32,
    pub done_minutes: Option<i32>,
    pub complete: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct Index {
    pub modules: Vec<Entry>,
    pub total_minutes: i32,
}

#[tracing::instrument(skip(app, account), fields(account = account.user.id))]
pub async fn index(app: &App, account: &Account) -> Result<Index, Error> {
    let progress = reader(app, account).await?;
    let material = material()?;
    let modules = material
        .modules()
        .iter()
        .map(|m| {
            let done = progress
                .as_ref()
                .and_then(|p| p.modules.iter().find(|p| p.module.id == m.module.id));
            Entry {
                id: &m.module.id,
                order: m.module.order,
                title: &m.module.title,
                minutes: m.module.minutes,
                done_minutes: done.map(|p| p.done_minutes),
                complete: done.map(|p| p.complete()),
            }
        })
        .collect();
    Ok(Index {
        modules,
        total_minutes: material.curriculum.total_minutes(),
    })
}

/// A neighbouring module: id, order and title.
type Neighbour = (&'static str, i32, &'static str);

/// One module's text, with the modules before and after it.
#[derive(Debug, Serialize)]
pub struct ModulePage {
    pub module: &'static Module,
    /// Safe HTML.
    pub body: &'static str,
    pub previous: Option<Neighbour>,
    pub next: Option<Neighbour>,
}

#[tracing::instrument(skip(app, account), fields(account = account.user.id))]
pub async fn module(app: &App, account: &Account, id: &str) -> Result<ModulePage, Error> {
    reader(app, account).await?;
    let modules = material()?.modules();
    let at = modules
        .iter()
        .position(|m| m.module.id == id)
        .ok_or(Error::NotFound)?;
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| modules.get(i)).map(|m| {
            (
                m.module.id.as_str(),
                m.module.order,
                m.module.title.as_str(),
            )
        })
    };
    Ok(ModulePage {
        module: &modules[at].module,
        body: &modules[at].html,
        previous: neighbour(at.checked_sub(1)),
        next: neighbour(Some(at + 1)),
    })
}
