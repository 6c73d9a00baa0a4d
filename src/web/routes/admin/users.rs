use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::auth::token;
use crate::db::{branches, outbox, tokens, users};
use crate::domain::{EmailAddress, FieldErrors, Invalid, Role, names};
use crate::error::AppError;
use crate::mail::{Message, Recipient};
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: i64,
}

pub async fn list(
    _admin: Admin,
    page: Page,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let ListQuery { q, page: number } = query.into_inner();
    let search = q.clone();
    let (rows, total) = page
        .db()
        .run(move |c| Ok(users::search(c, &search, number)?))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("users", &rows);
    ctx.insert("total", &total);
    ctx.insert("q", &q);
    ctx.insert("page_number", &number);
    ctx.insert("has_next", &((number + 1) * users::PAGE_SIZE < total));
    page.render("admin/users.html", ctx)
}

pub async fn show(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (account, all_branches) = page
        .db()
        .run(move |c| {
            let account = users::load_account(c, id)?.ok_or(AppError::NotFound)?;
            Ok((account, branches::all(c)?))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("account", &account);
    ctx.insert("all_branches", &all_branches);
    page.render("admin/user.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    admin: Option<String>,
    branches: Vec<i64>,
}

/// Sets whether the user is an administrator and which branches they
/// coordinate. Newly added branches are announced to the user.
pub async fn set_roles(
    admin: Admin,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RolesForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let make_admin = form.admin.is_some();
    if id == admin.user.id && !make_admin {
        // The last door out of administration must not be closed by accident.
        page.flash("error", "flash-cannot-remove-own-admin");
        return Ok(redirect(&format!("/admin/brugere/{id}")));
    }
    let link = page.state.link("/koordinator");
    page.db()
        .transaction(move |conn| {
            let account = users::load_account(conn, id)?.ok_or(AppError::NotFound)?;
            if make_admin {
                users::grant_role(conn, id, Role::Admin)?;
            } else {
                users::revoke_role(conn, id, Role::Admin)?;
            }
            let mut wanted = form.branches.clone();
            wanted.sort_unstable();
            wanted.dedup();
            users::set_coordinator_branches(conn, id, &wanted)?;
            let added: Vec<i64> = wanted
                .iter()
                .copied()
                .filter(|b| !account.branches.contains(b))
                .collect();
            if !added.is_empty() {
                let names = branches::by_ids(conn, &added)?
                    .into_iter()
                    .map(|b| b.name)
                    .collect();
                outbox::enqueue(
                    conn,
                    &Recipient::from(&account.user),
                    &Message::CoordinatorAssigned {
                        link,
                        branches: names,
                    },
                )?;
            }
            Ok(())
        })
        .await?;
    page.flash("success", "flash-saved");
    Ok(redirect(&format!("/admin/brugere/{id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    active: String,
}

pub async fn set_status(
    admin: Admin,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let active = form.active == "1";
    if id == admin.user.id && !active {
        page.flash("error", "flash-cannot-deactivate-self");
        return Ok(redirect(&format!("/admin/brugere/{id}")));
    }
    page.db()
        .transaction(move |conn| {
            users::find(conn, id)?;
            Ok(users::set_active(conn, id, active)?)
        })
        .await?;
    page.flash(
        "success",
        if active {
            "flash-user-activated"
        } else {
            "flash-user-deactivated"
        },
    );
    Ok(redirect(&format!("/admin/brugere/{id}")))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
    branches: Vec<i64>,
}

async fn render_invite(
    page: &Page,
    form: &InviteForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let all = page.db().run(|c| Ok(branches::all(c)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("all_branches", &all);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("admin/invite.html", ctx)
    } else {
        page.render_invalid("admin/invite.html", ctx)
    }
}

pub async fn invite_form(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_invite(&page, &InviteForm::default(), &FieldErrors::new()).await
}

/// Invites a coordinator: a new account gets a link to choose a password;
/// an existing account is given the branches and told so.
pub async fn invite(
    _admin: Admin,
    page: Page,
    Form(form): Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", names::person_name(&form.name));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    if form.branches.is_empty() {
        errors.add("branches", Invalid("error-choose-branch"));
    }
    let (Some(name), Some(email), true) = (name, email, errors.is_empty()) else {
        return render_invite(&page, &form, &errors).await;
    };
    let wanted = form.branches.clone();
    let language = page.lang.code();
    let invite_base = page.state.link("/konto/invitation/");
    let coordinator_link = page.state.link("/koordinator");
    let user_id = page
        .db()
        .transaction(move |conn| {
            let chosen = branches::by_ids(conn, &wanted)?;
            if chosen.len() != wanted.len() {
                return Err(AppError::BadRequest("unknown branch".into()));
            }
            let names: Vec<String> = chosen.iter().map(|b| b.name.clone()).collect();
            let (user, message) = match users::find_by_email(conn, email.as_str())? {
                Some(existing) => {
                    let mut all = users::load_account(conn, existing.id)?
                        .map(|a| a.branches)
                        .unwrap_or_default();
                    all.extend(&wanted);
                    all.sort_unstable();
                    all.dedup();
                    users::set_coordinator_branches(conn, existing.id, &all)?;
                    let message = Message::CoordinatorAssigned {
                        link: coordinator_link,
                        branches: names,
                    };
                    (existing, message)
                }
                None => {
                    let id = users::create(
                        conn,
                        &users::NewUser {
                            email: email.as_str(),
                            name: &name,
                            phone: None,
                            password_hash: None,
                            verified: false,
                            language,
                        },
                    )?;
                    users::set_coordinator_branches(conn, id, &wanted)?;
                    let raw = token::generate();
                    tokens::store(conn, id, tokens::Purpose::Invitation, &token::digest(&raw))?;
                    let message = Message::Invitation {
                        link: format!("{invite_base}{raw}"),
                        branches: names,
                    };
                    (users::find(conn, id)?, message)
                }
            };
            outbox::enqueue(conn, &Recipient::from(&user), &message)?;
            Ok(user.id)
        })
        .await?;
    page.flash("success", "flash-invitation-sent");
    Ok(redirect(&format!("/admin/brugere/{user_id}")))
}
