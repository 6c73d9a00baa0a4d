//! The coordinators' side: their branches' evenings with yes / no / not
//! answered counts, planning a new one (which invites the volunteers to
//! answer), and who comes. Participants, attendance, the CSV and cancelling
//! stay on the generic pages under `/koordinator/hold/{id}`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::branches::{self, Branch};
use crate::db::evenings::{self, EveningChanges, NewEvening};
use crate::db::now;
use crate::db::sessions::{self, MeetingTimes};
use crate::domain::evening::EveningKind;
use crate::domain::session::{self as session_rules, SessionStatus};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::sessions::managed;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let own = (!user.is_admin()).then(|| user.branches.clone());
    let list = page
        .db()
        .run(move |c| Ok(evenings::managed(c, own.as_deref())?))
        .await?;
    let at = now();
    let (upcoming, past): (Vec<_>, Vec<_>) = list.into_iter().partition(|e| e.session.ends_at > at);
    let mut ctx = Context::new();
    // Soonest first for what is coming, newest first for what was.
    ctx.insert("upcoming", &upcoming.into_iter().rev().collect::<Vec<_>>());
    ctx.insert("past", &past);
    page.render("evenings/staff_list.html", ctx)
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

/// The branches a coordinator may plan evenings in; administrators may
/// also plan national ones without a branch.
async fn choices(page: &Page, user: &CoordinatorUser) -> Result<Vec<Branch>, AppError> {
    let is_admin = user.is_admin();
    let own = user.branches.clone();
    page.db()
        .run(move |c| {
            Ok(if is_admin {
                branches::all(c)?.into_iter().map(|b| b.branch).collect()
            } else {
                branches::by_ids(c, &own)?
            })
        })
        .await
}

async fn render_form(
    page: &Page,
    user: &CoordinatorUser,
    form: &EveningForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    render_any(page, user, form, errors, invalid, None).await
}

/// The planning form, or with `editing` (the evening's id) the same form
/// for changing an announced evening (its kind and branch stay).
async fn render_any(
    page: &Page,
    user: &CoordinatorUser,
    form: &EveningForm,
    errors: &FieldErrors,
    invalid: bool,
    editing: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("editing", &editing);
    ctx.insert("branches", &choices(page, user).await?);
    ctx.insert("may_plan_national", &user.is_admin());
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if invalid {
        page.render_invalid("evenings/staff_form.html", ctx)
    } else {
        page.render("evenings/staff_form.html", ctx)
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
    render_form(&page, &user, &form, &FieldErrors::new(), false).await
}

/// The branch typed on the form, if the user may plan evenings there.
/// Empty means national: administrators only.
fn branch_of(user: &CoordinatorUser, input: &str) -> Result<Option<i64>, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return if user.is_admin() {
            Ok(None)
        } else {
            Err(Invalid("error-evening-branch"))
        };
    }
    match v.parse::<i64>() {
        Ok(id) if user.coordinates(id) => Ok(Some(id)),
        _ => Err(Invalid("error-evening-branch")),
    }
}

pub async fn create(
    user: CoordinatorUser,
    page: Page,
    Form(form): Form<EveningForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let kind = errors.check("kind", EveningKind::from_form(&form.kind));
    let branch = errors.check("branch", branch_of(&user, &form.branch));
    let checked = check(&form, kind.unwrap_or(EveningKind::Branch), &mut errors);
    let (Some(kind), Some(branch), Some(v)) = (kind, branch, checked) else {
        return render_form(&page, &user, &form, &errors, true).await;
    };
    let open = form.open.is_some();
    let base = page.state.settings.base_url().to_string();
    let id = page
        .db()
        .transaction(move |c| {
            Ok(evenings::create(
                c,
                &NewEvening {
                    kind,
                    branch_id: branch,
                    title: &v.title,
                    topic: &v.topic,
                    speaker: &v.speaker,
                    location: &v.location,
                    capacity: v.capacity,
                    open_to_other_branches: open,
                },
                &MeetingTimes {
                    starts_at: v.starts_at,
                    ends_at: v.ends_at,
                    location: None,
                },
                &base,
            )?)
        })
        .await?;
    page.flash(
        "success",
        if kind == EveningKind::Info {
            "evening-created-info"
        } else {
            "evening-created"
        },
    );
    Ok(redirect(&format!("/koordinator/aftener/{id}")))
}

/// Who comes, who waits, who said no and who has not answered.
pub async fn show(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let (session, detail, who, meetings) = page
        .db()
        .run(move |c| {
            managed(c, &account, id)?;
            let (session, detail) = evenings::find(c, id)?;
            let who = evenings::who_comes(c, &session, &detail)?;
            let meetings = sessions::meetings(c, id)?;
            Ok((session, detail, who, meetings))
        })
        .await?;
    let audience = detail.audience(&session);
    let mut ctx = Context::new();
    ctx.insert("national", &audience.is_national());
    ctx.insert("public", &audience.is_public());
    ctx.insert("session", &session);
    ctx.insert("detail", &detail);
    ctx.insert("who", &who);
    ctx.insert("meetings", &meetings);
    page.render("evenings/staff_show.html", ctx)
}

