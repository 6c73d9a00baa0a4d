//! The confidentiality declaration: volunteers read and sign the required
//! version (full name typed, explicit confirmation); administrators require
//! a newer version of everyone.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::volunteers::declaration::{self, Required};
use crate::domain::declaration as rules;
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page, VolunteerUser};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct SignForm {
    name: String,
    confirm: String,
}

impl SignForm {
    /// The typed name, if it is the signer's and the box is ticked.
    fn parse(&self, signer: &str) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let typed = errors.check(
            "name",
            rules::signature(&self.name, signer, !self.confirm.is_empty()),
        );
        // The confirmation box has its own place on the page.
        if errors.get("name") == Some(Invalid("error-signature-confirm")) {
            errors = FieldErrors::new();
            errors.add("confirm", Invalid("error-signature-confirm"));
        }
        typed.ok_or(errors)
    }
}

async fn render(
    page: &Page,
    user_id: i64,
    form: &SignForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = declaration::signing_page(&page.state.app, user_id).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/declaration.html", ctx)
    } else {
        page.render_invalid("volunteers/declaration.html", ctx)
    }
}

pub async fn form(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let form = SignForm::default();
    render(&page, user.user.id, &form, &FieldErrors::new()).await
}

/// Signs the version required now. The last requirement met may activate
/// the volunteer, if their branch does that automatically.
pub async fn sign(
    user: VolunteerUser,
    page: Page,
    Form(form): Form<SignForm>,
) -> Result<HttpResponse, AppError> {
    let typed = match form.parse(&user.user.name) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, user.user.id, &form, &errors).await,
    };
    declaration::sign(&page.state.app, user.user.id, typed).await?;
    page.success("declaration-signed");
    Ok(redirect("/frivillig"))
}

pub async fn admin(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let view = declaration::admin_page(&page.state.app).await?;
    page.render(
        "volunteers/declaration_admin.html",
        Context::from_serialize(&view)?,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RequireForm {
    version: String,
}

/// Requires a newer version of everyone, active volunteers too: their
/// checklists show it until they sign.
pub async fn require(
    admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<RequireForm>,
) -> Result<HttpResponse, AppError> {
    let unknown = || AppError::BadRequest("unknown declaration version".into());
    let version = form.version.trim().parse::<i32>().map_err(|_| unknown())?;
    match declaration::require(&page.state.app, admin.account(), by, version).await? {
        Required::Done => page.success("declaration-required"),
        Required::NotNewer => page.error("declaration-not-newer"),
        Required::Unknown => return Err(unknown()),
    }
    Ok(redirect("/admin/tavshedserklaering"))
}
