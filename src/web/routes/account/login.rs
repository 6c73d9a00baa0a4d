use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::signin::{self, LogIn, SecondStep};
use crate::error::AppError;
use crate::web::auth::{client, current_session, safe_next};
use crate::web::page::redirect;
use crate::web::{Form, Page, device, session};

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
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let settings = &page.state.settings;
    let client = device::client_for(&page.req, settings, &form.email);
    let outcome = signin::log_in(&page.state.app, &form.email, &form.password, &client).await?;
    let (status, error) = match outcome {
        LogIn::SignedIn(started) => {
            session::sign_in(&session, &started);
            return Ok(signed_in(settings, &started, &form.next));
        }
        LogIn::CodeNeeded { user_id, epoch } => {
            session::await_code(&session, user_id, epoch, client.known_device);
            return Ok(redirect(&code_page(&form.next)));
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

/// Into the site, with the device cookie that keeps this browser apart
/// from strangers' failures next time.
fn signed_in(
    settings: &crate::config::Settings,
    started: &signin::Started,
    next: &str,
) -> HttpResponse {
    let mut response = redirect(&safe_next(Some(next)));
    // Only fails for a malformed cookie, which this is not.
    let _ = response.add_cookie(&device::cookie(settings, &started.email));
    response
}

fn code_page(next: &str) -> String {
    format!(
        "/log-ind/kode?{}",
        serde_urlencoded::to_string([("next", safe_next(Some(next)))]).unwrap_or_default()
    )
}

#[derive(Deserialize, Default, serde::Serialize)]
#[serde(default)]
pub struct CodeForm {
    #[serde(skip_serializing)]
    code: String,
    next: String,
}

/// The second step of a login: the code from the app.
pub async fn code_form(
    page: Page,
    session: Session,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, AppError> {
    if session::pending(&session).is_none() {
        return Ok(redirect("/log-ind"));
    }
    let mut ctx = Context::new();
    ctx.insert(
        "form",
        &CodeForm {
            next: query.next.clone().unwrap_or_default(),
            ..Default::default()
        },
    );
    page.render("account/login_code.html", ctx)
}

pub async fn code_submit(
    page: Page,
    session: Session,
    Form(form): Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = session::pending(&session) else {
        page.info("flash-login-start-again");
        return Ok(redirect("/log-ind"));
    };
    let settings = &page.state.settings;
    let client = signin::Client {
        known_device: pending.known_device,
        ..client(&page.req, settings.trust_proxy)
    };
    let outcome = signin::second_step(
        &page.state.app,
        pending.user_id,
        pending.epoch,
        pending.password_at,
        &form.code,
        &client,
    )
    .await?;
    let (status, error) = match outcome {
        SecondStep::SignedIn(started) => {
            session::sign_in(&session, &started);
            return Ok(signed_in(settings, &started, &form.next));
        }
        SecondStep::StartAgain => {
            session::sign_out(&session);
            page.info("flash-login-start-again");
            return Ok(redirect("/log-ind"));
        }
        SecondStep::Throttled => (StatusCode::TOO_MANY_REQUESTS, "error-login-throttled"),
        SecondStep::Wrong => (StatusCode::UNAUTHORIZED, "error-code-wrong"),
    };
    let mut ctx = Context::new();
    ctx.insert("form", &form);
    ctx.insert("error", error);
    page.render_status(status, "account/login_code.html", ctx)
}

/// Ends this session on the server, not just in this browser: a copy of
/// the cookie opens nothing afterwards.
pub async fn logout(page: Page, session: Session) -> Result<HttpResponse, AppError> {
    if let (Some(account), Some(current)) = (&page.account, current_session(&page.req).await?) {
        signin::log_out(&page.state.app, account.user.id, current.id).await?;
    }
    session::sign_out(&session);
    page.success("flash-logged-out");
    Ok(redirect("/"))
}
