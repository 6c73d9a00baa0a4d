use actix_web::{HttpResponse, web};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::auth::{password, token};
use crate::db::{outbox, tokens, users};
use crate::domain::{EmailAddress, FieldErrors, Role, names, password as pw};
use crate::error::AppError;
use crate::mail::{Message, Recipient};
use crate::web::page::redirect;
use crate::web::{Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct SignupForm {
    name: String,
    email: String,
    #[serde(skip_serializing)]
    password: String,
    #[serde(skip_serializing)]
    password_confirm: String,
}

pub async fn form(page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", &SignupForm::default());
    ctx.insert("errors", &FieldErrors::new());
    page.render("account/signup.html", ctx)
}

/// Creates a professional's account and sends a verification link. Whether
/// the address already had an account is never shown: the owner of an
/// existing account gets an email instead, and the page says the same.
pub async fn submit(page: Page, Form(form): Form<SignupForm>) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", names::person_name(&form.name));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let secret = errors.check(
        "password",
        pw::new_password(&form.password, &form.password_confirm),
    );
    let (Some(name), Some(email), Some(secret)) = (name, email, secret) else {
        let mut ctx = Context::new();
        ctx.insert("form", &form);
        ctx.insert("errors", &errors);
        return page.render_invalid("account/signup.html", ctx);
    };
    let language = page.lang.code();
    let verify_base = page.state.link("/konto/bekraeft/");
    let login_link = page.state.link("/log-ind");
    let reset_link = page.state.link("/konto/glemt-adgangskode");
    page.db()
        .run(move |conn| {
            let hash = password::hash(&secret).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
            conn.transaction(|conn| {
                if let Some(existing) = users::find_by_email(conn, email.as_str())? {
                    outbox::enqueue(
                        conn,
                        &Recipient::from(&existing),
                        &Message::AccountExists {
                            login_link,
                            reset_link,
                        },
                    )?;
                    return Ok(());
                }
                let id = users::create(
                    conn,
                    &users::NewUser {
                        email: email.as_str(),
                        name: &name,
                        phone: None,
                        password_hash: Some(&hash),
                        verified: false,
                        language,
                    },
                )?;
                users::grant_role(conn, id, Role::Professional)?;
                let raw = token::generate();
                tokens::store(conn, id, tokens::Purpose::VerifyEmail, &token::digest(&raw))?;
                let user = users::find(conn, id)?;
                outbox::enqueue(
                    conn,
                    &Recipient::from(&user),
                    &Message::VerifyEmail {
                        link: format!("{verify_base}{raw}"),
                    },
                )?;
                Ok::<_, diesel::result::Error>(())
            })?;
            Ok(())
        })
        .await?;
    Ok(redirect("/konto/tjek-din-email"))
}

pub async fn check_email(page: Page) -> Result<HttpResponse, AppError> {
    page.render("account/check_email.html", Context::new())
}

pub async fn verify(page: Page, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let digest = token::digest(&path.into_inner());
    let verified = page
        .db()
        .transaction(move |conn| {
            let user = tokens::consume(conn, tokens::Purpose::VerifyEmail, &digest)?;
            if let Some(id) = user {
                users::mark_verified(conn, id)?;
            }
            Ok(user.is_some())
        })
        .await?;
    if verified {
        page.flash("success", "flash-email-verified");
        Ok(redirect("/log-ind"))
    } else {
        page.render_status(
            actix_web::http::StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        )
    }
}
