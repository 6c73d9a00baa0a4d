//! The coordinators' side: their branches' evenings with yes / no / not
//! answered counts, planning a new one (which invites the volunteers to
//! answer), and who comes. Participants, attendance, the CSV and cancelling
//! stay on the generic pages under `/koordinator/hold/{id}`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::evenings::staff::{self as app, Details, NotEditable, Planned};
use crate::db::evenings::Detail;
use crate::db::now;
use crate::db::sessions::{MeetingTimes, Session};
use crate::db::users::Account;
use crate::domain::evening::EveningKind;
use crate::domain::session as session_rules;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{Code, FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let list = app::list(&page.state.app, user.account()).await?;
    page.render("evenings/staff_list.html", Context::from_serialize(&list)?)
}

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct EveningForm {
    kind: String,
    branch: String,
    title: String,
    topic: String,
    speaker: String,
    date: String,
    start: String,
    end: String,
    location: String,
    capacity: String,
    open: Option<String>,
}

impl EveningForm {
    /// The form of an evening as it stands.
    fn of(session: &Session, detail: &Detail) -> EveningForm {
        let (date, start) = time::to_form(session.starts_at);
        let (_, end) = time::to_form(session.ends_at);
        EveningForm {
            title: session.title.clone(),
            topic: detail.topic.clone(),
            speaker: detail.speaker.clone(),
            date,
            start,
            end,
            location: session.location.clone(),
            capacity: session.capacity.map(|c| c.to_string()).unwrap_or_default(),
            ..EveningForm::default()
        }
        .announced_as(session, detail)
    }

    /// Kind, branch and audience as announced: they stay.
    fn announced_as(mut self, session: &Session, detail: &Detail) -> EveningForm {
        self.kind = detail.evening_kind.as_str().to_string();
        self.branch = session.branch_id.map(|b| b.to_string()).unwrap_or_default();
        self.open = detail.open_to_other_branches.then(|| "1".to_string());
        self
    }

    /// A new evening, if the coordinator may plan it where they chose.
    fn parse_new(&self, account: &Account) -> Result<Planned, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", EveningKind::from_form(&self.kind));
        let branch = errors.check("branch", branch_of(account, &self.branch));
        let details = self.details(kind.unwrap_or(EveningKind::Branch), &mut errors);
        match (kind, branch, details) {
            (Some(kind), Some(branch_id), Some(details)) => Ok(Planned {
                kind,
                branch_id,
                open_to_other_branches: self.open.is_some(),
                details,
            }),
            _ => Err(errors),
        }
    }

    /// The details, checked the same way when planning and when changing
    /// an evening (a brobyggeraften needs a topic).
    fn details(&self, kind: EveningKind, errors: &mut FieldErrors) -> Option<Details> {
        let title = errors.check("title", required_text(&self.title, 200));
        let topic = match kind {
            EveningKind::Branch => errors.check("topic", required_text(&self.topic, 300)),
            EveningKind::Info => errors
                .check("topic", optional_text(&self.topic, 300))
                .map(Option::unwrap_or_default),
        };
        let speaker = errors
            .check("speaker", optional_text(&self.speaker, 200))
            .map(Option::unwrap_or_default);
        let times = errors.check("date", time::meeting(&self.date, &self.start, &self.end));
        if times.is_some_and(|(start, _)| start <= now()) {
            errors.add("date", Invalid("error-evening-past"));
        }
        let location = errors.check("location", required_text(&self.location, 300));
        let capacity = errors.check("capacity", session_rules::capacity(&self.capacity));
        match (title, topic, speaker, times, location, capacity) {
            (
                Some(title),
                Some(topic),
                Some(speaker),
                Some((starts_at, ends_at)),
                Some(location),
                Some(capacity),
            ) if errors.is_empty() => Some(Details {
                title,
                topic,
                speaker,
                location,
                capacity,
                times: MeetingTimes {
                    starts_at,
                    ends_at,
                    location: None,
                    online_url: None,
                },
            }),
            _ => None,
        }
    }
}

/// The branch typed on the form, if the user may plan evenings there.
/// Empty means national: administrators only.
fn branch_of(account: &Account, input: &str) -> Result<Option<i64>, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return if account.is_admin() {
            Ok(None)
        } else {
            Err(Invalid("error-evening-branch"))
        };
    }
    match v.parse::<i64>() {
        Ok(id) if account.coordinates(id) => Ok(Some(id)),
        _ => Err(Invalid("error-evening-branch")),
    }
}

/// The planning form, or with `editing` (the evening's id) the same form
/// for changing an announced evening (its kind and branch stay).
async fn render(
    page: &Page,
    user: &CoordinatorUser,
    form: &EveningForm,
    errors: &FieldErrors,
    editing: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("editing", &editing);
    ctx.insert(
        "branches",
        &app::choices(&page.state.app, user.account()).await?,
    );
    ctx.insert("may_plan_national", &user.is_admin());
    ctx.insert("kinds", EveningKind::ALL);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("evenings/staff_form.html", ctx)
    } else {
        page.render_invalid("evenings/staff_form.html", ctx)
    }
}

pub async fn form(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let form = EveningForm {
        kind: EveningKind::Branch.as_str().into(),
        branch: user
            .branches
            .first()
            .map(i64::to_string)
            .unwrap_or_default(),
        start: "17:00".into(),
        end: "19:00".into(),
        ..EveningForm::default()
    };
    render(&page, &user, &form, &FieldErrors::new(), None).await
}

pub async fn create(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    Form(form): Form<EveningForm>,
) -> Result<HttpResponse, AppError> {
    let planned = match form.parse_new(user.account()) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, &user, &form, &errors, None).await,
    };
    let info = planned.kind == EveningKind::Info;
    let id = app::plan(&page.state.app, user.account(), by, planned).await?;
    page.success(if info {
        "evening-created-info"
    } else {
        "evening-created"
    });
    Ok(redirect(&format!("/koordinator/aftener/{id}")))
}

/// Who comes, who waits, who said no and who has not answered.
pub async fn show(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let attendees = app::attendees(&page.state.app, user.account(), id.into_inner()).await?;
    page.render(
        "evenings/staff_show.html",
        Context::from_serialize(&attendees)?,
    )
}

/// Cancelled and held evenings keep what they were.
fn not_editable(page: &Page, id: i64) -> HttpResponse {
    page.error("evening-not-editable");
    redirect(&format!("/koordinator/aftener/{id}"))
}

pub async fn edit_form(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Ok((session, detail)) = app::editable(&page.state.app, user.account(), id).await? else {
        return Ok(not_editable(&page, id));
    };
    let form = EveningForm::of(&session, &detail);
    render(&page, &user, &form, &FieldErrors::new(), Some(id)).await
}

/// Saves changes to an announced evening; those with a seat hear of a new
/// time or place through the engine. The evening is read first: what the
/// form needs depends on its kind.
pub async fn update(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<EveningForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Ok((session, detail)) = app::editable(&page.state.app, user.account(), id).await? else {
        return Ok(not_editable(&page, id));
    };
    let form = form.announced_as(&session, &detail);
    let mut errors = FieldErrors::new();
    let Some(details) = form.details(detail.evening_kind, &mut errors) else {
        return render(&page, &user, &form, &errors, Some(id)).await;
    };
    if let Err(NotEditable) = app::change(&page.state.app, user.account(), by, id, details).await? {
        return Ok(not_editable(&page, id));
    }
    page.success("evening-updated");
    Ok(redirect(&format!("/koordinator/aftener/{id}")))
}
