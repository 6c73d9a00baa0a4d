//! A coordinator's or administrator's choice of emails about their tasks
//! (`/konto/notifikationer`): the digest daily, weekly or never, and
//! whether new applications, bookings and supervision requests are sent at
//! once. Their own setting, so not in the audit log.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::tasks::{self, ChoiceView};
use crate::domain::tasks::DigestFrequency;
use crate::domain::{Code, FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ChoiceForm {
    digest: String,
    /// A checkbox: present when ticked.
    immediate: Option<String>,
}

impl ChoiceForm {
    fn parse(&self) -> Result<(DigestFrequency, bool), FieldErrors> {
        let mut errors = FieldErrors::new();
        let digest = errors.check(
            "digest",
            DigestFrequency::parse(self.digest.trim()).ok_or(Invalid("error-choose")),
        );
        match digest {
            Some(digest) => Ok((digest, self.immediate.is_some())),
            None => Err(errors),
        }
    }
}

fn context(form: &ChoiceForm, errors: &FieldErrors) -> Context {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("frequencies", DigestFrequency::ALL);
    ctx
}

pub async fn form(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let ChoiceView { digest, immediate } = tasks::choice(&page.state.app, user.account()).await?;
    let form = ChoiceForm {
        digest: digest.as_str().to_string(),
        immediate: immediate.then(|| "on".to_string()),
    };
    page.render(
        "account/notifications.html",
        context(&form, &FieldErrors::new()),
    )
}

pub async fn submit(
    user: CoordinatorUser,
    page: Page,
    Form(form): Form<ChoiceForm>,
) -> Result<HttpResponse, AppError> {
    let (digest, immediate) = match form.parse() {
        Ok(choice) => choice,
        Err(errors) => {
            return page.render_invalid("account/notifications.html", context(&form, &errors));
        }
    };
    tasks::save_choice(&page.state.app, user.account(), digest, immediate).await?;
    page.success("flash-notifications-saved");
    Ok(redirect("/koordinator"))
}