/// The details a coordinator types, checked the same way when planning and
/// when changing an evening.
struct Checked {
    title: String,
    topic: String,
    speaker: String,
    starts_at: chrono::NaiveDateTime,
    ends_at: chrono::NaiveDateTime,
    location: String,
    capacity: Option<i32>,
}

fn check(form: &EveningForm, kind: EveningKind, errors: &mut FieldErrors) -> Option<Checked> {
    let title = errors.check("title", required_text(&form.title, 200));
    let topic = match kind {
        EveningKind::Branch => errors.check("topic", required_text(&form.topic, 300)),
        EveningKind::Info => errors
            .check("topic", optional_text(&form.topic, 300))
            .map(Option::unwrap_or_default),
    };
    let speaker = errors
        .check("speaker", optional_text(&form.speaker, 200))
        .map(Option::unwrap_or_default);
    let times = errors.check("date", time::meeting(&form.date, &form.start, &form.end));
    if times.is_some_and(|(start, _)| start <= now()) {
        errors.add("date", Invalid("error-evening-past"));
    }
    let location = errors.check("location", required_text(&form.location, 300));
    let capacity = errors.check("capacity", session_rules::capacity(&form.capacity));
    match (title, topic, speaker, times, location, capacity) {
        (
            Some(title),
            Some(topic),
            Some(speaker),
            Some((starts_at, ends_at)),
            Some(location),
            Some(capacity),
        ) if errors.is_empty() => Some(Checked {
            title,
            topic,
            speaker,
            starts_at,
            ends_at,
            location,
            capacity,
        }),
        _ => None,
    }
}

/// The evening, if this coordinator manages it and it can still change.
async fn editable(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
) -> Result<(crate::db::sessions::Session, evenings::Detail), AppError> {
    let account = (**user.account()).clone();
    let (session, detail) = page
        .db()
        .run(move |c| {
            managed(c, &account, id)?;
            Ok(evenings::find(c, id)?)
        })
        .await?;
    Ok((session, detail))
}

/// Cancelled and held evenings keep what they were.
fn closed(page: &Page, session: &crate::db::sessions::Session) -> Option<HttpResponse> {
    (session.status() != SessionStatus::Open).then(|| {
        page.flash("error", "evening-not-editable");
        redirect(&format!("/koordinator/aftener/{}", session.id))
    })
}

pub async fn edit_form(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (session, detail) = editable(&page, &user, id).await?;
    if let Some(back) = closed(&page, &session) {
        return Ok(back);
    }
    let (date, start) = time::to_form(session.starts_at);
    let (_, end) = time::to_form(session.ends_at);
    let form = EveningForm {
        kind: detail.evening_kind.clone(),
        branch: session.branch_id.map(|b| b.to_string()).unwrap_or_default(),
        title: session.title.clone(),
        topic: detail.topic.clone(),
        speaker: detail.speaker.clone(),
        date,
        start,
        end,
        location: session.location.clone(),
        capacity: session.capacity.map(|c| c.to_string()).unwrap_or_default(),
        open: detail.open_to_other_branches.then(|| "1".to_string()),
    };
    render_any(&page, &user, &form, &FieldErrors::new(), false, Some(id)).await
}

/// Saves changes to an announced evening; those with a seat hear of a new
/// time or place through the engine.
pub async fn update(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(mut form): Form<EveningForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (session, detail) = editable(&page, &user, id).await?;
    if let Some(back) = closed(&page, &session) {
        return Ok(back);
    }
    // Kind, branch and audience were announced with the evening.
    form.kind = detail.evening_kind.clone();
    form.branch = session.branch_id.map(|b| b.to_string()).unwrap_or_default();
    form.open = detail.open_to_other_branches.then(|| "1".to_string());
    let mut errors = FieldErrors::new();
    let Some(v) = check(&form, detail.kind(), &mut errors) else {
        return render_any(&page, &user, &form, &errors, true, Some(id)).await;
    };
    let account = (**user.account()).clone();
    let base = page.state.settings.base_url().to_string();
    page.db()
        .transaction(move |c| {
            managed(c, &account, id)?;
            evenings::update(
                c,
                id,
                &EveningChanges {
                    title: &v.title,
                    topic: &v.topic,
                    speaker: &v.speaker,
                    location: &v.location,
                    capacity: v.capacity,
                    times: MeetingTimes {
                        starts_at: v.starts_at,
                        ends_at: v.ends_at,
                        location: None,
                    },
                },
                &base,
            )?;
            Ok(())
        })
        .await?;
    page.flash("success", "evening-updated");
    Ok(redirect(&format!("/koordinator/aftener/{id}")))
}
