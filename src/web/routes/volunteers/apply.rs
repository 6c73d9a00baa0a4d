//! The public application form ("Bliv brobygger"). Submitting creates the
//! account (or uses the signed-in one), the volunteer record and the
//! application, and sends the receipt, in one transaction.

use actix_web::HttpResponse;
use chrono::Datelike;
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::auth::{password, token};
use crate::db::applications::{self, NewApplication};
use crate::db::branches::{self, BranchInRegion};
use crate::db::{outbox, tokens, users};
use crate::domain::application as rules;
use crate::domain::{EmailAddress, FieldErrors, names, password as pw};
use crate::error::AppError;
use crate::mail::{Message, Recipient};
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page};

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct ApplyForm {
    name: String,
    email: String,
    phone: String,
    study_programme: String,
    institution: String,
    semester: String,
    branch: String,
    motivation: String,
    availability: String,
    heard_from: String,
    birth_year: String,
    #[serde(skip_serializing)]
    password: String,
    #[serde(skip_serializing)]
    password_confirm: String,
}

async fn render(
    page: &Page,
    form: &ApplyForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let all: Vec<BranchInRegion> = page.db().run(|c| Ok(branches::all(c)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("branches", &all);
    ctx.insert("signed_in", &page.account.is_some());
    if invalid {
        page.render_invalid("volunteers/apply.html", ctx)
    } else {
        page.render("volunteers/apply.html", ctx)
    }
}

pub async fn form(user: MaybeUser, page: Page) -> Result<HttpResponse, AppError> {
    if user
        .0
        .as_ref()
        .is_some_and(|a| a.volunteer_branch.is_some())
    {
        return Ok(redirect("/frivillig"));
    }
    let mut form = ApplyForm::default();
    if let Some(a) = &user.0 {
        form.phone = a.user.phone.clone().unwrap_or_default();
    }
    render(&page, &form, &FieldErrors::new(), false).await
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("volunteers/apply_thanks.html", Context::new())
}

/// Who is applying: a new person (with a password for the new account) or
/// the signed-in account.
enum Applicant {
    New {
        name: String,
        email: EmailAddress,
        secret: String,
    },
    Existing(i64),
}

pub async fn submit(
    user: MaybeUser,
    page: Page,
    Form(form): Form<ApplyForm>,
) -> Result<HttpResponse, AppError> {
    if user
        .0
        .as_ref()
        .is_some_and(|a| a.volunteer_branch.is_some())
    {
        return Ok(redirect("/frivillig"));
    }
    let mut errors = FieldErrors::new();
    let applicant = match &user.0 {
        Some(a) => Some(Applicant::Existing(a.user.id)),
        None => {
            let name = errors.check("name", names::person_name(&form.name));
            let email = errors.check("email", EmailAddress::parse(&form.email));
            let secret = errors.check(
                "password",
                pw::new_password(&form.password, &form.password_confirm),
            );
            match (name, email, secret) {
                (Some(name), Some(email), Some(secret)) => Some(Applicant::New {
                    name,
                    email,
                    secret,
                }),
                _ => None,
            }
        }
    };
    let phone = errors.check("phone", rules::phone(&form.phone));
    let study_programme =
        errors.check("study_programme", rules::answer(&form.study_programme, 200));
    let institution = errors.check("institution", rules::answer(&form.institution, 200));
    let semester = errors.check("semester", rules::answer(&form.semester, 100));
    let motivation = errors.check("motivation", rules::answer(&form.motivation, 4000));
    let availability = errors.check("availability", rules::answer(&form.availability, 1000));
    let heard_from = errors.check("heard_from", rules::optional_answer(&form.heard_from, 300));
    let this_year = chrono::Utc::now().year();
    let birth_year = errors.check("birth_year", rules::birth_year(&form.birth_year, this_year));
    let branch_id = form.branch.trim().parse::<i64>().ok();
    let known = match branch_id {
        Some(id) => {
            page.db()
                .run(move |c| Ok(branches::by_ids(c, &[id])?.len() == 1))
                .await?
        }
        None => false,
    };
    if !known {
        errors.add("branch", crate::domain::Invalid("error-choose-branch-one"));
    }
    let (
        Some(applicant),
        Some(phone),
        Some(study_programme),
        Some(institution),
        Some(semester),
        Some(motivation),
        Some(availability),
        Some(heard_from),
        Some(birth_year),
        Some(branch_id),
        true,
    ) = (
        applicant,
        phone,
        study_programme,
        institution,
        semester,
        motivation,
        availability,
        heard_from,
        birth_year,
        branch_id,
        errors.is_empty(),
    )
    else {
        return render(&page, &form, &errors, true).await;
    };
    let new = NewApplication {
        branch_id,
        study_programme,
        institution,
        semester,
        motivation,
        availability,
        heard_from,
        birth_year,
    };
    let signed_in = matches!(applicant, Applicant::Existing(_));
    let language = page.lang.code();
    let verify_base = page.state.link("/konto/bekraeft/");
    let dashboard = page.state.link("/frivillig");
    let login_link = page.state.link("/log-ind");
    let reset_link = page.state.link("/konto/glemt-adgangskode");
    page.db()
        .run(move |conn| {
            let hash = match &applicant {
                Applicant::New { secret, .. } => {
                    Some(password::hash(secret).map_err(|e| anyhow::anyhow!("hashing: {e}"))?)
                }
                Applicant::Existing(_) => None,
            };
            conn.transaction(|conn| {
                let (user_id, verify_link) = match &applicant {
                    Applicant::Existing(id) => (*id, None),
                    Applicant::New { name, email, .. } => {
                        // Whether the address has an account is never shown:
                        // its owner is told by email, the page says the same.
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
                                name,
                                phone: Some(&phone),
                                password_hash: hash.as_deref(),
                                verified: false,
                                language,
                            },
                        )?;
                        let raw = token::generate();
                        tokens::store(
                            conn,
                            id,
                            tokens::Purpose::VerifyEmail,
                            &token::digest(&raw),
                        )?;
                        (id, Some(format!("{verify_base}{raw}")))
                    }
                };
                applications::submit(conn, user_id, &new, &phone, verify_link, dashboard)?;
                Ok::<_, diesel::result::Error>(())
            })?;
            Ok(())
        })
        .await?;
    if signed_in {
        page.flash("success", "apply-received");
        Ok(redirect("/frivillig"))
    } else {
        Ok(redirect("/bliv-brobygger/tak"))
    }
}
