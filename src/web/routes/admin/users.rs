use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::admin::{self, Invite, Roles};
use crate::app::audit::Actor;
use crate::db::users::PAGE_SIZE;
use crate::domain::{EmailAddress, FieldErrors, Invalid, Lang, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, FreshAdmin, Page};

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
    let (rows, total) = admin::search_users(&page.state.app, &q, number).await?;
    let mut ctx = Context::new();
    ctx.insert("users", &rows);
    ctx.insert("total", &total);
    ctx.insert("q", &q);
    ctx.insert("page_number", &number);
    ctx.insert("has_next", &((number + 1) * PAGE_SIZE < total));
    page.render("admin/users.html", ctx)
}

pub async fn show(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let user = admin::user(&page.state.app, path.into_inner()).await?;
    let mut ctx = Context::new();
    ctx.insert("account", &user.account);
    ctx.insert("all_branches", &user.all_branches);
    ctx.insert("all_regions", &user.all_regions);
    ctx.insert("own_branches", &user.own_branches);
    ctx.insert("own_regions", &user.own_regions);
    ctx.insert("region_names", &user.region_names);
    ctx.insert("second_factor", &user.second_factor);
    ctx.insert("has_password", &user.has_password);
    page.render("admin/user.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    admin: Option<String>,
    branches: Vec<i64>,
    regions: Vec<i64>,
}

/// Sets whether the user is an administrator, which branches they
/// coordinate and which regions as a whole. Newly covered branches are
/// announced to the user.
pub async fn set_roles(
    admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RolesForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = admin::set_roles(
        &page.state.app,
        &admin,
        by,
        id,
        Roles {
            admin: form.admin.is_some(),
            branch_ids: form.branches,
            region_ids: form.regions,
        },
    )
    .await?;
    match result {
        Ok(()) => page.success("flash-saved"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&format!("/admin/brugere/{id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    active: String,
}

pub async fn set_status(
    admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let active = form.active == "1";
    match admin::set_active(&page.state.app, &admin, by, id, active).await? {
        Ok(()) if active => page.success("flash-user-activated"),
        Ok(()) => page.success("flash-user-deactivated"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&format!("/admin/brugere/{id}")))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
    branches: Vec<i64>,
}

impl InviteForm {
    fn parse(&self, language: Lang) -> Result<Invite, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", names::person_name(&self.name));
        let email = errors.check("email", EmailAddress::parse(&self.email));
        if self.branches.is_empty() {
            errors.add("branches", Invalid("error-choose-branch"));
        }
        match (name, email) {
            (Some(name), Some(email)) if errors.is_empty() => Ok(Invite {
                name,
                email,
                branch_ids: self.branches.clone(),
                language,
            }),
            _ => Err(errors),
        }
    }
}

async fn render_invite(
    page: &Page,
    form: &InviteForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("all_branches", &admin::all_branches(&page.state.app).await?);
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
    by: Actor,
    page: Page,
    Form(form): Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let invite = match form.parse(page.lang) {
        Ok(invite) => invite,
        Err(errors) => return render_invite(&page, &form, &errors).await,
    };
    let user_id = admin::invite(&page.state.app, by, invite).await?;
    page.success("flash-invitation-sent");
    Ok(redirect(&format!("/admin/brugere/{user_id}")))
}

/// Removes a user's second factor (a lost phone): they set up a new one at
/// their next login. Asks the administrator to prove who they are first.
pub async fn reset_second_factor(
    admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if crate::app::two_factor::reset_for(&page.state.app, &admin, by, id).await? {
        page.success("flash-second-factor-reset");
    } else {
        page.info("flash-second-factor-none");
    }
    Ok(redirect(&format!("/admin/brugere/{id}")))
}
