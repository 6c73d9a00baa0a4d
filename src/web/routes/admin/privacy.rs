//! The record of processing activities (GDPR Art. 30) for administrators,
//! as a page and as a CSV file, generated from the registry of personal
//! data. It describes what the site stores and holds nobody's data, so,
//! unlike the exports of personal data, the download neither asks for a
//! fresh password nor is written to the audit log.
//!
//! The same page holds the retention rules that run by themselves
//! (`app::retention`): how many days each keeps, within its legal range,
//! and a report of the last runs. Changing them asks for a fresh proof of
//! identity and is written to the audit log.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::{privacy, retention};
use crate::domain::retention::Rule;
use crate::domain::{Code, FieldErrors};
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::{Admin, Form, FreshAdmin, Page};

pub async fn record(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let overview = retention::overview(&page.state.app).await?;
    let typed = RetentionForm::from_days(&overview.rules);
    render(&page, overview, &typed, &FieldErrors::new(), false)
}

/// The days typed per rule, one field per rule code.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct RetentionForm {
    declined_applications: String,
    unconfirmed_accounts: String,
    needs: String,
    message_bodies: String,
    supervision_after_leaving: String,
    checks_after_leaving: String,
    inactive_accounts: String,
}

impl RetentionForm {
    fn field(&self, rule: Rule) -> &str {
        match rule {
            Rule::DeclinedApplications => &self.declined_applications,
            Rule::UnconfirmedAccounts => &self.unconfirmed_accounts,
            Rule::Needs => &self.needs,
            Rule::MessageBodies => &self.message_bodies,
            Rule::SupervisionAfterLeaving => &self.supervision_after_leaving,
            Rule::ChecksAfterLeaving => &self.checks_after_leaving,
            Rule::InactiveAccounts => &self.inactive_accounts,
        }
    }

    fn field_mut(&mut self, rule: Rule) -> &mut String {
        match rule {
            Rule::DeclinedApplications => &mut self.declined_applications,
            Rule::UnconfirmedAccounts => &mut self.unconfirmed_accounts,
            Rule::Needs => &mut self.needs,
            Rule::MessageBodies => &mut self.message_bodies,
            Rule::SupervisionAfterLeaving => &mut self.supervision_after_leaving,
            Rule::ChecksAfterLeaving => &mut self.checks_after_leaving,
            Rule::InactiveAccounts => &mut self.inactive_accounts,
        }
    }

    /// The form filled with the days in force.
    fn from_days(rules: &[retention::RuleSetting]) -> RetentionForm {
        let mut form = RetentionForm::default();
        for r in rules {
            *form.field_mut(r.rule) = r.days.to_string();
        }
        form
    }

    /// Every rule's days, each within its range; every mistake beside its
    /// field.
    fn parse(&self) -> Result<Vec<(Rule, i32)>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let chosen: Vec<(Rule, i32)> = Rule::ALL
            .iter()
            .filter_map(|&rule| {
                errors
                    .check(rule.as_str(), rule.parse_days(self.field(rule)))
                    .map(|days| (rule, days))
            })
            .collect();
        if errors.is_empty() {
            Ok(chosen)
        } else {
            Err(errors)
        }
    }
}

/// One row of the form: the rule with what was typed and its mistake.
#[derive(Serialize)]
struct RuleRow<'a> {
    #[serde(flatten)]
    setting: &'a retention::RuleSetting,
    typed: &'a str,
    error: Option<&'static str>,
}

fn render(
    page: &Page,
    overview: retention::Overview,
    typed: &RetentionForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let rows: Vec<RuleRow> = overview
        .rules
        .iter()
        .map(|r| RuleRow {
            setting: r,
            typed: typed.field(r.rule),
            error: errors.get(r.code).map(|e| e.0),
        })
        .collect();
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    let mut ctx = Context::new();
    ctx.insert("rows", &privacy::record());
    ctx.insert("free_tables", &privacy::free_tables());
    ctx.insert("retention_rules", &rows);
    ctx.insert("retention_codes", &codes);
    ctx.insert("retention_report", &overview.report);
    ctx.insert("retention_report_days", &retention::REPORT_DAYS);
    ctx.insert("errors", errors);
    if invalid {
        page.render_invalid("admin/privacy.html", ctx)
    } else {
        page.render("admin/privacy.html", ctx)
    }
}

/// Saves the days of every rule; values outside a rule's range are
/// refused with the page shown again as typed.
pub async fn save_retention(
    _admin: FreshAdmin,
    by: Actor,
    page: Page,
    Form(form): Form<RetentionForm>,
) -> Result<HttpResponse, AppError> {
    match form.parse() {
        Ok(chosen) => {
            let changed = retention::save(&page.state.app, by, chosen).await?;
            if changed > 0 {
                page.success("flash-retention-saved");
            } else {
                page.info("flash-retention-unchanged");
            }
            Ok(redirect("/admin/privatliv#opbevaring"))
        }
        Err(errors) => {
            let overview = retention::overview(&page.state.app).await?;
            render(&page, overview, &form, &errors, true)
        }
    }
}

/// One row per registry entry, the texts in the administrator's language.
pub async fn csv(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let t = |k: &str| page.t(k);
    let header = [
        t("privacy-col-table"),
        t("privacy-col-columns"),
        t("privacy-col-category"),
        t("privacy-col-purpose"),
        t("privacy-col-basis"),
        t("privacy-col-retention"),
        t("privacy-col-erasure"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = privacy::record()
        .iter()
        .map(|r| {
            let basis: Vec<String> = r
                .basis_keys
                .iter()
                .zip(&r.articles)
                .map(|(k, a)| format!("{a}: {}", t(k)))
                .collect();
            vec![
                r.table.to_string(),
                r.columns.join(", "),
                t(&r.category_key),
                t(&r.purpose_key),
                basis.join("; "),
                t(&r.retention_key),
                t(&r.erasure_key),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download("behandlingsfortegnelse.csv", body))
}
