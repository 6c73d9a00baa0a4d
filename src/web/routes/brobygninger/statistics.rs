//! The annual figures for administrators: the page with its charts (inline
//! SVG with a title and description, and the same numbers as a table) and
//! the CSV file, for the country, a region or a branch.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::audit::{self, Actor, Object};
use crate::app::statistics::{self as app, Figures, Scope};
use crate::domain::audit::ObjectKind;
use crate::domain::brobygning::Programme;
use crate::domain::{Code, Lang};
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::web::charts::{self, Chart, Row};
use crate::web::csv as excel;
use crate::web::{Admin, CoordinatorUser, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    aar: Option<String>,
    region: Option<String>,
    afdeling: Option<String>,
}

impl YearQuery {
    fn year(&self) -> i32 {
        let this = app::this_year();
        self.aar
            .as_deref()
            .and_then(|y| y.trim().parse::<i32>().ok())
            .filter(|y| (2000..=this).contains(y))
            .unwrap_or(this)
    }

    /// The branch if one is chosen, else the region, else the country.
    fn scope(&self) -> Scope {
        self.chosen().unwrap_or(Scope::National)
    }

    fn chosen(&self) -> Option<Scope> {
        let id = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
        match (id(&self.afdeling), id(&self.region)) {
            (Some(b), _) => Some(Scope::Branch(b)),
            (None, Some(r)) => Some(Scope::Region(r)),
            (None, None) => None,
        }
    }
}

fn query_string(f: &Figures) -> String {
    match f.scope {
        Scope::National => format!("aar={}", f.year),
        Scope::Region(r) => format!("aar={}&region={r}", f.year),
        Scope::Branch(b) => format!("aar={}&afdeling={b}", f.year),
    }
}

fn month_chart(lang: Lang, f: &Figures) -> String {
    let rows: Vec<Row> = f
        .months
        .iter()
        .enumerate()
        .map(|(i, t)| Row {
            label: format::month(lang, f.year, i as u32 + 1),
            values: Programme::ALL.iter().map(|p| t.of_programme(*p)).collect(),
        })
        .collect();
    let names: Vec<String> = Programme::ALL
        .iter()
        .map(|p| i18n::t(lang, &p.name_key()))
        .collect();
    let series: Vec<&str> = names.iter().map(String::as_str).collect();
    let title = i18n::t(lang, "statistics-chart-months");
    let description = i18n::t(lang, "statistics-chart-months-desc");
    charts::bar_chart(&Chart {
        id: "chart-months",
        title: &title,
        description: &description,
        series: &series,
        rows: &rows,
    })
}

fn programme_chart(lang: Lang, f: &Figures) -> String {
    let rows: Vec<Row> = f
        .totals
        .by_programme
        .iter()
        .map(|(p, n)| Row {
            label: i18n::t(lang, &p.name_key()),
            values: vec![*n],
        })
        .collect();
    let title = i18n::t(lang, "statistics-chart-programmes");
    let description = i18n::t(lang, "statistics-chart-programmes-desc");
    let series = i18n::t(lang, "statistics-brobygninger");
    charts::bar_chart(&Chart {
        id: "chart-programmes",
        title: &title,
        description: &description,
        series: &[&series],
        rows: &rows,
    })
}

pub async fn show(
    _admin: Admin,
    page: Page,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let figures = app::figures(&page.state.app, q.year(), q.scope()).await?;
    let choices = app::choices(&page.state.app).await?;
    render(&page, &figures, &choices, true)
}

/// A coordinator's own figures (`/koordinator/statistik`): their branches,
/// and a regional coordinator's regions; no national figures, no files.
pub async fn mine(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (choices, first) = app::choices_for(&page.state.app, user.account()).await?;
    let scope = q.chosen().or(first).ok_or(AppError::Forbidden)?;
    let figures = app::figures_for(&page.state.app, user.account(), q.year(), scope).await?;
    render(&page, &figures, &choices, false)
}

