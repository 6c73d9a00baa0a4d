//! The preparation course's modules and the confidentiality declaration's
//! versions as the site has them now: in the database, edited by
//! administrators, seeded from `course-material/` when the tables are
//! empty (a fresh database, the demo).
//!
//! Every use case reads them from the database, so that an edit on one
//! instance is seen by every other. The pages' curriculum (`current_curriculum`)
//! is kept by the rule of every cache here (`crate::cache`): never past a
//! write on this instance, at most a second past one on another. Every
//! volunteer's and coordinator's page counts hours against it, and it
//! changes when an administrator edits the material. A module's text is
//! turned into HTML only where a page shows it.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use diesel::Connection;
use serde::Serialize;

use super::audit::{self, Actor, Object};
use super::{App, Error};
use crate::cache::{Admit, FreshCache};
use crate::content::markdown_to_html;
use crate::content::preparation::{self, has_sections};
use crate::db::site_content::{self as rows, DeclarationRow, ModuleRow};
use crate::db::users::Account;
use crate::db::{Db, DbConnection, now};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::curriculum::{Curriculum, Module};
use crate::domain::{FieldErrors, Invalid, validation};

/// The files' modules and declarations as rows, for seeding (and for a
/// database that was never seeded, such as one a command-line tool opens
/// before the site has started on it).
fn from_files() -> Result<(Vec<ModuleRow>, Vec<DeclarationRow>), Error> {
    let material = preparation::material()?;
    let at = now();
    let modules = material
        .modules()
        .iter()
        .map(|m| ModuleRow {
            id: m.module.id.clone(),
            title: m.module.title.clone(),
            minutes: m.module.minutes,
            position: m.module.order,
            mandatory: m.module.mandatory,
            body: m.markdown.clone(),
            updated_at: at,
            updated_by: None,
        })
        .collect();
    let declarations = material
        .declarations()
        .iter()
        .map(|d| DeclarationRow {
            version: d.meta.version,
            title: d.meta.title.clone(),
            body: d.markdown.clone(),
            valid_from: d.meta.valid_from,
            published_at: d.meta.valid_from.and_hms_opt(12, 0, 0).unwrap_or(at),
            published_by: None,
        })
        .collect();
    Ok((modules, declarations))
}

/// Fills the empty tables from the files, inside the caller's transaction.
pub fn seed_if_empty(c: &mut DbConnection) -> Result<(), Error> {
    let (modules, declarations) = from_files()?;
    if rows::module_count(c)? == 0 {
        rows::insert_modules(c, &modules)?;
    }
    if rows::declaration_count(c)? == 0 {
        rows::insert_declarations(c, &declarations)?;
    }
    Ok(())
}

/// At start-up: seeds a fresh database. Instances starting together on
/// one database take turns (`lock_for_setup`).
pub fn seed(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.conn()?;
    conn.transaction::<_, anyhow::Error, _>(|c| {
        crate::db::lock_for_setup(c)?;
        seed_if_empty(c).map_err(|e| anyhow::anyhow!("{e:#}"))
    })
    .context("seeding the course material")
}

/// The modules with their texts (Markdown), in teaching order.
pub fn modules(c: &mut DbConnection) -> Result<Vec<ModuleRow>, Error> {
    let stored = rows::modules(c)?;
    if stored.is_empty() {
        return Ok(from_files()?.0);
    }
    Ok(stored)
}

/// A stored module as the curriculum has it.
pub fn module_of(row: &ModuleRow) -> Module {
    Module {
        id: row.id.clone(),
        title: row.title.clone(),
        order: row.position,
        minutes: row.minutes,
        mandatory: row.mandatory,
    }
}

/// The course as it stands now: the gate, cohorts and imports count hours
/// against it.
pub fn curriculum(c: &mut DbConnection) -> Result<Curriculum, Error> {
    let heads = rows::module_heads(c)?;
    if heads.is_empty() {
        return Ok(preparation::material()?.curriculum.clone());
    }
    let modules = heads
        .into_iter()
        .map(|(id, title, minutes, order, mandatory)| Module {
            id,
            title,
            order,
            minutes,
            mandatory,
        })
        .collect();
    Curriculum::new(modules).map_err(|e| Error::Internal(anyhow::anyhow!("curriculum: {e}")))
}

/// The curriculum lately read (`App::curriculum`).
pub struct Kept(FreshCache<(), Arc<Curriculum>>);

impl Default for Kept {
    fn default() -> Self {
        Kept(FreshCache::new(Duration::from_secs(1), 1))
    }
}

/// `curriculum` for a use case that passes it on: kept a second, and
/// read again after any write on this instance.
pub async fn current_curriculum(app: &App) -> Result<Arc<Curriculum>, Error> {
    let kept = &app.curriculum.0;
    if let Some(curriculum) = kept.get(&(), app.db.generation()) {
        return Ok(curriculum);
    }
    // Read before loading: a write meanwhile makes it out of date at once.
    let generation = app.db.generation();
    let curriculum = app.read(|c| curriculum(c).map(Arc::new)).await?;
    kept.put((), generation, curriculum.clone(), Admit::Shared);
    Ok(curriculum)
}

