//! The activation checklist as pages show it, the same everywhere: on the
//! volunteer's page, on the coordinator's view, and in every refusal of
//! something only active brobyggere may do.
//!
//! For features that activation unlocks: put `ActiveVolunteer` in the
//! handler's signature. A volunteer who is not active (or has a new
//! requirement, such as a new declaration version) gets a 403 page with
//! their checklist instead. Templates that want the list include
//! `volunteer/_checklist.html` with `checklist` (a `ChecklistView`) in the
//! context.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, ContentType};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use tera::Context;

use crate::app::volunteers::activation;
use crate::db::gate::Gate;
use crate::db::users::Account;
use crate::domain::activation::Requirement;
use crate::domain::volunteer::VolunteerStatus;
use crate::domain::{Code, Lang};
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::web::{Page, VolunteerUser};

/// One line of the checklist: a translation key and its arguments.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChecklistLine {
    pub key: &'static str,
    pub hours: String,
    /// The same number for the translation to choose "time"/"timer" by the
    /// language's plural rules.
    pub count: f64,
    pub order: i32,
    pub title: String,
    pub version: i32,
    /// For a module: its id, to link to the material and to where it is
    /// taught next.
    pub module: Option<String>,
    /// Where the volunteer does it (or reads who does it for them): the
    /// checklist is a list of links, not a list of complaints.
    pub href: String,
}

pub fn line(lang: Lang, r: &Requirement) -> ChecklistLine {
    let mut l = ChecklistLine {
        key: r.message_key(),
        hours: String::new(),
        count: 0.0,
        order: 0,
        title: String::new(),
        version: 0,
        module: None,
        href: where_done(r),
    };
    match r {
        Requirement::Module {
            id,
            order,
            title,
            missing_minutes,
        } => {
            l.hours = format::hours(lang, *missing_minutes);
            l.count = f64::from(*missing_minutes) / 60.0;
            l.order = *order;
            l.title = title.clone();
            l.module = Some(id.clone());
        }
        Requirement::Declaration { version } => l.version = *version,
        Requirement::ApplicationAccepted | Requirement::Check { .. } => {}
    }
    l
}

/// The page where a requirement is met: the module's row (where it is
/// taught next, with the make-up buttons), the declaration to sign, the
/// application's status, and for a check the branch's contact details
/// (the coordinator registers it).
pub fn where_done(r: &Requirement) -> String {
    match r {
        Requirement::Declaration { .. } => "/frivillig/tavshedserklaering".to_string(),
        Requirement::Module { id, .. } => format!("/frivillig#module-{id}"),
        Requirement::ApplicationAccepted => "/frivillig#application-status".to_string(),
        Requirement::Check { .. } => "/frivillig#branch-contact".to_string(),
    }
}

/// The explanation as plain text, e.g. "Mangler 2 timer: modul 5
/// (Tavshedspligt og etik)".
pub fn explain(lang: Lang, r: &Requirement) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    let l = line(lang, r);
    let args: HashMap<std::borrow::Cow<'static, str>, FluentValue> = [
        ("hours", FluentValue::from(l.hours)),
        ("count", FluentValue::from(l.count)),
        ("order", FluentValue::from(i64::from(l.order))),
        ("title", FluentValue::from(l.title)),
        ("version", FluentValue::from(i64::from(l.version))),
    ]
    .into_iter()
    .map(|(k, v)| (std::borrow::Cow::Borrowed(k), v))
    .collect();
    i18n::t_args(lang, l.key, &args)
}

/// A requirement missing but in grace: "Mangler børneattest – frist 3.
/// februar 2027".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GraceLine {
    pub key: String,
    /// The last day of grace, at noon UTC.
    pub until: Option<chrono::NaiveDateTime>,
}

/// What the checklist partial needs.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistView {
    pub lines: Vec<ChecklistLine>,
    /// For the next step's text of the other statuses.
    pub status: VolunteerStatus,
    pub active: bool,
    /// Approved or in training: on the way to active.
    pub training: bool,
    pub clear: bool,
    pub may_work: bool,
    pub auto_activate: bool,
    /// Missing, but not yet required of them (`Gate::grace`).
    pub grace: Vec<GraceLine>,
}

pub fn view(lang: Lang, gate: &Gate) -> ChecklistView {
    ChecklistView {
        lines: gate.unmet.iter().map(|r| line(lang, r)).collect(),
        status: gate.status,
        active: gate.status == VolunteerStatus::Active,
        training: matches!(
            gate.status,
            VolunteerStatus::Approved | VolunteerStatus::InTraining
        ),
        clear: gate.is_clear(),
        may_work: gate.may_work(),
        auto_activate: gate.settings.auto_activate,
        grace: gate
            .declaration_grace
            .map(|until| GraceLine {
                key: "grace-line-declaration".to_string(),
                until: until.and_hms_opt(12, 0, 0),
            })
            .into_iter()
            .chain(gate.grace.iter().map(|g| GraceLine {
                key: format!("grace-line-{}", g.check.as_str()),
                until: g.until.and_hms_opt(12, 0, 0),
            }))
            .collect(),
    }
}

/// A refusal that is already a rendered page.
#[derive(Debug)]
pub struct Refused {
    body: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an active volunteer")
    }
}

impl ResponseError for Refused {
    fn status_code(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(StatusCode::FORBIDDEN)
            .content_type(ContentType::html())
            .insert_header((CACHE_CONTROL, "no-store"))
            .body(self.body.clone())
    }
}

