//! Coordinators' GenLær start page and the course editor. Administrators
//! edit every course and alone the national ones; a coordinator edits the
//! courses of the regions their branches belong to.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{may_edit_course, regions_of};
use crate::db::branches::{self, Region};
use crate::db::courses::{self, Course, CourseFields};
use crate::db::{DbConnection, bookings, genlaer, users::Account};
use crate::domain::genlaer::{self as rules, Audience, BookingStatus, CourseFormat};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, money};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Serialize)]
struct CourseRow {
    course: Course,
    editable: bool,
}

pub async fn index(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let account = (**user.account()).clone();
    let (rows, sessions, pending) = page
        .db()
        .run(move |c| {
            let regions = regions_of(c, &account)?;
            let rows: Vec<CourseRow> = courses::all(c)?
                .into_iter()
                .map(|course| CourseRow {
                    editable: account.is_admin()
                        || course.region_id.is_some_and(|r| regions.contains(&r)),
                    course,
                })
                .collect();
            let branches = (!account.is_admin()).then(|| account.branches.clone());
            let sessions = genlaer::managed(c, branches.as_deref(), 200)?;
            let pending = bookings::for_branches(c, branches.as_deref())?
                .into_iter()
                .filter(|b| b.booking.status() == BookingStatus::Pending)
                .count();
            Ok((rows, sessions, pending))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert(
        "availability",
        &super::catalogue::with_availability(&sessions),
    );
    ctx.insert("courses", &rows);
    ctx.insert("sessions", &sessions);
    ctx.insert("pending", &pending);
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
            audience: c.audience.clone(),
            target_group: c.target_group.clone(),
            learning_goals: c.learning_goals.clone(),
            hours: crate::i18n::format::hours(crate::i18n::Lang::Da, c.minutes),
            format: c.format.clone(),
            price: money::to_form(c.price_ore),
            vat_note: c.vat_note.clone(),
            cancellation_terms: c.cancellation_terms.clone(),
            late_free_if_refilled: c.late_free_if_refilled.then(|| "on".into()),
            region: c.region_id.map(|r| r.to_string()).unwrap_or_default(),
            published: c.published.then(|| "on".into()),
        }
    }

    fn validate(&self, allowed_regions: &[i64], admin: bool) -> Result<CourseFields, FieldErrors> {
        let mut errors = FieldErrors::new();
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
                .filter(|r| admin || allowed_regions.contains(r))
                .map(Some),
        };
        if region.is_none() {
            errors.add("region", Invalid("error-choose"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        match (
            title,
            slug,
            summary,
            description,
            audience,
            target_group,
            goals,
            minutes,
            format,
            price,
            vat,
            terms,
            region,
        ) {
            (
                Some(title),
                Some(slug),
                Some(summary),
                Some(description),
                Some(audience),
                Some(target_group),
                Some(goals),
                Some(minutes),
                Some(format),
                Some(price_ore),
                Some(vat),
                Some(terms),
                Some(region_id),
            ) => Ok(CourseFields {
                slug,
                title,
                summary,
                description,
                audience: audience.as_str().into(),
                target_group,
                learning_goals: goals.unwrap_or_default(),
                minutes,
                format: format.as_str().into(),
                price_ore,
                vat_note: vat.unwrap_or_default(),
                cancellation_terms: terms.unwrap_or_default(),
                late_free_if_refilled: self.late_free_if_refilled.is_some(),
                region_id,
                published: self.published.is_some(),
            }),
            _ => Err(errors),
        }
    }
}

/// The regions this account may put a course in.
fn allowed_regions(conn: &mut DbConnection, account: &Account) -> Result<Vec<Region>, AppError> {
    let all = branches::regions(conn)?;
    if account.is_admin() {
        return Ok(all);
    }
    let mine = regions_of(conn, account)?;
    Ok(all.into_iter().filter(|r| mine.contains(&r.id)).collect())
}

async fn render(
    page: &Page,
    account: Account,
    course: Option<&Course>,
    form: &CourseForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let is_admin = account.is_admin();
    let regions = page.db().run(move |c| allowed_regions(c, &account)).await?;
    let mut ctx = Context::new();
    ctx.insert("course", &course);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("regions", &regions);
    ctx.insert("national_allowed", &is_admin);
    ctx.insert("audiences", &Audience::ALL.map(Audience::as_str));
    ctx.insert("formats", &CourseFormat::ALL.map(CourseFormat::as_str));
    if invalid {
        page.render_invalid("genlaer/staff/course_form.html", ctx)
    } else {
        page.render("genlaer/staff/course_form.html", ctx)
    }
}

pub async fn new_form(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let form = CourseForm {
        format: "both".into(),
        audience: "professionals".into(),
        late_free_if_refilled: Some("on".into()),
        ..CourseForm::default()
    };
    render(
        &page,
        (**user.account()).clone(),
        None,
        &form,
        &FieldErrors::new(),
        false,
    )
    .await
}

async fn save(
    user: CoordinatorUser,
    page: Page,
    existing: Option<Course>,
    form: CourseForm,
) -> Result<HttpResponse, AppError> {
    let account = (**user.account()).clone();
    let acc = account.clone();
    let regions: Vec<i64> = page
        .db()
        .run(move |c| {
            Ok(allowed_regions(c, &acc)?
                .into_iter()
                .map(|r| r.id)
                .collect())
        })
        .await?;
    let mut fields = match form.validate(&regions, account.is_admin()) {
        Ok(f) => f,
        Err(errors) => {
            return render(&page, account, existing.as_ref(), &form, &errors, true).await;
        }
    };
    let except = existing.as_ref().map(|c| c.id);
    let slug = fields.slug.clone();
    if page
        .db()
        .run(move |c| Ok(courses::slug_taken(c, &slug, except)?))
        .await?
    {
        let mut errors = FieldErrors::new();
        errors.add("slug", Invalid("error-slug-taken"));
        return render(&page, account, existing.as_ref(), &form, &errors, true).await;
    }
    fields.title = fields.title.trim().to_string();
    let id = page
        .db()
        .transaction(move |c| match except {
            Some(id) => {
                courses::update(c, id, &fields)?;
                Ok(id)
            }
            None => Ok(courses::create(c, &fields)?),
        })
        .await?;
    page.flash("success", "genlaer-course-saved");
    Ok(redirect(&format!("/koordinator/genlaer/kurser/{id}")))
}

pub async fn create(
    user: CoordinatorUser,
    page: Page,
    Form(form): Form<CourseForm>,
) -> Result<HttpResponse, AppError> {
    save(user, page, None, form).await
}

async fn editable(page: &Page, user: &CoordinatorUser, id: i64) -> Result<Course, AppError> {
    let account = (**user.account()).clone();
    page.db()
        .run(move |c| {
            let course = courses::find(c, id)?;
            if may_edit_course(c, &account, &course)? {
                Ok(course)
            } else {
                Err(AppError::Forbidden)
            }
        })
        .await
}

pub async fn edit(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let course = editable(&page, &user, id.into_inner()).await?;
    let form = CourseForm::from_course(&course);
    let cid = course.id;
    let sessions = page
        .db()
        .run(move |c| Ok(genlaer::of_course(c, cid, false, None)?))
        .await?;
    let account = (**user.account()).clone();
    let is_admin = account.is_admin();
    let regions = page.db().run(move |c| allowed_regions(c, &account)).await?;
    let mut ctx = Context::new();
    ctx.insert(
        "availability",
        &super::catalogue::with_availability(&sessions),
    );
    ctx.insert("sessions", &sessions);
    ctx.insert("course", &Some(&course));
    ctx.insert("form", &form);
    ctx.insert("errors", &FieldErrors::new());
    ctx.insert("regions", &regions);
    ctx.insert("national_allowed", &is_admin);
    ctx.insert("audiences", &Audience::ALL.map(Audience::as_str));
    ctx.insert("formats", &CourseFormat::ALL.map(CourseFormat::as_str));
    page.render("genlaer/staff/course_form.html", ctx)
}

pub async fn update(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<CourseForm>,
) -> Result<HttpResponse, AppError> {
    let course = editable(&page, &user, id.into_inner()).await?;
    save(user, page, Some(course), form).await
}
