//! Retention that runs by itself: a step of the mail worker's pass that
//! applies the rules of `domain::retention` once per Copenhagen day, and
//! the administrators' settings and report at `/admin/privatliv`.
//!
//! Each rule is one transaction that begins by inserting its
//! `retention_runs` row for the day. The primary key lets one instance
//! alone through; the others (and later passes the same day) find the row
//! and skip the rule. A rule that fails rolls its row back with it, so the
//! next pass tries again.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::{Connection, QueryResult};
use serde::Serialize;

use super::audit::{self, Actor, Object};
use super::erasure::Mode;
use super::{App, Error};
use crate::db::outbox::{self, OutboxRow};
use crate::db::retention::{self as store, Run};
use crate::db::{DbConnection, now};
use crate::domain::Code;
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::retention::{self, Rule};

/// Renders the subject of a message whose body is about to be cleared
/// (`mail::render::subject`, given by the worker: rendering is the mail
/// layer's).
pub type SubjectOf = fn(&OutboxRow) -> Option<String>;

/// Messages read at a time when clearing bodies.
const BATCH: i64 = 500;

/// How many days of runs the administrators' report shows.
pub const REPORT_DAYS: i64 = 30;

/// Runs every rule not yet run on `now`'s Copenhagen day; returns the rows
/// deleted or cleared. A rule that fails is logged and left for the next
/// pass, and does not stop the others (nor the sending of mail).
#[tracing::instrument(skip(conn, subject_of), fields(affected = tracing::field::Empty))]
pub fn run_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    subject_of: SubjectOf,
) -> QueryResult<usize> {
    let day = retention::day(now);
    let mut total = 0;
    for &rule in Rule::ALL {
        let ran = conn.transaction(|c| -> QueryResult<Option<usize>> {
            if !store::claim(c, day, rule, now)? {
                return Ok(None);
            }
            let days = rule.effective(store::setting(c, rule)?);
            let affected = apply(c, rule, retention::cutoff(now, days), subject_of)?;
            store::record_count(c, day, rule, i32::try_from(affected).unwrap_or(i32::MAX))?;
            Ok(Some(affected))
        });
        match ran {
            Ok(Some(affected)) => {
                tracing::info!(rule = rule.as_str(), affected, "retention rule ran");
                total += affected;
            }
            Ok(None) => {}
            Err(e) => tracing::error!(rule = rule.as_str(), error = %e, "retention rule failed"),
        }
    }
    tracing::Span::current().record("affected", total);
    Ok(total)
}

/// Deletes or clears what `rule` keeps no longer than `before`.
fn apply(
    conn: &mut DbConnection,
    rule: Rule,
    before: NaiveDateTime,
    subject_of: SubjectOf,
) -> QueryResult<usize> {
    match rule {
        Rule::DeclinedApplications => store::delete_declined_applications(conn, before),
        Rule::UnconfirmedAccounts => {
            let ids = store::unconfirmed_accounts(conn, before)?;
            store::delete_accounts(conn, &ids)
        }
        Rule::Needs => store::clear_needs(conn, before),
        Rule::MessageBodies => {
            let mut cleared = 0;
            let mut after = 0;
            loop {
                let batch = outbox::bodies_delivered_before(conn, before, after, BATCH)?;
                let Some(last) = batch.last() else {
                    break;
                };
                after = last.id;
                for row in &batch {
                    cleared += outbox::clear_body(conn, row.id, subject_of(row).as_deref())?;
                }
            }
            Ok(cleared)
        }
        Rule::SupervisionAfterLeaving => {
            let ids = left_before(conn, before)?;
            store::delete_supervision_of(conn, &ids)
        }
        Rule::ChecksAfterLeaving => {
            let ids = left_before(conn, before)?;
            store::delete_checks_of(conn, &ids)
        }
        Rule::InactiveAccounts => {
            let ids = crate::db::erasure::inactive_since(conn, before, ERASE_BATCH)?;
            for &id in &ids {
                super::erasure::erase_in(conn, id, &Actor::system(), Mode::Retention)
                    .map_err(as_query_error)?;
            }
            Ok(ids.len())
        }
    }
}

/// Accounts erased a day at most: a first run over years of history
/// spreads over days rather than holding one long transaction.
const ERASE_BATCH: i64 = 200;

