//! Editing one's own name, phone and language (`/konto/oplysninger`). A
//! mistake sends the form back with what was typed and why; nothing is
//! saved until every field is right.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::accounts::{self, Details};
use crate::domain::{Code, FieldErrors, Invalid, Lang, application, names};
use crate::error::AppError;
use crate::web::lang::cookie;
use crate::web::page::redirect;
use crate::web::{Form, Page, SignedIn};

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

fn context(form: &DetailsForm, errors: &FieldErrors) -> Context {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("languages", Lang::ALL);
    ctx
}

pub async fn form(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let u = &user.account().user;
    let form = DetailsForm {
        name: u.name.clone(),
        phone: u.phone.clone().unwrap_or_default(),
        language: u.language.as_str().to_string(),
    };
    page.render("account/details.html", context(&form, &FieldErrors::new()))
}

pub async fn submit(
    user: SignedIn,
    page: Page,
    Form(form): Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let details = match form.parse() {
        Ok(details) => details,
        Err(errors) => return page.render_invalid("account/details.html", context(&form, &errors)),
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
