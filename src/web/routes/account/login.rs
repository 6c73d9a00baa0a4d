use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::accounts::{self, LogIn};
use crate::error::AppError;
use crate::web::auth::safe_next;
use crate::web::page::redirect;
use crate::web::{Form, Page, session};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default, serde::Serialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    #[serde(skip_serializing)]
    password: String,
    next: String,
}

pub async fn form(page: Page, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    if page.account.is_some() {
        return Ok(redirect(&safe_next(query.next.as_deref())));
    }
    let mut ctx = Context::new();
    ctx.insert(
        "form",
        &LoginForm {
            next: query.next.clone().unwrap_or_default(),
            ..Default::default()
        },
    );
    page.render("account/login.html", ctx)
}

pub async fn submit(
    page: Page,
    req: HttpRequest,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let client = client_ip(&req, page.state.settings.trust_proxy);
    let outcome = accounts::log_in(&page.state.app, &form.email, &form.password, &client).await?;
    let (status, error) = match outcome {
        LogIn::SignedIn { user_id, epoch } => {
            session::sign_in(&session, user_id, epoch);
            return Ok(redirect(&safe_next(Some(&form.next))));
        }
        LogIn::Throttled => (StatusCode::TOO_MANY_REQUESTS, "error-login-throttled"),
        LogIn::Failed => (StatusCode::UNAUTHORIZED, "error-login-failed"),
        LogIn::Unverified => (StatusCode::FORBIDDEN, "error-login-unverified"),
        LogIn::Deactivated => (StatusCode::FORBIDDEN, "error-login-deactivated"),
    };
    let mut ctx = Context::new();
    ctx.insert("form", &form);
    ctx.insert("error", error);
    page.render_status(status, "account/login.html", ctx)
}

pub async fn logout(page: Page, session: Session) -> HttpResponse {
    session::sign_out(&session);
    page.success("flash-logged-out");
    redirect("/")
}

// The client's address moved to `web::client`, which the audit log uses too.
pub(super) use crate::web::client::client_ip;
