//! The confidentiality declaration: volunteers read and sign the required
//! version (full name typed, explicit confirmation) and read again what
//! they signed; coordinators read what a volunteer signed; administrators
//! write and publish new versions (with a preview) and require one of
//! everyone with a deadline.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::site_content;
use crate::app::volunteers::declaration::{self, NewVersion, Required};
use crate::domain::declaration as rules;
use crate::domain::validation::required_text;
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, CoordinatorUser, Form, Page, VolunteerUser};

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

/// A version the volunteer signed, exactly as they signed it.
pub async fn own_signed(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let view = declaration::own_signed(&page.state.app, user.user.id, path.into_inner()).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert("back", "/frivillig/tavshedserklaering");
    page.render("volunteers/declaration_signed.html", ctx)
}

/// A version a volunteer of the coordinator's branch signed.
pub async fn signed_of(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, AppError> {
    let (user_id, version) = path.into_inner();
    let view =
        declaration::signed_of(&page.state.app, user.account(), by, user_id, version).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert("back", &format!("/koordinator/brobyggere/{user_id}"));
    page.render("volunteers/declaration_signed.html", ctx)
}

/// The new-version form as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct NewForm {
    title: String,
    body: String,
    require: String,
    deadline: String,
    /// Which button: "preview" or "publish".
    action: String,
}

impl NewForm {
    fn parse(&self) -> Result<NewVersion, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", required_text(&self.title, 200));
        let body = errors.check("body", required_text(&self.body, site_content::BODY_MAX));
        let require_until = if self.require.is_empty() {
            Some(None)
        } else {
            errors
                .check("deadline", rules::deadline(&self.deadline, today()))
                .map(Some)
        };
        match (title, body, require_until) {
            (Some(title), Some(body), Some(require_until)) if errors.is_empty() => Ok(NewVersion {
                title,
                body,
                require_until,
            }),
            _ => Err(errors),
        }
    }
}

/// The deadline form beside a published version.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct RequireForm {
    version: String,
    deadline: String,
}

fn today() -> chrono::NaiveDate {
    crate::domain::time::local(crate::db::now()).date_naive()
}

/// The administrators' page, with the forms as typed and their mistakes.
async fn render_admin(
    page: &Page,
    new: Option<&NewForm>,
    errors: &FieldErrors,
    require: Option<&RequireForm>,
    preview: Option<String>,
) -> Result<HttpResponse, AppError> {
    let view = declaration::admin_page(&page.state.app).await?;
    let mut ctx = Context::from_serialize(&view)?;
    let default_deadline = view.default_deadline.format("%Y-%m-%d").to_string();
    let new = new.cloned().unwrap_or_else(|| NewForm {
        deadline: default_deadline.clone(),
        require: "on".into(),
        ..NewForm::default()
    });
    let require = require.cloned().unwrap_or_else(|| RequireForm {
        deadline: default_deadline,
        ..RequireForm::default()
    });
    ctx.insert("new", &new);
    ctx.insert("require", &require);
    ctx.insert("errors", errors);
    ctx.insert("preview", &preview);
    if errors.is_empty() {
        page.render("volunteers/declaration_admin.html", ctx)
    } else {
        page.render_invalid("volunteers/declaration_admin.html", ctx)
    }
}

pub async fn admin(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_admin(&page, None, &FieldErrors::new(), None, None).await
}

/// Requires a published newer version of everyone, with a deadline:
/// everyone who must sign it is emailed; active volunteers keep working
/// until the deadline.
pub async fn require(
    admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<RequireForm>,
) -> Result<HttpResponse, AppError> {
    let unknown = || AppError::BadRequest("unknown declaration version".into());
    let version = form.version.trim().parse::<i32>().map_err(|_| unknown())?;
    let mut errors = FieldErrors::new();
    let Some(deadline) = errors.check("require_deadline", rules::deadline(&form.deadline, today()))
    else {
        return render_admin(&page, None, &errors, Some(&form), None).await;
    };
    match declaration::require(&page.state.app, admin.account(), by, version, deadline).await? {
        Required::Done(_) => {
            page.success("declaration-required");
            Ok(redirect("/admin/tavshedserklaering"))
        }
        Required::NotNewer => {
            errors.add("require_deadline", Invalid("declaration-not-newer"));
            render_admin(&page, None, &errors, Some(&form), None).await
        }
        Required::Unknown => Err(unknown()),
    }
}

/// Writes a new version: "Forhåndsvis" shows the text as volunteers will
/// read it under the form, with nothing saved; "Offentliggør" publishes it
/// (and, if ticked, requires it of everyone with the deadline).
pub async fn publish(
    admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<NewForm>,
) -> Result<HttpResponse, AppError> {
    let new = match form.parse() {
        Ok(valid) => valid,
        Err(errors) => {
            let preview = (form.action == "preview").then(|| site_content::preview(&form.body));
            return render_admin(&page, Some(&form), &errors, None, preview).await;
        }
    };
    if form.action != "publish" {
        let preview = Some(site_content::preview(&new.body));
        return render_admin(&page, Some(&form), &FieldErrors::new(), None, preview).await;
    }
    declaration::publish(&page.state.app, admin.account(), by, new).await?;
    page.success("declaration-published");
    Ok(redirect("/admin/tavshedserklaering"))
}
