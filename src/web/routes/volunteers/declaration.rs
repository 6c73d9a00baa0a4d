//! The confidentiality declaration: volunteers read and sign the required
//! version (full name typed, explicit confirmation); administrators require
//! a newer version of everyone.

use actix_web::HttpResponse;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::content::preparation;
use crate::db::{activation, declarations, volunteers};
use crate::domain::declaration as rules;
use crate::domain::volunteer::VolunteerStatus;
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

#[derive(Serialize)]
struct Signed {
    version: i32,
    signed_at: NaiveDateTime,
    typed_name: String,
}

/// Those who may sign: any volunteer on the path, not the declined or
/// those who have left.
async fn signer(page: &Page, user_id: i64) -> Result<(i32, Vec<Signed>), AppError> {
    page.db()
        .run(move |c| {
            let v = volunteers::find(c, user_id)?.ok_or(AppError::Forbidden)?;
            if matches!(
                VolunteerStatus::parse(&v.status),
                Some(VolunteerStatus::Rejected | VolunteerStatus::Alumni) | None
            ) {
                return Err(AppError::Forbidden);
            }
            let required = declarations::required_version(c)?;
            let signed = declarations::of_many(c, &[user_id])?
                .remove(&user_id)
                .unwrap_or_default()
                .into_iter()
                .map(|s| Signed {
                    version: s.version,
                    signed_at: s.signed_at,
                    typed_name: s.typed_name,
                })
                .collect();
            Ok((required, signed))
        })
        .await
}

async fn render(
    page: &Page,
    user_id: i64,
    form: &SignForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let (required, signed) = signer(page, user_id).await?;
    let material = preparation::material()?;
    let text = material
        .declaration(required)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("declaration {required} missing")))?;
    let current = signed.iter().find(|s| s.version >= required);
    let mut ctx = Context::new();
    ctx.insert("declaration", &text.meta);
    ctx.insert("text", &text.html);
    ctx.insert("signed", &current);
    ctx.insert(
        "earlier",
        &signed
            .iter()
            .filter(|s| s.version < required)
            .collect::<Vec<_>>(),
    );
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if invalid {
        page.render_invalid("volunteers/declaration.html", ctx)
    } else {
        page.render("volunteers/declaration.html", ctx)
    }
}

pub async fn form(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let form = SignForm::default();
    render(&page, user.user.id, &form, &FieldErrors::new(), false).await
}

/// Signs the version required now. The last requirement met may activate
/// the volunteer, if their branch does that automatically.
pub async fn sign(
    user: VolunteerUser,
    page: Page,
    Form(form): Form<SignForm>,
) -> Result<HttpResponse, AppError> {
    let user_id = user.user.id;
    let (required, _) = signer(&page, user_id).await?;
    let mut errors = FieldErrors::new();
    let typed = errors.check(
        "name",
        rules::signature(&form.name, &user.user.name, !form.confirm.is_empty()),
    );
    let Some(typed) = typed else {
        // The confirmation box has its own place on the page.
        if errors.get("name") == Some(Invalid("error-signature-confirm")) {
            let mut moved = FieldErrors::new();
            moved.add("confirm", Invalid("error-signature-confirm"));
            errors = moved;
        }
        return render(&page, user_id, &form, &errors, true).await;
    };
    let material = preparation::material()?;
    let base = page.state.settings.base_url().to_string();
    page.db()
        .transaction(move |c| {
            declarations::sign(c, user_id, required, &typed)?;
            activation::activate_if_automatic(c, &material.curriculum, user_id, &base)?;
            Ok(())
        })
        .await?;
    page.flash("success", "declaration-signed");
    Ok(redirect("/frivillig"))
}

#[derive(Serialize)]
struct VersionRow<'a> {
    version: i32,
    title: &'a str,
    valid_from: Option<NaiveDateTime>,
    required: bool,
    can_require: bool,
}

pub async fn admin(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let (required, since) = page
        .db()
        .run(|c| {
            Ok((
                declarations::required_version(c)?,
                declarations::required_since(c)?,
            ))
        })
        .await?;
    let material = preparation::material()?;
    let versions: Vec<VersionRow> = material
        .declarations()
        .iter()
        .map(|d| VersionRow {
            version: d.meta.version,
            title: &d.meta.title,
            valid_from: super::noon(d.meta.valid_from),
            required: d.meta.version == required,
            can_require: d.meta.version > required,
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("versions", &versions);
    ctx.insert("required", &required);
    ctx.insert("since", &since.map(|(_, at)| at));
    page.render("volunteers/declaration_admin.html", ctx)
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
    page: Page,
    Form(form): Form<RequireForm>,
) -> Result<HttpResponse, AppError> {
    let material = preparation::material()?;
    let Some(version) = form
        .version
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|v| material.declaration(*v).is_some())
    else {
        return Err(AppError::BadRequest("unknown declaration version".into()));
    };
    let by = admin.user.id;
    let done = page
        .db()
        .transaction(move |c| Ok(declarations::require(c, version, by)?))
        .await?;
    if done {
        page.flash("success", "declaration-required");
    } else {
        page.flash("error", "declaration-not-newer");
    }
    Ok(redirect("/admin/tavshedserklaering"))
}
