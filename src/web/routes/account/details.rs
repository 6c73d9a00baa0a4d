//! Editing one's own name, phone and language (`/konto/oplysninger`), and
//! asking to change one's address (`/konto/e-mail`), which only happens when
//! the link sent to the new address is opened (`/konto/ny-email/{token}`).
//! A mistake sends the form back with what was typed and why; nothing is
//! saved until every field is right.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::accounts::{self, Details};
use crate::domain::{Code, EmailAddress, FieldErrors, Invalid, Lang, application, names};
use crate::error::AppError;
use crate::web::lang::cookie;
use crate::web::page::redirect;
use crate::web::{Form, FreshSignedIn, Page, SignedIn};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DetailsForm {
    name: String,
    phone: String,
    language: String,
}

impl DetailsForm {
    /// Every field checked in one pass. The phone may be left empty; a
    /// language the site does not have is a field error, not a failure.
    fn parse(&self) -> Result<Details, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", names::person_name(&self.name));
        let phone = errors.check(
            "phone",
            match self.phone.trim() {
                "" => Ok(None),
                typed => application::phone(typed).map(Some),
            },
        );
        let language = errors.check(
            "language",
            Lang::parse(self.language.trim()).ok_or(Invalid("error-language")),
        );
        match (name, phone, language) {
            (Some(name), Some(phone), Some(language)) => Ok(Details {
                name,
                phone,
                language,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct EmailForm {
    new_email: String,
}

/// The page's two forms, each with its own mistakes.
fn context(
    form: &DetailsForm,
    errors: &FieldErrors,
    email_form: &EmailForm,
    email_errors: &FieldErrors,
) -> Context {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("email_form", email_form);
    ctx.insert("email_errors", email_errors);
    ctx.insert("languages", Lang::ALL);
    ctx
}

/// The details form as the account has them now.
fn current(user: &SignedIn) -> DetailsForm {
    let u = &user.account().user;
    DetailsForm {
        name: u.name.clone(),
        phone: u.phone.clone().unwrap_or_default(),
        language: u.language.as_str().to_string(),
    }
}

pub async fn form(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let none = FieldErrors::new();
    let ctx = context(&current(&user), &none, &EmailForm::default(), &none);
    page.render("account/details.html", ctx)
}

pub async fn submit(
    user: SignedIn,
    page: Page,
    Form(form): Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let details = match form.parse() {
        Ok(details) => details,
        Err(errors) => {
            let ctx = context(&form, &errors, &EmailForm::default(), &FieldErrors::new());
            return page.render_invalid("account/details.html", ctx);
        }
    };
    let language = details.language;
    accounts::update_details(&page.state.app, user.account().user.id, details).await?;
    page.success("flash-details-saved");
    // The cookie is the visitor's explicit choice and wins over the
    // account's setting: set it too, or the page would stay in the old
    // language.
    let mut response = redirect("/konto");
    response
        .add_cookie(&cookie(language, page.state.settings.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// Sends the link that confirms a new address to that address. The page
/// says the same whether or not another account has it. Whoever controls
/// the address controls the account (password resets go there), so the
/// person proves who they are again first, as for a new second factor.
pub async fn change_email(
    user: FreshSignedIn,
    page: Page,
    Form(form): Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let parsed = errors.check("new_email", EmailAddress::parse(&form.new_email));
    let new = match parsed {
        Some(new) if new.as_str() == user.account().user.email => {
            errors.add("new_email", Invalid("error-email-unchanged"));
            None
        }
        other => other,
    };
    let Some(new) = new else {
        let ctx = context(&current(&user.0), &FieldErrors::new(), &form, &errors);
        return page.render_invalid("account/details.html", ctx);
    };
    accounts::request_email_change(&page.state.app, &user.account().user, new).await?;
    page.success("flash-email-change-sent");
    Ok(redirect("/konto"))
}

/// The link from the new address. It works without being signed in (it
/// may be opened on another device): the token is the proof.
pub async fn confirm_email(page: Page, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    if accounts::confirm_email_change(&page.state.app, &path.into_inner()).await? {
        page.success("flash-email-changed");
        let next = if page.account.is_some() {
            "/konto"
        } else {
            "/log-ind"
        };
        Ok(redirect(next))
    } else {
        page.render_status(
            StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        )
    }
}
