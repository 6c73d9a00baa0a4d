//! The preparation course's material as read in the site: by accepted
//! volunteers (with their own hours beside each module) and by the
//! coordinators and administrators who teach it.

use serde::Serialize;

use super::{App, Error, curriculum};
use crate::app::site_content;
use crate::content::markdown_to_html;
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
    let curriculum = curriculum(app).await?;
    let user_id = account.user.id;
    let g = app
        .read(move |c| Ok(gate::volunteer_gate(c, &curriculum, user_id)?))
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
    pub id: String,
    pub order: i32,
    pub title: String,
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
    let curriculum = curriculum(app).await?;
    let modules = curriculum
        .modules()
        .iter()
        .map(|m| {
            let done = progress
                .as_ref()
                .and_then(|p| p.modules.iter().find(|p| p.module.id == m.id));
            Entry {
                id: m.id.clone(),
                order: m.order,
                title: m.title.clone(),
                minutes: m.minutes,
                done_minutes: done.map(|p| p.done_minutes),
                complete: done.map(|p| p.complete()),
            }
        })
        .collect();
    Ok(Index {
        modules,
        total_minutes: curriculum.total_minutes(),
    })
}

/// A neighbouring module: id, order and title.
type Neighbour = (String, i32, String);

/// One module's text, with the modules before and after it.
#[derive(Debug, Serialize)]
pub struct ModulePage {
    pub module: Module,
    /// Safe HTML.
    pub body: String,
    pub previous: Option<Neighbour>,
    pub next: Option<Neighbour>,
}

#[tracing::instrument(skip(app, account), fields(account = account.user.id))]
pub async fn module(app: &App, account: &Account, id: &str) -> Result<ModulePage, Error> {
    reader(app, account).await?;
    let modules = app.read(site_content::modules).await?;
    let at = modules
        .iter()
        .position(|m| m.id == id)
        .ok_or(Error::NotFound)?;
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| modules.get(i))
            .map(|m| (m.id.clone(), m.position, m.title.clone()))
    };
    let m = &modules[at];
    Ok(ModulePage {
        module: site_content::module_of(m),
        body: markdown_to_html(&m.body),
        previous: neighbour(at.checked_sub(1)),
        next: neighbour(Some(at + 1)),
    })
}
