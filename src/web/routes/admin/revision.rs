//! The audit log for administrators (`/admin/revision`): a paged list,
//! newest first, filtered by actor, action, object and dates, and the same
//! rows as a CSV file, whose download is itself logged. There is no route
//! that changes or removes a row.

use actix_web::{HttpResponse, web};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::{self, Actor};
use crate::db::audit::{Entry, Filter};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::{Code, FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::paging::base_href;
use crate::web::{Admin, FreshAdmin, Page};

/// The filter as the form sends it (Danish parameter names, like the
/// site's other lists).
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct Query {
    aktoer: String,
    handling: String,
    objekt: String,
    objekt_id: String,
    fra: String,
    til: String,
    side: i64,
}

impl Query {
    /// The filter, or what is wrong with the form (a mistyped date, an
    /// action the site does not know): every field in one pass.
    fn parse(&self) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let actor = text(&self.aktoer).filter(|a| a.chars().count() <= 200);
        let action = errors.check("handling", optional(&self.handling, Action::parse));
        let kind = errors.check("objekt", optional(&self.objekt, ObjectKind::parse));
        let id = errors.check(
            "objekt_id",
            optional(&self.objekt_id, |s| s.parse::<i64>().ok()),
        );
        let from = errors.check("fra", optional_date(&self.fra));
        let to = errors.check("til", optional_date(&self.til));
        let (Some(action), Some(object_kind), Some(object_id), Some(from), Some(to)) =
            (action, kind, id, from, to)
        else {
            return Err(errors);
        };
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            errors.add("til", Invalid("audit-date-order"));
            return Err(errors);
        }
        Ok(Filter {
            actor,
            action,
            object_kind,
            object_id,
            from: from.and_then(audit::day_start),
            // The last day counts whole: until the next one begins.
            until: to
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .and_then(audit::day_start),
        })
    }

    /// The filters in use, for the pager's links and the CSV link.
    fn params(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("aktoer", self.aktoer.as_str()),
            ("handling", self.handling.as_str()),
            ("objekt", self.objekt.as_str()),
            ("objekt_id", self.objekt_id.as_str()),
            ("fra", self.fra.as_str()),
            ("til", self.til.as_str()),
        ]
    }
}

/// An empty field is no filter; anything else must parse.
fn optional<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        s => parse(s).map(Some).ok_or(Invalid("audit-filter-invalid")),
    }
}

fn optional_date(raw: &str) -> Result<Option<NaiveDate>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        s => time::date(s).map(Some),
    }
}

/// One row as the page shows it.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    /// The object's page, if it has one.
    href: Option<String>,
}

pub async fn list(
    _admin: Admin,
    page: Page,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let mut ctx = Context::new();
    ctx.insert("q", &query);
    ctx.insert("actions", Action::ALL);
    ctx.insert("kinds", ObjectKind::ALL);
    let filter = match query.parse() {
        Ok(filter) => filter,
        Err(errors) => {
            ctx.insert("errors", &errors);
            ctx.insert("rows", &Vec::<Row>::new());
            ctx.insert("pager", &None::<crate::web::paging::Pager>);
            return page.render_invalid("admin/revision.html", ctx);
        }
    };
    let log = audit::page(&page.state.app, filter, query.side).await?;
    let rows: Vec<Row> = log
        .entries
        .iter()
        .map(|entry| Row {
            entry,
            href: entry.object_kind.path(entry.object_id),
        })
        .collect();
    let params = query.params();
    ctx.insert("errors", &FieldErrors::new());
    ctx.insert("rows", &rows);
    ctx.insert("pager", &log.pager);
    ctx.insert("pager_base", &base_href("/admin/revision", &params));
    ctx.insert(
        "csv_href",
        base_href("/admin/revision.csv", &params).trim_end_matches(['?', '&']),
    );
    page.render("admin/revision.html", ctx)
}

/// The rows matching the filter as a CSV file; the download is logged with
/// the filter it used. A filter that does not parse is a 400 page.
pub async fn csv(
    _admin: FreshAdmin,
    by: Actor,
    page: Page,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = query
        .parse()
        .map_err(|_| AppError::BadRequest("audit log filter".into()))?;
    let described = described(&query);
    let entries = audit::export(&page.state.app, by, filter, described).await?;
    let t = |k: &str| page.t(k);
    let header = [
        t("audit-at"),
        t("audit-actor"),
        t("csv-email"),
        t("audit-client"),
        t("audit-action"),
        t("audit-object"),
        t("audit-object-id"),
        t("audit-label"),
        t("audit-detail"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                excel::danish_datetime(e.at),
                e.actor_name.clone().unwrap_or_else(|| t("audit-system")),
                e.actor_email.clone().unwrap_or_default(),
                e.client.clone(),
                t(&format!("audit-action-{}", e.action.as_str())),
                t(&format!("audit-object-{}", e.object_kind.as_str())),
                e.object_id.map(|i| i.to_string()).unwrap_or_default(),
                e.object_label.clone().unwrap_or_default(),
                e.detail.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download("revisionslog.csv", body))
}

/// The filter in the log's own row: "revision.csv aktoer=… handling=…".
fn described(query: &Query) -> String {
    let used: Vec<String> = query
        .params()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", v.trim()))
        .collect();
    if used.is_empty() {
        "revision.csv".into()
    } else {
        format!("revision.csv {}", used.join(" "))
    }
}