/// The 403 page that tells a volunteer what they still lack.
pub fn refusal_page(page: &Page, gate: &Gate) -> Result<String, AppError> {
    let mut ctx = page.context();
    ctx.insert("checklist", &view(page.lang, gate));
    ctx.insert("gate", gate);
    page.draw("volunteers/refused.html", &ctx)
}

/// Loads a volunteer's gate (for handlers).
pub async fn load(page: &Page, user_id: i64) -> Result<Gate, AppError> {
    Ok(activation::gate_of(&page.state.app, user_id).await?)
}

/// A brobygger who may do what activation unlocks: active, with nothing
/// unmet. Anyone else who is a volunteer gets their checklist (403).
pub struct ActiveVolunteer {
    pub account: Rc<Account>,
    pub gate: Gate,
}

impl FromRequest for ActiveVolunteer {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = VolunteerUser::from_request(&req, &mut Payload::None).await?;
            let page = Page::for_request(req).await?;
            let gate = load(&page, user.user.id).await?;
            if gate.may_work() {
                Ok(ActiveVolunteer {
                    account: user.account().clone(),
                    gate,
                })
            } else {
                Err(Refused {
                    body: refusal_page(&page, &gate)?,
                }
                .into())
            }
        })
    }
}

/// Adds the checklist of `gate` to a page's context.
pub fn insert(ctx: &mut Context, lang: Lang, gate: &Gate) {
    ctx.insert("checklist", &view(lang, gate));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activation::ExtraCheck;

    #[test]
    fn requirements_explain_themselves_in_both_languages() {
        let module = Requirement::Module {
            id: "tavshedspligt".into(),
            order: 5,
            title: "Tavshedspligt og etik".into(),
            missing_minutes: 90,
        };
        let cases = [
            (
                Requirement::ApplicationAccepted,
                "Ansøgningen er ikke godkendt",
                "The application has not been accepted",
            ),
            (
                module,
                "Mangler 1,5 timer: modul 5 (Tavshedspligt og etik)",
                "1.5 hours missing: module 5 (Tavshedspligt og etik)",
            ),
            (
                Requirement::Declaration { version: 2 },
                "Tavshedserklæring (version 2) er ikke underskrevet",
                "Confidentiality declaration (version 2) is not signed",
            ),
            (
                Requirement::Check {
                    check: ExtraCheck::ChildCertificate,
                },
                "Børneattest er ikke registreret",
                "Child protection certificate (børneattest) is not registered",
            ),
        ];
        for (r, da, en) in cases {
            assert_eq!(explain(Lang::Da, &r), da);
            assert_eq!(explain(Lang::En, &r), en);
        }
    }

    #[test]
    fn every_requirement_links_to_where_it_is_met() {
        let module = Requirement::Module {
            id: "tavshedspligt".into(),
            order: 5,
            title: "Tavshedspligt og etik".into(),
            missing_minutes: 90,
        };
        assert_eq!(
            line(Lang::Da, &module).href,
            "/frivillig#module-tavshedspligt",
            "the module's row, where it is taught next"
        );
        assert_eq!(
            where_done(&Requirement::Declaration { version: 2 }),
            "/frivillig/tavshedserklaering"
        );
        assert_eq!(
            where_done(&Requirement::ApplicationAccepted),
            "/frivillig#application-status"
        );
        assert_eq!(
            where_done(&Requirement::Check {
                check: ExtraCheck::ChildCertificate
            }),
            "/frivillig#branch-contact",
            "a check is registered by the coordinator: their contact details"
        );
    }
}

#[cfg(test)]
mod keys {
    use crate::domain::Code;
    use crate::domain::Lang;
    use crate::domain::activation::ExtraCheck;
    use crate::domain::application::ApplicationStatus;
    use crate::domain::enrolment::EnrolmentStatus;
    use crate::domain::volunteer::VolunteerStatus;
    use crate::i18n;

    /// Keys the templates build from stored codes have texts in both
    /// languages.
    #[test]
    fn keys_built_from_codes_exist() {
        let mut keys: Vec<String> = Vec::new();
        for s in [
            ApplicationStatus::Pending,
            ApplicationStatus::Accepted,
            ApplicationStatus::Declined,
        ] {
            keys.push(format!("application-status-{}", s.as_str()));
        }
        for s in [
            EnrolmentStatus::Confirmed,
            EnrolmentStatus::Waitlisted,
            EnrolmentStatus::Cancelled,
            EnrolmentStatus::Withdrawn,
        ] {
            keys.push(format!("enrolment-status-{}", s.as_str()));
        }
        for s in [
            VolunteerStatus::Applicant,
            VolunteerStatus::Paused,
            VolunteerStatus::Alumni,
            VolunteerStatus::Rejected,
        ] {
            keys.push(format!("checklist-next-{}", s.as_str()));
        }
        for c in ExtraCheck::ALL {
            keys.push(format!("check-{}", c.as_str()));
        }
        for kind in [
            "application_received",
            "application_accepted",
            "application_declined",
            "attendance_missing",
            "volunteer_activated",
            "volunteer_paused",
            "volunteer_resumed",
        ] {
            keys.push(format!("email-{}-subject", kind.replace('_', "-")));
        }
        // Some take the branch as an argument; it does no harm to others.
        let args: std::collections::HashMap<
            std::borrow::Cow<'static, str>,
            fluent_templates::fluent_bundle::FluentValue,
        > = [(std::borrow::Cow::Borrowed("branch"), "Aarhus".into())].into();
        for lang in Lang::ALL {
            for key in &keys {
                assert_ne!(
                    i18n::t_args(*lang, key, &args),
                    *key,
                    "{key} in {}",
                    lang.code()
                );
            }
        }
    }
}
