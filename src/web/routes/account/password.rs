//! Forgotten password, reset and invitation links, and changing one's
//! password while signed in.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::auth::{password, token};
use crate::db::{outbox, tokens, users};
use crate::domain::{EmailAddress, FieldErrors, password as pw};
use crate::error::AppError;
use crate::mail::{Message, Recipient};
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
    let link_base = page.state.link("/konto/nulstil/");
    page.db()
        .transaction(move |conn| {
            let Some(user) = users::find_by_email(conn, email.as_str())? else {
                return Ok(());
            };
            if user.deactivated_at.is_some() {
                return Ok(());
            }
            let raw = token::generate();
            tokens::store(
                conn,
                user.id,
                tokens::Purpose::ResetPassword,
                &token::digest(&raw),
            )?;
            outbox::enqueue(
                conn,
                &Recipient::from(&user),
                &Message::ResetPassword {
                    link: format!("{link_base}{raw}"),
                },
            )?;
            Ok(())
        })
        .await?;
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
}

impl LinkKind {
    fn purpose(self) -> tokens::Purpose {
        match self {
            LinkKind::Reset => tokens::Purpose::ResetPassword,
            LinkKind::Invitation => tokens::Purpose::Invitation,
            LinkKind::Welcome => tokens::Purpose::Welcome,
        }
    }

    fn context(self) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "invitation",
            &matches!(self, LinkKind::Invitation | LinkKind::Welcome),
        );
        if matches!(self, LinkKind::Welcome) {
            ctx.insert("lead", "welcome-lead");
        }
        ctx.insert("errors", &FieldErrors::new());
        ctx
    }
}

async fn link_form(page: Page, raw: String, kind: LinkKind) -> Result<HttpResponse, AppError> {
    let digest = token::digest(&raw);
    let valid = page
        .db()
        .run(move |c| Ok(tokens::peek(c, kind.purpose(), &digest)?.is_some()))
        .await?;
    if !valid {
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
    let digest = token::digest(&raw);
    let signed_in = page
        .db()
        .run(move |conn| {
            let hash = password::hash(&secret).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
            let done = conn.transaction(|conn| {
                let Some(user_id) = tokens::consume(conn, kind.purpose(), &digest)? else {
                    return Ok::<_, diesel::result::Error>(None);
                };
                let epoch = users::set_password(conn, user_id, &hash)?;
                Ok(Some((user_id, epoch)))
            })?;
            Ok(done)
        })
        .await?;
    let Some((user_id, epoch)) = signed_in else {
        return page.render_status(
            StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        );
    };
    session::sign_in(&session, user_id, epoch);
    page.flash("success", "flash-password-set");
    Ok(redirect("/"))
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
    let user_id = user.user.id;
    let current = form.current;
    let stored = user.user.password_hash.clone();
    let result = page
        .db()
        .run(move |conn| {
            let current_ok = stored.is_some_and(|s| password::verify(&current, &s));
            match (current_ok, secret) {
                (true, Some(secret)) => {
                    let hash =
                        password::hash(&secret).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
                    Ok(Ok(users::set_password(conn, user_id, &hash)?))
                }
                (current_ok, _) => Ok(Err(current_ok)),
            }
        })
        .await?;
    match result {
        Ok(epoch) => {
            // Other sessions end; this one carries on with the new epoch.
            session::update_epoch(&session, epoch);
            page.flash("success", "flash-password-changed");
            Ok(redirect("/konto"))
        }
        Err(current_ok) => {
            if !current_ok {
                errors.add("current", crate::domain::Invalid("error-password-wrong"));
            }
            let mut ctx = Context::new();
            ctx.insert("errors", &errors);
            page.render_invalid("account/change_password.html", ctx)
        }
    }
}
