use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::accounts;
use crate::domain::Lang;
use crate::error::AppError;
use crate::web::auth::safe_next;
use crate::web::lang::cookie;
use crate::web::page::redirect;
use crate::web::{Form, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Switch {
    lang: String,
    next: String,
}

/// Remembers the chosen language in a cookie, and on the account so that
/// emails follow the same choice.
pub async fn switch(page: Page, Form(form): Form<Switch>) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_tag(&form.lang)
        .ok_or_else(|| AppError::BadRequest("unknown language".into()))?;
    if let Some(account) = &page.account {
        accounts::set_language(&page.state.app, account.user.id, lang).await?;
    }
    let mut response = redirect(&safe_next(Some(&form.next)));
    response
        .add_cookie(&cookie(lang, page.state.settings.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}
