//! One's sessions and second factor, and proving who one is again before a
//! sensitive action.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::signin::{self, Reproof};
use crate::app::two_factor::{self, NotRemoved};
use crate::domain::second_factor;
use crate::error::AppError;
use crate::web::auth::safe_next;
use crate::web::page::redirect;
use crate::web::{Form, FreshSignedIn, Page, SignedIn, device, qr, session};

/// Ends one of one's other sessions (a lost phone, a shared computer).
pub async fn end_session(
    user: SignedIn,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    if !signin::end_session(&page.state.app, user.user.id, path.into_inner()).await? {
        return Err(AppError::NotFound);
    }
    page.success("flash-session-ended");
    Ok(redirect("/konto#sessioner"))
}

/// Ends every session of the account, this one too.
pub async fn log_out_everywhere(
    user: SignedIn,
    page: Page,
    session: Session,
) -> Result<HttpResponse, AppError> {
    signin::log_out_everywhere(&page.state.app, user.user.id).await?;
    session::sign_out(&session);
    page.success("flash-logged-out-everywhere");
    Ok(redirect("/"))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: Option<String>,
}

/// The second factor: its state, or its set-up (QR code, secret, one code
/// to confirm) while there is none or a new one is being set up.
pub async fn two_factor_page(
    user: SignedIn,
    page: Page,
    session: Session,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let status = two_factor::status(&page.state.app, user.user.id).await?;
    let mut ctx = Context::new();
    ctx.insert("next", &query.next.as_deref().map(|n| safe_next(Some(n))));
    ctx.insert("status", &status);
    ctx.insert(
        "required",
        &two_factor::required_for(&page.state.settings, user.account()),
    );
    let setup = match session::setup_secret(&session) {
        Some(secret) => Some(secret),
        None if !status.enabled => {
            let secret = second_factor::new_secret();
            session::set_setup_secret(&session, Some(&secret));
            Some(secret)
        }
        None => None,
    };
    if let Some(secret) = setup {
        insert_setup(&mut ctx, &secret, &user.user.email);
    }
    page.render("account/two_factor.html", ctx)
}

fn insert_setup(ctx: &mut Context, secret: &str, email: &str) {
    let url = second_factor::setup_url(secret, email).unwrap_or_default();
    ctx.insert("qr_svg", &qr::svg(&url).unwrap_or_default());
    ctx.insert("otpauth_url", &url);
    // In groups of four, as people type it into an app.
    let grouped: Vec<String> = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    ctx.insert("secret", &grouped.join(" "));
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    code: String,
    next: String,
}

/// Confirms the set-up with a first code, then shows the recovery codes
/// once.
pub async fn two_factor_confirm(
    user: SignedIn,
    page: Page,
    session: Session,
    Form(form): Form<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let Some(secret) = session::setup_secret(&session) else {
        return Ok(redirect("/konto/totrinslogin"));
    };
    let confirmed = two_factor::confirm(
        &page.state.app,
        user.user.id,
        user.session().id,
        &secret,
        &form.code,
    )
    .await?;
    let mut ctx = Context::new();
    let next = (!form.next.is_empty()).then(|| safe_next(Some(&form.next)));
    ctx.insert("next", &next);
    match confirmed {
        Some(codes) => {
            session::set_setup_secret(&session, None);
            ctx.insert("codes", &codes);
            page.render("account/recovery_codes.html", ctx)
        }
        None => {
            let status = two_factor::status(&page.state.app, user.user.id).await?;
            ctx.insert("status", &status);
            ctx.insert(
                "required",
                &two_factor::required_for(&page.state.settings, user.account()),
            );
            ctx.insert("error", "error-code-wrong");
            insert_setup(&mut ctx, &secret, &user.user.email);
            page.render_invalid("account/two_factor.html", ctx)
        }
    }
}

/// Starts setting up a new second factor (a new phone) in place of the
/// current one, which keeps working until the new one is confirmed.
pub async fn two_factor_replace(
    _user: FreshSignedIn,
    session: Session,
) -> Result<HttpResponse, AppError> {
    session::set_setup_secret(&session, Some(&second_factor::new_secret()));
    Ok(redirect("/konto/totrinslogin"))
}

/// Ten new recovery codes; the old ones stop working.
pub async fn new_recovery_codes(user: FreshSignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let Some(codes) = two_factor::new_recovery_codes(&page.state.app, user.user.id).await? else {
        return Ok(redirect("/konto/totrinslogin"));
    };
    let mut ctx = Context::new();
    ctx.insert("codes", &codes);
    ctx.insert("next", &None::<String>);
    page.render("account/recovery_codes.html", ctx)
}

/// Turns one's second factor off, where it is not required.
pub async fn two_factor_remove(user: FreshSignedIn, page: Page) -> Result<HttpResponse, AppError> {
    match two_factor::remove_own(&page.state.app, user.account()).await? {
        Ok(()) => page.success("flash-second-factor-removed"),
        Err(NotRemoved::Required) => page.error("error-second-factor-required"),
    }
    Ok(redirect("/konto/totrinslogin"))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ReproveForm {
    #[serde(skip_serializing)]
    answer: String,
    next: String,
}

/// "Confirm it is you": asked before a sensitive action when the last
/// proof is more than a quarter of an hour old.
pub async fn reprove_form(
    _user: SignedIn,
    page: Page,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert(
        "form",
        &ReproveForm {
            next: safe_next(query.next.as_deref()),
            ..Default::default()
        },
    );
    page.render("account/reprove.html", ctx)
}

pub async fn reprove_submit(
    user: SignedIn,
    page: Page,
    Form(form): Form<ReproveForm>,
) -> Result<HttpResponse, AppError> {
    let settings = &page.state.settings;
    let client = device::client_for(&page.req, settings, &user.user.email);
    let outcome = signin::prove_again(
        &page.state.app,
        user.account(),
        user.session().id,
        &form.answer,
        &client,
    )
    .await?;
    let (status, error) = match outcome {
        Reproof::Proved => return Ok(redirect(&safe_next(Some(&form.next)))),
        Reproof::Wrong => (StatusCode::UNAUTHORIZED, "error-reprove-wrong"),
        Reproof::Throttled => (StatusCode::TOO_MANY_REQUESTS, "error-login-throttled"),
    };
    let mut ctx = Context::new();
    ctx.insert("form", &form);
    ctx.insert("error", error);
    page.render_status(status, "account/reprove.html", ctx)
}