/// Every declaration version, oldest first.
pub fn declarations(c: &mut DbConnection) -> Result<Vec<DeclarationRow>, Error> {
    let stored = rows::declarations(c)?;
    if stored.is_empty() {
        return Ok(from_files()?.1);
    }
    Ok(stored)
}

/// One declaration version, exactly as published.
pub fn declaration(c: &mut DbConnection, version: i32) -> Result<Option<DeclarationRow>, Error> {
    Ok(declarations(c)?.into_iter().find(|d| d.version == version))
}

/// A module in the administrators' list.
#[derive(Debug, Serialize)]
pub struct ModuleEntry {
    pub id: String,
    pub order: i32,
    pub title: String,
    pub minutes: i32,
    pub mandatory: bool,
    pub updated_at: chrono::NaiveDateTime,
    /// Never edited in the site (still as in the files).
    pub from_files: bool,
}

#[tracing::instrument(skip(app))]
pub async fn module_list(app: &App) -> Result<Vec<ModuleEntry>, Error> {
    app.read(|c| {
        Ok(modules(c)?
            .into_iter()
            .map(|m| ModuleEntry {
                from_files: m.updated_by.is_none(),
                id: m.id,
                order: m.position,
                title: m.title,
                minutes: m.minutes,
                mandatory: m.mandatory,
                updated_at: m.updated_at,
            })
            .collect())
    })
    .await
}

/// A module as its edit form starts.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleSource {
    pub id: String,
    pub order: i32,
    pub title: String,
    pub minutes: i32,
    pub body: String,
}

#[tracing::instrument(skip(app))]
pub async fn module_source(app: &App, id: String) -> Result<ModuleSource, Error> {
    app.read(move |c| {
        let m = modules(c)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(Error::NotFound)?;
        Ok(ModuleSource {
            order: m.position,
            title: m.title,
            minutes: m.minutes,
            body: m.body,
            id: m.id,
        })
    })
    .await
}

/// A module as an administrator saves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleEdit {
    pub title: String,
    pub minutes: i32,
    /// Markdown with the four sections (`preparation::SECTIONS`).
    pub body: String,
}

/// Longest module text, in characters: the longest file is about a third
/// of this, and even in æ, ø and å it stays within the form limit.
pub const BODY_MAX: usize = 40_000;

impl ModuleEdit {
    pub fn check(
        title: &str,
        hours: &str,
        body: &str,
        errors: &mut FieldErrors,
    ) -> Option<ModuleEdit> {
        let title = errors.check("title", validation::required_text(title, 200));
        let minutes = errors.check("hours", crate::domain::curriculum::module_minutes(hours));
        let body = errors.check(
            "body",
            validation::required_text(body, BODY_MAX).and_then(|b| {
                if has_sections(&b) {
                    Ok(b)
                } else {
                    Err(Invalid("error-module-sections"))
                }
            }),
        );
        Some(ModuleEdit {
            title: title?,
            minutes: minutes?,
            body: body?,
        })
    }
}

/// Markdown as the site will show it (safe HTML), for a preview.
pub fn preview(markdown: &str) -> String {
    markdown_to_html(markdown)
}

/// Saves a module's title, hours and text. Changed hours count at once:
/// everyone's progress is measured against them from now on.
#[tracing::instrument(skip(app, actor, edit), fields(actor = actor.user.id))]
pub async fn save_module(
    app: &App,
    actor: &Account,
    who: Actor,
    id: String,
    edit: ModuleEdit,
) -> Result<(), Error> {
    let by = actor.user.id;
    app.write(move |c| {
        seed_if_empty(c)?;
        let before = rows::modules(c)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(Error::NotFound)?;
        rows::update_module(c, &id, &edit.title, edit.minutes, &edit.body, by)?;
        if before.minutes != edit.minutes {
            // Everyone in training is measured against the new hours: the
            // pipeline's stored readiness (`volunteers::readiness`).
            let everyone = crate::db::gate::in_pipeline(c, None)?;
            let now = curriculum(c)?;
            crate::db::gate::refresh(c, &now, &everyone)?;
        }
        let mut changed = Vec::new();
        if before.title != edit.title {
            changed.push(format!("titel: {}", edit.title));
        }
        if before.minutes != edit.minutes {
            changed.push(format!(
                "timer: {} → {}",
                hours(before.minutes),
                hours(edit.minutes)
            ));
        }
        if before.body != edit.body {
            changed.push("tekst".to_string());
        }
        let detail = if changed.is_empty() {
            "uændret".to_string()
        } else {
            changed.join(", ")
        };
        let object = Object::whole(ObjectKind::CourseModule).labelled(id.as_str());
        audit::record(c, &who, Action::CourseModuleEdited, &object, Some(&detail))?;
        Ok(())
    })
    .await
}

/// Minutes as the audit log's Danish note writes hours: "2,5".
fn hours(minutes: i32) -> String {
    let whole = minutes / 60;
    match minutes % 60 {
        0 => whole.to_string(),
        15 => format!("{whole},25"),
        30 => format!("{whole},5"),
        45 => format!("{whole},75"),
        rest => format!("{whole} t {rest} min"),
    }
}
