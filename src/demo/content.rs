//! The demo's content edited in the site: the administrator has added a
//! note to module 5 (Tavshedspligt og etik), so that the module list shows
//! an edit and the audit log its row. The hours stay as they were, so no
//! demo volunteer's progress moves; the declaration keeps the files'
//! versions 1 and 2, with version 1 required, as the demo's signatures
//! expect.

use anyhow::{Context as _, anyhow};

use crate::app::audit::{self, Actor, Object};
use crate::db::{DbConnection, site_content, users};
use crate::domain::audit::{Action, ObjectKind};

const NOTE: &str = "> Nyt i år: Husk, at beskeder fra den, du følges med, \
hører under tavshedspligten, også når de står på din egen telefon. Slet dem, \
når brobygningen er slut.\n\n";

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    crate::app::site_content::seed_if_empty(conn).map_err(|e| anyhow!("{e:#}"))?;
    let admin = users::find_by_email(conn, "admin@brobyg.test")?
        .context("demo account admin@brobyg.test")?
        .id;
    let modules = site_content::modules(conn)?;
    let Some(module) = modules.iter().find(|m| m.position == 5) else {
        return Ok(());
    };
    let body = module
        .body
        .replacen("## Indhold\n\n", &format!("## Indhold\n\n{NOTE}"), 1);
    site_content::update_module(
        conn,
        &module.id,
        &module.title,
        module.minutes,
        &body,
        admin,
    )?;
    let object = Object::whole(ObjectKind::CourseModule).labelled(module.id.as_str());
    audit::record(
        conn,
        &Actor::new(admin, "127.0.0.1"),
        Action::CourseModuleEdited,
        &object,
        Some("tekst"),
    )?;
    Ok(())
}
