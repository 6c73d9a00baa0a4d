//! Forgotten password, reset and invitation links, and changing one's
//! password while signed in.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::accounts::{self, PasswordChange, PasswordSet};
use crate::db::tokens;
use crate::domain::{EmailAddress, FieldErrors, password as pw};
use crate::error::AppError;
use crate::web::auth::client;
use crate::web::page::redirect;
use crate::web::{Form, Page, SignedIn, session};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

pub async fn forgot_form(page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", &ForgotForm::default());
    ctx.insert("errors", &FieldErrors::new());
    page.render("account/forgot.html", ctx)
}

/// Sends a reset link if the address has an active account, and says the
/// same thing either way.
pub async fn forgot_submit(
    req: HttpRequest,
    page: Page,
    Form(form): Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let Some(email) = errors.check("email", EmailAddress::parse(&form.email)) else {
        let mut ctx = Context::new();
        ctx.insert("form", &form);
        ctx.insert("errors", &errors);
        return page.render_invalid("account/forgot.html", ctx);
    };
    let client = client(&req, page.state.settings.trust_proxy);
    accounts::request_reset(&page.state.app, email, client.ip).await?;
    page.render("account/forgot_sent.html", Context::new())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewPasswordForm {
    password: String,
    password_confirm: String,
}

/// Reset links and invitations both end in choosing a password; they differ
/// in wording and in how long the link lives.
#[derive(Clone, Copy)]
enum LinkKind {
    Reset,
    Invitation,
    /// An account made when someone enrolled or booked without one.
    Welcome,
    /// An administrator made on the command line with `--link`.
    AdminSetup,
}

impl LinkKind {
    fn purpose(self) -> tokens::Purpose {
        match self {
            LinkKind::Reset => tokens::Purpose::ResetPassword,
            LinkKind::Invitation => tokens::Purpose::Invitation,
            LinkKind::Welcome => tokens::Purpose::Welcome,
            LinkKind::AdminSetup => tokens::Purpose::AdminSetup,
        }
    }

    fn context(self) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "invitation",
            &matches!(
                self,
                LinkKind::Invitation | LinkKind::Welcome | LinkKind::AdminSetup
            ),
        );
        if matches!(self, LinkKind::Welcome) {
            ctx.insert("lead", "welcome-lead");
        }
        ctx.insert("errors", &FieldErrors::new());
        ctx
    }
}

async fn link_form(page: Page, raw: String, kind: LinkKind) -> Result<HttpResponse, AppError> {
    if !accounts::link_is_valid(&page.state.app, kind.purpose(), &raw).await? {
        return page.render_status(
            StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        );
    }
    page.render("account/choose_password.html", kind.context())
}

async fn link_submit(
    page: Page,
    session: Session,
    raw: String,
    kind: LinkKind,
    form: NewPasswordForm,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let Some(secret) = errors.check(
        "password",
        pw::new_password(&form.password, &form.password_confirm),
    ) else {
        let mut ctx = kind.context();
        ctx.insert("errors", &errors);
        return page.render_invalid("account/choose_password.html", ctx);
    };
    let client = client(&page.req, page.state.settings.trust_proxy);
    let set =
        accounts::set_password_by_link(&page.state.app, kind.purpose(), &raw, &secret, &client)
            .await?;
    match set {
        PasswordSet::SignedIn(started) => {
            session::sign_in(&session, &started);
            page.success("flash-password-set");
            Ok(redirect("/"))
        }
        PasswordSet::LogIn => {
            session::sign_out(&session);
            page.success("flash-password-set-log-in");
            Ok(redirect("/log-ind"))
        }
        PasswordSet::LinkInvalid => page.render_status(
            StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        ),
    }
}

pub async fn reset_form(page: Page, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    link_form(page, path.into_inner(), LinkKind::Reset).await
}

pub async fn reset_submit(
    page: Page,
    session: Session,
    path: web::Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    link_submit(page, session, path.into_inner(), LinkKind::Reset, form).await
}

pub async fn welcome_form(page: Page, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    link_form(page, path.into_inner(), LinkKind::Welcome).await
}

pub async fn welcome_submit(
    page: Page,
    session: Session,
    path: web::Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    link_submit(page, session, path.into_inner(), LinkKind::Welcome, form).await
}

pub async fn invitation_form(
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    link_form(page, path.into_inner(), LinkKind::Invitation).await
}

pub async fn invitation_submit(
    page: Page,
    session: Session,
    path: web::Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    link_submit(page, session, path.into_inner(), LinkKind::Invitation, form).await
}

pub async fn admin_setup_form(
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    link_form(page, path.into_inner(), LinkKind::AdminSetup).await
}

pub async fn admin_setup_submit(
    page: Page,
    session: Session,
    path: web::Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    link_submit(page, session, path.into_inner(), LinkKind::AdminSetup, form).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChangeForm {
    current: String,
    password: String,
    password_confirm: String,
}

pub async fn change_form(_user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("errors", &FieldErrors::new());
    page.render("account/change_password.html", ctx)
}

pub async fn change_submit(
    user: SignedIn,
    page: Page,
    session: Session,
    Form(form): Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let secret = errors.check(
        "password",
        pw::new_password(&form.password, &form.password_confirm),
    );
    let result = accounts::change_password(
        &page.state.app,
        user.account(),
        user.session().id,
        &form.current,
        secret.as_deref(),
    )
    .await?;
    match result {
        PasswordChange::Changed { epoch } => {
            // Other sessions end; this one carries on with the new epoch.
            session::update_epoch(&session, epoch);
            page.success("flash-password-changed");
            Ok(redirect("/konto"))
        }
        PasswordChange::Refused { current_ok } => {
            if !current_ok {
                errors.add("current", crate::domain::Invalid("error-password-wrong"));
            }
            let mut ctx = Context::new();
            ctx.insert("errors", &errors);
            page.render_invalid("account/change_password.html", ctx)
        }
    }
}
