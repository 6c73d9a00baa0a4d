use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::accounts::{self, SignUp};
use crate::domain::{EmailAddress, FieldErrors, Lang, names, password as pw};
use crate::error::AppError;
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

impl SignupForm {
    /// The form as a sign-up, every field checked in one pass.
    fn parse(&self, language: Lang) -> Result<SignUp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", names::person_name(&self.name));
        let email = errors.check("email", EmailAddress::parse(&self.email));
        let password = errors.check(
            "password",
            pw::new_password(&self.password, &self.password_confirm),
        );
        match (name, email, password) {
            (Some(name), Some(email), Some(password)) => Ok(SignUp {
                name,
                email,
                password,
                language,
            }),
            _ => Err(errors),
        }
    }
}

/// Creates a professional's account and sends a verification link. Whether
/// the address already had an account is never shown: the owner of an
/// existing account gets an email instead, and the page says the same.
pub async fn submit(page: Page, Form(form): Form<SignupForm>) -> Result<HttpResponse, AppError> {
    let signup = match form.parse(page.lang) {
        Ok(signup) => signup,
        Err(errors) => {
            let mut ctx = Context::new();
            ctx.insert("form", &form);
            ctx.insert("errors", &errors);
            return page.render_invalid("account/signup.html", ctx);
        }
    };
    accounts::sign_up(&page.state.app, signup).await?;
    Ok(redirect("/konto/tjek-din-email"))
}

pub async fn check_email(page: Page) -> Result<HttpResponse, AppError> {
    page.render("account/check_email.html", Context::new())
}

pub async fn verify(page: Page, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    if accounts::verify_email(&page.state.app, &path.into_inner()).await? {
        page.success("flash-email-verified");
        Ok(redirect("/log-ind"))
    } else {
        page.render_status(
            actix_web::http::StatusCode::GONE,
            "account/link_invalid.html",
            Context::new(),
        )
    }
}