fn render(
    page: &Page,
    figures: &Figures,
    choices: &app::Choices,
    admin: bool,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::from_serialize(figures)?;
    ctx.insert("admin", &admin);
    ctx.insert(
        "base",
        if admin {
            "/admin/statistik"
        } else {
            "/koordinator/statistik"
        },
    );
    ctx.insert("choices", &choices);
    let (region, branch) = match figures.scope {
        Scope::National => (None, None),
        Scope::Region(r) => (Some(r), None),
        Scope::Branch(b) => (None, Some(b)),
    };
    ctx.insert("region_id", &region);
    ctx.insert("branch_id", &branch);
    ctx.insert("query", &query_string(figures));
    let months: Vec<String> = (1..=12)
        .map(|m| format::month(page.lang, figures.year, m))
        .collect();
    ctx.insert("month_names", &months);
    ctx.insert("month_chart", &month_chart(page.lang, figures));
    ctx.insert("programme_chart", &programme_chart(page.lang, figures));
    ctx.insert(
        "evaluation_averages",
        &evaluation_averages(page.lang, figures),
    );
    page.render("brobygninger/statistics.html", ctx)
}

/// The figures as rows of (what, number): the same on the page and in the
/// CSV file.
pub fn lines(lang: Lang, f: &Figures) -> Vec<(String, String)> {
    let t = |k: &str| i18n::t(lang, k);
    let n = |v: i64| v.to_string();
    let mut out = vec![(t("statistics-brobygninger"), n(f.totals.count))];
    for (p, count) in &f.totals.by_programme {
        out.push((t(&p.name_key()), n(*count)));
    }
    out.extend([
        (t("statistics-hours"), n(f.hours)),
        (t("statistics-briefings"), n(f.totals.briefings)),
        (t("statistics-debriefings"), n(f.totals.debriefings)),
        (t("statistics-active"), n(f.active)),
        (t("statistics-trained"), n(f.trained)),
        (t("statistics-branches-with"), n(f.branches_with)),
        (t("statistics-genlaer-sessions"), n(f.genlaer.sessions)),
        (
            t("statistics-genlaer-participants"),
            n(f.genlaer.attendance),
        ),
        (
            t("statistics-supervision-sessions"),
            n(f.supervision.sessions),
        ),
        (
            t("statistics-supervision-attendance"),
            n(f.supervision.attendance),
        ),
        (t("statistics-evenings-sessions"), n(f.evenings.sessions)),
        (
            t("statistics-evenings-attendance"),
            n(f.evenings.attendance),
        ),
        (t("statistics-vagter"), n(f.vagter.vagter)),
        (t("statistics-vagter-places"), n(f.vagter.places)),
        (t("statistics-evaluations"), n(f.evaluations.answers)),
    ]);
    out.extend(
        evaluation_averages(lang, f)
            .into_iter()
            .map(|(_, what, avg)| (what, avg)),
    );
    out
}

/// Each evaluation question's average of the year (code, label, "4,3").
fn evaluation_averages(lang: Lang, f: &Figures) -> Vec<(&'static str, String, String)> {
    use crate::domain::evaluation::Question;
    Question::ALL
        .iter()
        .map(|q| {
            (
                q.as_str(),
                i18n::t(lang, &format!("statistics-evaluation-{}", q.as_str())),
                crate::web::routes::genlaer::average_text(
                    lang,
                    f.evaluations.tallies.get(*q).average_tenths(),
                ),
            )
        })
        .collect()
}

