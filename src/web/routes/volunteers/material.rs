//! The preparation course's material, read in the site: for accepted
//! volunteers (with their own hours beside each module) and for the
//! coordinators and administrators who teach it.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::content::preparation::{self, ModuleText};
use crate::db::gate;
use crate::db::users::Account;
use crate::domain::volunteer::is_accepted;
use crate::error::AppError;
use crate::i18n::format;
use crate::web::{Page, SignedIn};

/// The volunteer's gate if the reader is a volunteer; refuses those who may
/// not read (applicants, declined, people who are neither volunteer nor
/// staff).
async fn reader(page: &Page, account: &Account) -> Result<Option<gate::Gate>, AppError> {
    let staff = account.is_admin() || !account.branches.is_empty();
    if account.volunteer_branch.is_none() {
        return if staff {
            Ok(None)
        } else {
            Err(AppError::Forbidden)
        };
    }
    let g = super::checklist::load(page, account.user.id).await?;
    if is_accepted(g.status) || staff {
        Ok(Some(g))
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    order: i32,
    title: &'a str,
    hours: String,
    done: Option<String>,
    complete: Option<bool>,
}

pub async fn index(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let g = reader(&page, &user).await?;
    let material = preparation::material()?;
    let entries: Vec<Entry> = material
        .modules()
        .iter()
        .map(|m| {
            let progress = g.as_ref().and_then(|g| {
                g.progress
                    .modules
                    .iter()
                    .find(|p| p.module.id == m.module.id)
            });
            Entry {
                id: &m.module.id,
                order: m.module.order,
                title: &m.module.title,
                hours: format::hours(page.lang, m.module.minutes),
                done: progress.map(|p| format::hours(page.lang, p.done_minutes)),
                complete: progress.map(|p| p.complete()),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("modules", &entries);
    ctx.insert(
        "total_hours",
        &format::hours(page.lang, material.curriculum.total_minutes()),
    );
    page.render("volunteers/material.html", ctx)
}

pub async fn module(
    user: SignedIn,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    reader(&page, &user).await?;
    let material = preparation::material()?;
    let id = path.into_inner();
    let modules = material.modules();
    let at = modules
        .iter()
        .position(|m| m.module.id == id)
        .ok_or(AppError::NotFound)?;
    let this: &ModuleText = &modules[at];
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| modules.get(i))
            .map(|m| (m.module.id.clone(), m.module.order, m.module.title.clone()))
    };
    let mut ctx = Context::new();
    ctx.insert("module", &this.module);
    ctx.insert("body", &this.html);
    ctx.insert("hours", &format::hours(page.lang, this.module.minutes));
    ctx.insert("previous", &neighbour(at.checked_sub(1)));
    ctx.insert("next", &neighbour(Some(at + 1)));
    page.render("volunteers/module.html", ctx)
}
