//! "Mine data" (`/konto/data`) and its JSON download (`/konto/data.json`):
//! everything the site holds about the signed-in person, after a fresh
//! proof of who they are. The administrators' pages on a person's behalf
//! (`admin::data`) render with the same functions.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use serde::Serialize;
use serde_json::Value;
use tera::Context;

use crate::app::data_export::{self, Export};
use crate::domain::Code;
use crate::domain::privacy::export::{ColumnType, parse_timestamp};
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::web::{FreshSignedIn, Page};

/// The file name of every download.
const FILE_NAME: &str = "brobyg-data.json";

pub async fn show(user: FreshSignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let export = data_export::own(&page.state.app, user.account().user.id).await?;
    render(&page, &export, None)
}

pub async fn download(user: FreshSignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let export = data_export::own(&page.state.app, user.account().user.id).await?;
    json(&page, &export)
}

#[derive(Serialize)]
struct ViewSection {
    table: &'static str,
    purpose_key: String,
    articles: Vec<&'static str>,
    basis_keys: Vec<String>,
    retention_key: String,
    headings: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct ViewGroup {
    category: &'static str,
    name_key: String,
    text_key: String,
    sections: Vec<ViewSection>,
}

#[derive(Serialize)]
struct ViewAction {
    at: String,
    action_key: String,
    actor: String,
    detail: String,
}

/// A column's name as a heading: its translation where there is one,
/// else the name made readable ("last_seen_at" → "Last seen at").
fn heading(page: &Page, key: &str, name: &str) -> String {
    if i18n::exists(page.lang, key) {
        return page.t(key);
    }
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// One value as the page shows it: times in Copenhagen, dates and yes/no
/// in the page's language.
fn cell(page: &Page, kind: ColumnType, value: &Value) -> String {
    match (kind, value) {
        (_, Value::Null) => "–".into(),
        (ColumnType::Timestamp, Value::String(s)) => parse_timestamp(s)
            .map(|t| format::datetime(page.lang, t))
            .unwrap_or_else(|| s.clone()),
        (ColumnType::Date, Value::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(|d| format::day(page.lang, d))
            .unwrap_or_else(|_| s.clone()),
        (_, Value::Bool(b)) => page.t(if *b { "data-yes" } else { "no" }),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// The page: `person_id` is set when an administrator reads it on the
/// person's behalf (the links then go to the admin's routes).
pub(crate) fn render(
    page: &Page,
    export: &Export,
    person_id: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let groups: Vec<ViewGroup> = export
        .groups
        .iter()
        .map(|g| ViewGroup {
            category: g.category,
            name_key: g.name_key.clone(),
            text_key: g.text_key.clone(),
            sections: g
                .sections
                .iter()
                .map(|s| ViewSection {
                    table: s.table,
                    purpose_key: s.purpose_key.clone(),
                    articles: s.articles.clone(),
                    basis_keys: s.basis_keys.clone(),
                    retention_key: s.retention_key.clone(),
                    headings: s
                        .columns
                        .iter()
                        .map(|c| heading(page, &c.label_key, &c.name))
                        .collect(),
                    rows: s
                        .rows
                        .iter()
                        .map(|r| {
                            s.columns
                                .iter()
                                .zip(r)
                                .map(|(c, v)| cell(page, c.kind, v))
                                .collect()
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let actions: Vec<ViewAction> = export
        .staff_actions
        .iter()
        .map(|a| ViewAction {
            at: format::datetime(page.lang, a.at),
            action_key: format!("audit-action-{}", a.action.as_str()),
            actor: a.actor.clone().unwrap_or_else(|| page.t("audit-system")),
            detail: a.detail.clone().unwrap_or_default(),
        })
        .collect();
    let withheld: Vec<String> = export
        .withheld
        .iter()
        .map(|w| format!("{}.{}", w.table, w.column))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("person", &export.person);
    ctx.insert("groups", &groups);
    ctx.insert("staff_actions", &actions);
    ctx.insert("withheld", &withheld);
    ctx.insert("person_id", &person_id);
    ctx.insert("format", data_export::FORMAT);
    page.render("account/data.html", ctx)
}

/// The JSON download, with its texts in the page's language.
pub(crate) fn json(page: &Page, export: &Export) -> Result<HttpResponse, AppError> {
    let doc = data_export::document(export, |k| page.t(k));
    let body = serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/json; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{FILE_NAME}\""),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body))
}
