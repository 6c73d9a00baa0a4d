//! Course evaluations: the participant's form behind their personal link
//! (`/evaluering/{token}`, no account needed: the link is the proof), and
//! the coordinators' results per session and per course over time, with
//! the distributions as tables of bars (`web::charts::bar_table`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::evaluations::{self, Closed, CourseResults, SessionResults};
use crate::domain::evaluation::{Answer, COMMENT_MAX, Question, Rating, Tallies, Tally};
use crate::domain::{Code, FieldErrors, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::web::charts::{self, BarTable, Cell, TableRow};
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct EvaluationForm {
    relevance: String,
    teachers: String,
    transfer: String,
    comment: String,
}

/// The questions as the form and the results name them.
#[derive(Debug, Serialize)]
struct QuestionView {
    code: &'static str,
    label: String,
}

fn questions(lang: Lang) -> Vec<QuestionView> {
    Question::ALL
        .iter()
        .map(|q| QuestionView {
            code: q.as_str(),
            label: i18n::t(lang, &format!("evaluation-question-{}", q.as_str())),
        })
        .collect()
}

fn render_closed(page: &Page, closed: Closed) -> Result<HttpResponse, AppError> {
    let status = match closed {
        Closed::Unknown => StatusCode::NOT_FOUND,
        Closed::Used => StatusCode::OK,
        Closed::Expired => StatusCode::GONE,
    };
    let mut ctx = Context::new();
    ctx.insert("closed", &closed);
    page.render_status(status, "genlaer/evaluation_closed.html", ctx)
}

fn render_form(
    page: &Page,
    token: &str,
    evaluating: &evaluations::Evaluating,
    form: &EvaluationForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("token", token);
    ctx.insert("evaluating", evaluating);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("questions", &questions(page.lang));
    ctx.insert("scale", &Rating::SCALE.collect::<Vec<i32>>());
    ctx.insert("comment_max", &COMMENT_MAX);
    page.render_form(errors, "genlaer/evaluation.html", ctx)
}

pub async fn form(page: Page, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    match evaluations::form(&page.state.app, token.clone()).await? {
        Ok(evaluating) => render_form(
            &page,
            &token,
            &evaluating,
            &EvaluationForm::default(),
            &FieldErrors::new(),
        ),
        Err(closed) => render_closed(&page, closed),
    }
}

pub async fn submit(
    page: Page,
    token: web::Path<String>,
    Form(form): Form<EvaluationForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let answer = match Answer::parse(
        &form.relevance,
        &form.teachers,
        &form.transfer,
        &form.comment,
    ) {
        Ok(answer) => answer,
        Err(errors) => {
            return match evaluations::form(&page.state.app, token.clone()).await? {
                Ok(evaluating) => render_form(&page, &token, &evaluating, &form, &errors),
                Err(closed) => render_closed(&page, closed),
            };
        }
    };
    match evaluations::submit(&page.state.app, token, answer).await? {
        Ok(()) => Ok(redirect("/evaluering/tak")),
        Err(closed) => render_closed(&page, closed),
    }
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("genlaer/evaluation_thanks.html", Context::new())
}

/// An average in tenths as the language writes it ("4,3", "4.3"); a dash
/// without answers.
pub fn average_text(lang: Lang, tenths: Option<i64>) -> String {
    match tenths {
        Some(t) => {
            let sep = if lang == Lang::Da { ',' } else { '.' };
            format!("{}{sep}{}", t / 10, t % 10)
        }
        None => "–".to_string(),
    }
}

/// How many chose each step of one question, as a table of bars.
fn distribution(lang: Lang, q: Question, tally: &Tally) -> String {
    let rows: Vec<TableRow> = tally
        .counts
        .iter()
        .zip(Rating::SCALE)
        .map(|(count, rating)| TableRow {
            label: i18n::t(lang, &format!("evaluation-scale-{rating}")),
            cells: vec![Cell::count(
                *count,
                crate::i18n::format::integer(lang, *count),
            )],
        })
        .collect();
    let caption = format!(
        "{} ({} {})",
        i18n::t(lang, &format!("evaluation-question-{}", q.as_str())),
        i18n::t(lang, "evaluation-average"),
        average_text(lang, tally.average_tenths()),
    );
    let heading = i18n::t(lang, "evaluation-col-rating");
    let series = i18n::t(lang, "evaluation-col-answers");
    charts::bar_table(&BarTable {
        id: &format!("chart-{}", q.as_str()),
        caption: &caption,
        label_heading: &heading,
        series: &[&series],
        rows: &rows,
        full: None,
    })
}

/// The averages per question, for the page's summary.
#[derive(Debug, Serialize)]
struct Average {
    code: &'static str,
    label: String,
    average: String,
}

fn averages(lang: Lang, tallies: &Tallies) -> Vec<Average> {
    Question::ALL
        .iter()
        .map(|q| Average {
            code: q.as_str(),
            label: i18n::t(lang, &format!("evaluation-question-{}", q.as_str())),
            average: average_text(lang, tallies.get(*q).average_tenths()),
        })
        .collect()
}

pub async fn session_results(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let r = evaluations::of_session(&page.state.app, user.account(), id.into_inner()).await?;
    let link = evaluations::teachers_session_path(&page.state.app.settings, r.session.id);
    render_session(&page, &r, Some(&link))
}

/// A session's results for its teachers, behind the link their
/// coordinator shared.
pub async fn session_results_for_teachers(
    page: Page,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let r = evaluations::of_session_for_teachers(&page.state.app, id, key).await?;
    render_session(&page, &r, None)
}

/// `teachers_link`: the coordinator's page offers the link to share;
/// without it, the page is the teachers' own.
fn render_session(
    page: &Page,
    r: &SessionResults,
    teachers_link: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let charts: Vec<String> = Question::ALL
        .iter()
        .map(|q| distribution(page.lang, *q, r.tallies.get(*q)))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("averages", &averages(page.lang, &r.tallies));
    ctx.insert("charts", &charts);
    ctx.insert("r", r);
    insert_teachers_link(page, &mut ctx, teachers_link);
    page.render("genlaer/staff/evaluation_session.html", ctx)
}

fn insert_teachers_link(page: &Page, ctx: &mut Context, path: Option<&str>) {
    ctx.insert("teacher_view", &path.is_none());
    if let Some(path) = path {
        let base = page.state.app.settings.base_url.trim_end_matches('/');
        ctx.insert("teachers_link", &format!("{base}{path}"));
    }
}

/// A course's sessions over time: each session's averages as bars (a full
/// bar is 5).
fn over_time(lang: Lang, r: &CourseResults) -> Option<String> {
    if r.sessions.iter().all(|s| s.answers == 0) {
        return None;
    }
    let rows: Vec<TableRow> = r
        .sessions
        .iter()
        .filter(|s| s.answers > 0)
        .map(|s| TableRow {
            label: format!(
                "{} {}",
                crate::i18n::format::short_date(lang, s.starts_at),
                s.title
            ),
            cells: Question::ALL
                .iter()
                .map(|q| {
                    let avg = s.tallies.get(*q).average_tenths();
                    Cell {
                        value: avg,
                        text: average_text(lang, avg),
                    }
                })
                .collect(),
        })
        .collect();
    let names: Vec<String> = Question::ALL
        .iter()
        .map(|q| i18n::t(lang, &format!("evaluation-short-{}", q.as_str())))
        .collect();
    let series: Vec<&str> = names.iter().map(String::as_str).collect();
    let caption = i18n::t(lang, "evaluation-course-chart");
    let heading = i18n::t(lang, "evaluation-col-session");
    Some(charts::bar_table(&BarTable {
        id: "chart-over-time",
        caption: &caption,
        label_heading: &heading,
        series: &series,
        rows: &rows,
        full: Some(50),
    }))
}

/// One session's line in the course's table.
#[derive(Debug, Serialize)]
struct Line {
    session_id: i64,
    /// The session's results: the coordinator's page, or for teachers
    /// their link to it.
    href: String,
    title: String,
    starts_at: chrono::NaiveDateTime,
    invited: i64,
    answers: i64,
    averages: Vec<String>,
}

pub async fn course_results(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let r = evaluations::of_course(&page.state.app, user.account(), id.into_inner()).await?;
    let link = evaluations::teachers_course_path(
        &page.state.app.settings,
        r.course.id,
        &evaluations::Branches::of(user.account()),
    );
    render_course(&page, &r, Some(&link))
}

/// A course's results over time for its teachers, behind the link a
/// coordinator shared (the sessions of that coordinator's branches).
pub async fn course_results_for_teachers(
    page: Page,
    path: web::Path<(i64, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, branches, key) = path.into_inner();
    let r = evaluations::of_course_for_teachers(&page.state.app, id, branches, key).await?;
    render_course(&page, &r, None)
}

fn render_course(
    page: &Page,
    r: &CourseResults,
    teachers_link: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let lines: Vec<Line> = r
        .sessions
        .iter()
        .map(|s| Line {
            session_id: s.session_id,
            href: if teachers_link.is_some() {
                format!("/koordinator/genlaer/hold/{}/evaluering", s.session_id)
            } else {
                evaluations::teachers_session_path(&page.state.app.settings, s.session_id)
            },
            title: s.title.clone(),
            starts_at: s.starts_at,
            invited: s.invited,
            answers: s.answers,
            averages: Question::ALL
                .iter()
                .map(|q| average_text(page.lang, s.tallies.get(*q).average_tenths()))
                .collect(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("course", &r.course);
    ctx.insert("answers", &r.answers);
    ctx.insert("invited", &r.invited);
    ctx.insert("averages", &averages(page.lang, &r.total));
    ctx.insert("questions", &questions(page.lang));
    ctx.insert("lines", &lines);
    ctx.insert("chart", &over_time(page.lang, r));
    insert_teachers_link(page, &mut ctx, teachers_link);
    page.render("genlaer/staff/evaluation_course.html", ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_are_written_the_language_s_way() {
        assert_eq!(average_text(Lang::Da, Some(43)), "4,3");
        assert_eq!(average_text(Lang::En, Some(40)), "4.0");
        assert_eq!(average_text(Lang::Da, None), "–");
    }
}