/// `erase_in` speaks the application's errors; a retention rule, the
/// database's, so that its transaction rolls back on any of them.
fn as_query_error(e: Error) -> diesel::result::Error {
    match e {
        Error::Storage(crate::db::Error::Query(q)) => q,
        Error::NotFound => diesel::result::Error::NotFound,
        other => diesel::result::Error::QueryBuilderError(other.to_string().into()),
    }
}

/// The brobyggere who left before `before`.
fn left_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<Vec<i64>> {
    Ok(store::leavers(conn)?
        .into_iter()
        .filter(|l| retention::left_at(l.became_alumni, l.status_updated) <= before)
        .map(|l| l.user_id)
        .collect())
}

/// A rule and the days in force, as the privacy notice states them.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub code: &'static str,
    pub days: i32,
}

/// The days in force for every rule, for `/privatliv`: the notice says
/// what an administrator chose, not only the defaults.
pub async fn periods(app: &App) -> Result<Vec<Period>, Error> {
    app.read(|c| {
        let chosen = store::settings(c)?;
        Ok(Rule::ALL
            .iter()
            .map(|&rule| {
                let stored = chosen.iter().find(|(r, _)| *r == rule).map(|(_, d)| *d);
                Period {
                    code: rule.as_str(),
                    days: rule.effective(stored),
                }
            })
            .collect())
    })
    .await
}

/// One rule as the administrators' form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleSetting {
    pub rule: Rule,
    pub code: &'static str,
    /// The days in force.
    pub days: i32,
    pub default_days: i32,
    pub min: i32,
    pub max: i32,
    /// The registry's retention text key, for what the rule enforces.
    pub retention_key: String,
    pub last_run: Option<Run>,
}

/// One day of the report: each rule's count (in `Rule::ALL` order), `None`
/// where the rule did not run that day.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDay {
    pub day: NaiveDate,
    pub counts: Vec<Option<i32>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub rules: Vec<RuleSetting>,
    /// The last `REPORT_DAYS` days with runs, newest first.
    pub report: Vec<ReportDay>,
}

/// The settings, each rule's last run and the report of recent runs.
#[tracing::instrument(skip(app))]
pub async fn overview(app: &App) -> Result<Overview, Error> {
    app.read(|c| {
        let stored = store::settings(c)?;
        let mut rules = Vec::with_capacity(Rule::ALL.len());
        for &rule in Rule::ALL {
            let chosen = stored.iter().find(|(r, _)| *r == rule).map(|(_, d)| *d);
            rules.push(RuleSetting {
                rule,
                code: rule.as_str(),
                days: rule.effective(chosen),
                default_days: rule.default_days(),
                min: *rule.range().start(),
                max: *rule.range().end(),
                retention_key: format!("privacy-retention-{}", rule.retention().as_str()),
                last_run: store::last_run(c, rule)?,
            });
        }
        let from = retention::day(now()) - Duration::days(REPORT_DAYS - 1);
        let mut report: Vec<ReportDay> = Vec::new();
        for run in store::runs_since(c, from)? {
            if report.last().is_none_or(|d| d.day != run.day) {
                report.push(ReportDay {
                    day: run.day,
                    counts: vec![None; Rule::ALL.len()],
                });
            }
            let slot = Rule::ALL.iter().position(|r| *r == run.rule);
            if let (Some(day), Some(i)) = (report.last_mut(), slot) {
                day.counts[i] = Some(run.deleted);
            }
        }
        Ok(Overview { rules, report })
    })
    .await
}

/// Stores the days chosen per rule (already checked against each rule's
/// range); one audit row per rule whose days changed. Returns how many
/// changed.
#[tracing::instrument(skip(app, by))]
pub async fn save(app: &App, by: Actor, chosen: Vec<(Rule, i32)>) -> Result<usize, Error> {
    app.write(move |c| {
        let at = now();
        let mut changed = 0;
        for (rule, days) in chosen {
            let before = rule.effective(store::setting(c, rule)?);
            if before == days {
                continue;
            }
            store::save(c, rule, days, by.user_id, at)?;
            let object = Object::whole(ObjectKind::RetentionRule).labelled(rule.as_str());
            let detail = format!("{before} → {days}");
            audit::record(c, &by, Action::RetentionChanged, &object, Some(&detail))?;
            changed += 1;
        }
        Ok(changed)
    })
    .await
}