/// The figures as a one- or two-page PDF for funders: the year's numbers
/// and the months, tagged for screen readers (`crate::pdf`).
fn pdf_document(lang: Lang, f: &Figures) -> Result<Vec<u8>, crate::pdf::Error> {
    use crate::pdf::{Line, Role};
    let t = |k: &str| i18n::t(lang, k);
    let scope = f
        .scope_name
        .clone()
        .unwrap_or_else(|| t("statistics-national"));
    let title = format!("{} {}", t("statistics-title"), f.year);
    let mut lines = vec![
        Line::new("Social Sundhed", 16.0).bold().plum().space(6.0),
        Line::new(title.clone(), 28.0)
            .bold()
            .role(Role::Title)
            .space(24.0),
        Line::new(scope.clone(), 14.0).space(12.0),
        Line::new(t("statistics-figures"), 14.0)
            .bold()
            .role(Role::Heading)
            .space(24.0),
    ];
    lines.extend(lines_of(lang, f).into_iter().map(|(what, n)| {
        Line::new(format!("{what}: {n}"), 11.0)
            .role(Role::Item)
            .space(4.0)
    }));
    lines.push(
        Line::new(t("statistics-months"), 14.0)
            .bold()
            .role(Role::Heading)
            .space(20.0),
    );
    for (i, m) in f.months.iter().enumerate() {
        lines.push(
            Line::new(
                format!(
                    "{}: {} {}, {} {}",
                    format::month(lang, f.year, i as u32 + 1),
                    format::integer(lang, m.count),
                    t("statistics-brobygninger").to_lowercase(),
                    format::integer(lang, crate::domain::statistics::whole_hours(m.minutes)),
                    t("statistics-hours").to_lowercase(),
                ),
                10.5,
            )
            .role(Role::Item)
            .space(3.0),
        );
    }
    crate::pdf::document(&crate::pdf::Document {
        title: &format!("{title} – {scope}"),
        author: "Social Sundhed",
        lang: lang.code(),
        lines: &lines,
    })
}

/// The figures formatted for reading (thousands separated).
fn lines_of(lang: Lang, f: &Figures) -> Vec<(String, String)> {
    lines(lang, f)
        .into_iter()
        .map(|(what, n)| {
            let n = n
                .parse::<i64>()
                .map(|v| format::integer(lang, v))
                .unwrap_or(n);
            (what, n)
        })
        .collect()
}

/// The funder-ready summary as PDF; logged as an export.
pub async fn pdf(
    _admin: Admin,
    by: Actor,
    page: Page,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (year, scope) = (q.year(), q.scope());
    let figures = app::figures(&page.state.app, year, scope).await?;
    let object = match scope {
        Scope::National => Object::whole(ObjectKind::AnnualFigures),
        Scope::Region(r) => Object::new(ObjectKind::Region, r),
        Scope::Branch(b) => Object::new(ObjectKind::Branch, b),
    };
    let file = format!(
        "statistik-{}.pdf",
        query_string(&figures).replace(['=', '&'], "-")
    );
    audit::exported(&page.state.app, by, object, file.clone(), |_| Ok(())).await?;
    let lang = page.lang;
    let bytes = web::block(move || pdf_document(lang, &figures))
        .await?
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, "application/pdf"))
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}

/// The CSV file: the year's figures, then brobygninger and hours per
/// month. Counts only; logged as an export like every CSV file.
pub async fn csv(
    admin: Admin,
    by: Actor,
    page: Page,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let _ = admin;
    let (year, scope) = (q.year(), q.scope());
    let figures = app::figures(&page.state.app, year, scope).await?;
    let object = match scope {
        Scope::National => Object::whole(ObjectKind::AnnualFigures),
        Scope::Region(r) => Object::new(ObjectKind::Region, r),
        Scope::Branch(b) => Object::new(ObjectKind::Branch, b),
    };
    let file = format!(
        "statistik-{}.csv",
        query_string(&figures).replace(['=', '&'], "-")
    );
    audit::exported(&page.state.app, by, object, file.clone(), |_| Ok(())).await?;
    let lang = page.lang;
    let mut rows: Vec<Vec<String>> = lines(lang, &figures)
        .into_iter()
        .map(|(what, n)| vec![what, n])
        .collect();
    for (i, m) in figures.months.iter().enumerate() {
        let month = format::month(lang, figures.year, i as u32 + 1);
        rows.push(vec![
            format!("{month}: {}", i18n::t(lang, "statistics-brobygninger")),
            m.count.to_string(),
        ]);
        rows.push(vec![
            format!("{month}: {}", i18n::t(lang, "statistics-hours")),
            crate::domain::statistics::whole_hours(m.minutes).to_string(),
        ]);
    }
    let header = [
        page.t("statistics-csv-what"),
        format!("{} {}", page.t("statistics-csv-number"), figures.year),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(&file, body))
}
