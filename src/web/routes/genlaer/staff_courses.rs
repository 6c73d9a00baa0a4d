//! Coordinators' GenLær start page and the course editor. Administrators
//! edit every course and alone the national ones; a coordinator edits the
//! courses of the regions their branches belong to.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::genlaer::catalogue::with_availability;
use crate::app::genlaer::courses;
use crate::db::branches::Region;
use crate::db::courses::{Course, CourseFields};
use crate::db::genlaer::Listed;
use crate::db::users::Account;
use crate::domain::Code;
use crate::domain::genlaer::{self as rules, Audience, CourseFormat};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, money};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn index(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let o = courses::overview(&page.state.app, user.account()).await?;
    let mut ctx = Context::new();
    ctx.insert("availability", &with_availability(&o.sessions));
    ctx.insert("courses", &o.courses);
    ctx.insert("sessions", &o.sessions);
    ctx.insert("pending", &o.pending_bookings);
    page.render("genlaer/staff/index.html", ctx)
}

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct CourseForm {
    title: String,
    slug: String,
    summary: String,
    description: String,
    audience: String,
    target_group: String,
    learning_goals: String,
    hours: String,
    format: String,
    price: String,
    vat_note: String,
    cancellation_terms: String,
    late_free_if_refilled: Option<String>,
    region: String,
    published: Option<String>,
}

impl CourseForm {
    fn from_course(c: &Course) -> CourseForm {
        CourseForm {
            title: c.title.clone(),
            slug: c.slug.clone(),
            summary: c.summary.clone(),
            description: c.description.clone(),
            audience: c.audience.as_str().to_string(),
            target_group: c.target_group.clone(),
            learning_goals: c.learning_goals.clone(),
            hours: crate::i18n::format::hours(crate::domain::Lang::Da, c.minutes),
            format: c.format.as_str().to_string(),
            price: money::to_form(c.price_ore),
            vat_note: c.vat_note.clone(),
            cancellation_terms: c.cancellation_terms.clone(),
            late_free_if_refilled: c.late_free_if_refilled.then(|| "on".into()),
            region: c.region_id.map(|r| r.to_string()).unwrap_or_default(),
            published: c.published.then(|| "on".into()),
        }
    }

    /// The form as a course, every field checked in one pass; the region
    /// must be one of `allowed_regions` (or national, for administrators).
    fn parse(&self, allowed_regions: &[Region], admin: bool) -> Result<CourseFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.check(allowed_regions, admin, &mut errors)
            .filter(|_| errors.is_empty())
            .ok_or(errors)
    }

    fn check(
        &self,
        allowed_regions: &[Region],
        admin: bool,
        errors: &mut FieldErrors,
    ) -> Option<CourseFields> {
        let title = errors.check("title", required_text(&self.title, 200));
        let slug_typed = if self.slug.trim().is_empty() {
            crate::domain::names::slugify(&self.title)
        } else {
            self.slug.clone()
        };
        let slug = errors.check("slug", rules::slug(&slug_typed));
        let summary = errors.check("summary", required_text(&self.summary, 500));
        let description = errors.check("description", required_text(&self.description, 20_000));
        let audience = Audience::parse(&self.audience);
        if audience.is_none() {
            errors.add("audience", Invalid("error-choose"));
        }
        let target_group = errors.check("target_group", required_text(&self.target_group, 300));
        let goals = errors.check("learning_goals", optional_text(&self.learning_goals, 5000));
        let minutes = errors.check("hours", rules::hours(&self.hours));
        let format = CourseFormat::parse(&self.format);
        if format.is_none() {
            errors.add("format", Invalid("error-choose"));
        }
        let price = errors.check("price", money::parse_kroner(&self.price));
        let vat = errors.check("vat_note", optional_text(&self.vat_note, 300));
        let terms = errors.check(
            "cancellation_terms",
            optional_text(&self.cancellation_terms, 3000),
        );
        let region = match self.region.trim() {
            "" if admin => Some(None),
            "" => None,
            v => v
                .parse::<i64>()
                .ok()
                .filter(|r| admin || allowed_regions.iter().any(|a| a.id == *r))
                .map(Some),
        };
        if region.is_none() {
            errors.add("region", Invalid("error-choose"));
        }
        Some(CourseFields {
            slug: slug?,
            title: title?,
            summary: summary?,
            description: description?,
            audience: audience?,
            target_group: target_group?,
            learning_goals: goals?.unwrap_or_default(),
            minutes: minutes?,
            format: format?,
            price_ore: price?,
            vat_note: vat?.unwrap_or_default(),
            cancellation_terms: terms?.unwrap_or_default(),
            late_free_if_refilled: self.late_free_if_refilled.is_some(),
            region_id: region?,
            published: self.published.is_some(),
        })
    }
}

fn render(
    page: &Page,
    account: &Account,
    editing: Option<(&Course, &[Listed])>,
    regions: &[Region],
    form: &CourseForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    if let Some((_, sessions)) = editing {
        ctx.insert("availability", &with_availability(sessions));
        ctx.insert("sessions", sessions);
    }
    ctx.insert("course", &editing.map(|(c, _)| c));
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("regions", regions);
    ctx.insert("national_allowed", &account.is_admin());
    ctx.insert(
        "audiences",
        &Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
    );
    ctx.insert(
        "formats",
        &CourseFormat::ALL
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>(),
    );
    if errors.is_empty() {
        page.render("genlaer/staff/course_form.html", ctx)
    } else {
        page.render_invalid("genlaer/staff/course_form.html", ctx)
    }
}

pub async fn new_form(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let regions = courses::regions_for(&page.state.app, user.account()).await?;
    let form = CourseForm {
        format: "both".into(),
        audience: "professionals".into(),
        late_free_if_refilled: Some("on".into()),
        ..CourseForm::default()
    };
    render(
        &page,
        user.account(),
        None,
        &regions,
        &form,
        &FieldErrors::new(),
    )
}

/// Saves a new course or the changes to `existing` (which the account may
/// edit); mistakes go back to the form as typed.
async fn save(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    existing: Option<Course>,
    form: CourseForm,
) -> Result<HttpResponse, AppError> {
    let app = &page.state.app;
    let account = user.account();
    let regions = courses::regions_for(app, account).await?;
    let saved = match form.parse(&regions, account.is_admin()) {
        Ok(fields) => {
            courses::save(app, account, by, existing.as_ref().map(|c| c.id), fields).await?
        }
        Err(errors) => Err(errors),
    };
    match saved {
        Ok(id) => {
            page.success("genlaer-course-saved");
            Ok(redirect(&format!("/koordinator/genlaer/kurser/{id}")))
        }
        Err(errors) => {
            let editing = existing.as_ref().map(|c| (c, &[][..]));
            render(&page, account, editing, &regions, &form, &errors)
        }
    }
}

pub async fn create(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    Form(form): Form<CourseForm>,
) -> Result<HttpResponse, AppError> {
    save(user, by, page, None, form).await
}

pub async fn edit(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let e = courses::editing(&page.state.app, user.account(), id.into_inner()).await?;
    let form = CourseForm::from_course(&e.course);
    render(
        &page,
        user.account(),
        Some((&e.course, &e.sessions)),
        &e.regions,
        &form,
        &FieldErrors::new(),
    )
}

pub async fn update(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<CourseForm>,
) -> Result<HttpResponse, AppError> {
    let course = courses::editable_course(&page.state.app, user.account(), id.into_inner()).await?;
    save(user, by, page, Some(course), form).await
}
