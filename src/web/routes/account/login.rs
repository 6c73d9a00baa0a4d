use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::Connection;
use serde::Deserialize;
use tera::Context;

use crate::auth::{password, token};
use crate::db::{login_throttle, outbox, tokens, users};
use crate::domain::throttle;
use crate::error::AppError;
use crate::mail::{Message, Recipient};
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

enum Outcome {
    SignedIn { user_id: i64, epoch: i64 },
    Throttled,
    Failed,
    Unverified,
    Deactivated,
}

pub async fn submit(
    page: Page,
    req: HttpRequest,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let email = form.email.trim().to_lowercase();
    let ip = client_ip(&req, page.state.settings.trust_proxy);
    let secret = form.password.clone();
    let verify_link_base = page.state.link("/konto/bekraeft/");
    let outcome = page
        .db()
        .run(move |conn| {
            let (by_email, by_ip) = login_throttle::recent_failures(conn, &email, &ip)?;
            if !throttle::login_allowed(by_email, by_ip) {
                return Ok(Outcome::Throttled);
            }
            let user = users::find_by_email(conn, &email)?;
            let matches = match user.as_ref().and_then(|u| u.password_hash.as_deref()) {
                Some(stored) => password::verify(&secret, stored),
                None => {
                    password::verify_nothing(&secret);
                    false
                }
            };
            let user = match user {
                Some(u) if matches => u,
                _ => {
                    login_throttle::record_failure(conn, &email, &ip)?;
                    return Ok(Outcome::Failed);
                }
            };
            login_throttle::clear(conn, &email)?;
            if user.deactivated_at.is_some() {
                return Ok(Outcome::Deactivated);
            }
            if user.email_verified_at.is_none() {
                // They proved they know the password: send a fresh link.
                let raw = token::generate();
                conn.transaction(|conn| {
                    tokens::store(
                        conn,
                        user.id,
                        tokens::Purpose::VerifyEmail,
                        &token::digest(&raw),
                    )?;
                    outbox::enqueue(
                        conn,
                        &Recipient::from(&user),
                        &Message::VerifyEmail {
                            link: format!("{verify_link_base}{raw}"),
                        },
                    )
                })?;
                return Ok(Outcome::Unverified);
            }
            Ok(Outcome::SignedIn {
                user_id: user.id,
                epoch: user.session_epoch,
            })
        })
        .await?;

    let (status, error) = match outcome {
        Outcome::SignedIn { user_id, epoch } => {
            session::sign_in(&session, user_id, epoch);
            return Ok(redirect(&safe_next(Some(&form.next))));
        }
        Outcome::Throttled => (StatusCode::TOO_MANY_REQUESTS, "error-login-throttled"),
        Outcome::Failed => (StatusCode::UNAUTHORIZED, "error-login-failed"),
        Outcome::Unverified => (StatusCode::FORBIDDEN, "error-login-unverified"),
        Outcome::Deactivated => (StatusCode::FORBIDDEN, "error-login-deactivated"),
    };
    let mut ctx = Context::new();
    ctx.insert("form", &form);
    ctx.insert("error", error);
    page.render_status(status, "account/login.html", ctx)
}

pub async fn logout(page: Page, session: Session) -> HttpResponse {
    session::sign_out(&session);
    page.flash("success", "flash-logged-out");
    redirect("/")
}

/// The client's address for the login throttle. `X-Forwarded-For` is only
/// believed behind a proxy that is configured to set it.
fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    let info = req.connection_info();
    let addr = if trust_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    addr.map(|a| {
        // "1.2.3.4:5678" → "1.2.3.4"; IPv6 "[::1]:5678" → "[::1]".
        match a.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !host.is_empty() => {
                host.to_string()
            }
            _ => a.to_string(),
        }
    })
    .unwrap_or_else(|| "unknown".into())
}
