//! Importing the people Social Sundhed had before Brobyg, from a
//! spreadsheet: brobyggere with their course and declaration, and
//! coordinators with their branches (`domain::import` reads the file).
//!
//! `preview` is the dry run: every row with what would happen and every
//! problem, writing nothing. `apply` reads the file again (the preview is
//! never trusted: the file may have changed, or been forged) and writes
//! all rows in one transaction, or, if any row has a problem, none. Rows
//! whose stored facts already say what the row says are left alone, so the
//! same file imported twice writes nothing the second time.
//!
//! Imported people get no email: they have no password until an
//! administrator sends the welcome (`send_welcome`), with a link to choose
//! one.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::audit::{self, Actor, Object};
use super::{App, Error};
use crate::db::imports::{self as stored};
use crate::db::volunteer_history::{self, Note};
use crate::db::{DbConnection, branches, declarations, outbox, users as user_rows};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::events::{Message, Recipient};
use crate::domain::import::coordinators::{self, CoordinatorRow};
use crate::domain::import::volunteers::{self, Change, Current, Lookup, VolunteerRow};
use crate::domain::import::{self, Action as RowAction, BranchRef, Parsed, Problem, welcome};
use crate::domain::volunteer::VolunteerStatus;
use crate::domain::{Lang, Role};

/// What a file imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Volunteers,
    Coordinators,
}

/// One row of the dry run.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub line: usize,
    pub name: String,
    pub email: String,
    /// What would happen; `None` for a row with problems.
    pub action: Option<RowAction>,
    pub problems: Vec<Problem>,
}

/// The dry run of a file: its rows and every problem, by line.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub kind: Kind,
    pub rows: Vec<RowView>,
    pub problems: Vec<Problem>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Preview {
    /// Nothing stops the import.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Anything to write.
    pub fn writes(&self) -> bool {
        self.created + self.updated > 0
    }

    fn from_rows(kind: Kind, rows: Vec<RowView>) -> Preview {
        let count = |a| rows.iter().filter(|r| r.action == Some(a)).count();
        Preview {
            kind,
            created: count(RowAction::Create),
            updated: count(RowAction::Update),
            unchanged: count(RowAction::Unchanged),
            problems: rows.iter().flat_map(|r| r.problems.clone()).collect(),
            rows,
        }
    }

    fn of_file(kind: Kind, problems: Vec<Problem>) -> Preview {
        Preview {
            kind,
            rows: Vec::new(),
            problems,
            created: 0,
            updated: 0,
            unchanged: 0,
        }
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub kind: Kind,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Everyone in the file, created, updated or not.
    pub people: Vec<i64>,
    /// Of them, those without a password: who a welcome would reach.
    pub without_password: Vec<i64>,
}

fn today() -> NaiveDate {
    crate::domain::time::local(crate::db::now()).date_naive()
}

/// A date from the file as a stored instant: noon in Copenhagen, so that
/// it reads as the same day wherever it is shown.
fn noon(day: NaiveDate) -> NaiveDateTime {
    crate::domain::time::local_to_utc(day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .unwrap_or_else(|_| day.and_time(NaiveTime::MIN))
}

fn branch_refs(conn: &mut DbConnection) -> Result<Vec<BranchRef>, Error> {
    Ok(branches::all(conn)?
        .into_iter()
        .map(|b| BranchRef {
            id: b.branch.id,
            name: b.branch.name,
            slug: b.branch.slug,
        })
        .collect())
}

/// The file's rows parsed, compared with what is stored.
enum Planned {
    Volunteers(Paired<VolunteerRow, Current>),
    Coordinators(Paired<CoordinatorRow, coordinators::Current>),
}

fn plan(
    conn: &mut DbConnection,
    kind: Kind,
    bytes: &[u8],
) -> Result<Result<Planned, Preview>, Error> {
    let sheet = match import::read_sheet(bytes) {
        Ok(sheet) => sheet,
        Err(problems) => return Ok(Err(Preview::of_file(kind, problems))),
    };
    let branches = branch_refs(conn)?;
    Ok(Ok(match kind {
        Kind::Volunteers => {
            let curriculum = super::site_content::curriculum(conn)?;
            let lookup = Lookup {
                branches: &branches,
                curriculum: &curriculum,
                today: today(),
            };
            let parsed = match volunteers::parse(&sheet, &lookup) {
                Ok(p) => p,
                Err(problems) => return Ok(Err(Preview::of_file(kind, problems))),
            };
            Planned::Volunteers(with_current(
                parsed,
                |r| &r.email,
                |emails| current_volunteers(conn, emails),
            )?)
        }
        Kind::Coordinators => {
            let parsed = match coordinators::parse(&sheet, &branches) {
                Ok(p) => p,
                Err(problems) => return Ok(Err(Preview::of_file(kind, problems))),
            };
            Planned::Coordinators(with_current(
                parsed,
                |r| &r.email,
                |emails| current_coordinators(conn, emails),
            )?)
        }
    }))
}

fn preview_of(kind: Kind, planned: &Planned) -> Preview {
    fn view<R>(p: &Parsed<R>, action: Option<RowAction>) -> RowView {
        RowView {
            line: p.line,
            name: p.name.clone(),
            email: p.email.clone(),
            action,
            problems: p.problems.clone(),
        }
    }
    let rows = match planned {
        Planned::Volunteers(rows) => rows
            .iter()
            .map(|(p, c)| {
                view(
                    p,
                    p.record.as_ref().map(|r| volunteers::action(r, c.as_ref())),
                )
            })
            .collect(),
        Planned::Coordinators(rows) => rows
            .iter()
            .map(|(p, c)| {
                view(
                    p,
                    p.record
                        .as_ref()
                        .map(|r| coordinators::action(r, c.as_ref())),
                )
            })
            .collect(),
    };
    Preview::from_rows(kind, rows)
}

/// The dry run, on the caller's connection.
pub fn preview_in(conn: &mut DbConnection, kind: Kind, bytes: &[u8]) -> Result<Preview, Error> {
    Ok(match plan(conn, kind, bytes)? {
        Ok(planned) => preview_of(kind, &planned),
        Err(preview) => preview,
    })
}

/// The dry run: writes nothing.
#[tracing::instrument(skip(app, bytes))]
pub async fn preview(app: &App, kind: Kind, bytes: Vec<u8>) -> Result<Preview, Error> {
    app.read(move |c| preview_in(c, kind, &bytes)).await
}

/// Imports the file in the caller's transaction: every row, or (with a
/// problem anywhere) nothing and the dry run that says why. `label` names
/// the import in the audit log (a file name).
pub fn apply_in(
    conn: &mut DbConnection,
    kind: Kind,
    bytes: &[u8],
    by: &Actor,
    label: &str,
) -> Result<Result<Summary, Preview>, Error> {
    let planned = match plan(conn, kind, bytes)? {
        Ok(planned) => planned,
        Err(preview) => return Ok(Err(preview)),
    };
    let preview = preview_of(kind, &planned);
    if !preview.is_clean() {
        return Ok(Err(preview));
    }
    let mut people = Vec::new();
    match planned {
        Planned::Volunteers(rows) => {
            for (parsed, current) in rows {
                if let Some(row) = parsed.record {
                    people.push(write_volunteer(conn, &row, current.as_ref(), by.user_id)?);
                }
            }
            // Status, course and declaration: the pipeline's stored readiness.
            crate::app::volunteers::readiness::refresh(conn, &people)?;
        }
        Planned::Coordinators(rows) => {
            for (parsed, current) in rows {
                if let Some(row) = parsed.record {
                    people.push(write_coordinator(conn, &row, current.as_ref())?);
                }
            }
        }
    }
    if preview.writes() {
        let action = match kind {
            Kind::Volunteers => Action::VolunteersImported,
            Kind::Coordinators => Action::CoordinatorsImported,
        };
        let detail = format!(
            "{label}: {} oprettet, {} opdateret, {} uændret",
            preview.created, preview.updated, preview.unchanged
        );
        let object = Object::whole(ObjectKind::User).labelled(label);
        audit::record(conn, by, action, &object, Some(&detail))?;
    }
    let without_password = stored::without_password(conn, &people)?;
    Ok(Ok(Summary {
        kind,
        created: preview.created,
        updated: preview.updated,
        unchanged: preview.unchanged,
        people,
        without_password,
    }))
}

/// Imports the file: all rows or none.
#[tracing::instrument(skip(app, bytes, by))]
pub async fn apply(
    app: &App,
    kind: Kind,
    bytes: Vec<u8>,
    by: Actor,
    label: String,
) -> Result<Result<Summary, Preview>, Error> {
    app.write(move |c| apply_in(c, kind, &bytes, &by, &label))
        .await
}

/// What is stored about the people with these addresses, by address, in a
/// fixed number of queries.
/// Rows of a file, each with what is stored for its person (if anything).
type Paired<R, C> = Vec<(Parsed<R>, Option<C>)>;

/// Pairs each parsed row with what is stored for its email (one query
/// for the whole file, by `load`).
fn with_current<R, C>(
    parsed: Vec<Parsed<R>>,
    email: impl Fn(&R) -> &crate::domain::email::EmailAddress,
    load: impl FnOnce(&[&str]) -> Result<HashMap<String, C>, Error>,
) -> Result<Paired<R, C>, Error> {
    let emails: Vec<&str> = parsed
        .iter()
        .filter_map(|p| p.record.as_ref().map(|r| email(r).as_str()))
        .collect();
    let mut current = load(&emails)?;
    Ok(parsed
        .into_iter()
        .map(|p| {
            let c = p
                .record
                .as_ref()
                .and_then(|r| current.remove(email(r).as_str()));
            (p, c)
        })
        .collect())
}

fn current_volunteers(
    conn: &mut DbConnection,
    emails: &[&str],
) -> Result<HashMap<String, Current>, Error> {
    let accounts = stored::accounts_by_email(conn, emails)?;
    let ids: Vec<i64> = accounts.iter().map(|a| a.0).collect();
    let records: HashMap<i64, (i64, VolunteerStatus, Option<NaiveDateTime>)> =
        stored::volunteer_records_of(conn, &ids)?
            .into_iter()
            .map(|(u, b, s, l)| (u, (b, s, l)))
            .collect();
    let mut training = stored::prior_training_of_many(conn, &ids)?;
    let mut signatures = declarations::of_many(conn, &ids)?;
    let mut details = stored::details_of_many(conn, &ids)?;
    Ok(accounts
        .into_iter()
        .map(|(id, email, name, phone)| {
            let record = records.get(&id);
            let current = Current {
                user_id: id,
                name,
                phone,
                volunteer: record.map(|(b, s, _)| (*b, *s)),
                last_supervision: record
                    .and_then(|(_, _, l)| *l)
                    .map(|l| crate::domain::time::local(l).date_naive()),
                training: training.remove(&id).unwrap_or_default(),
                signed_versions: signatures
                    .remove(&id)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| s.version)
                    .collect(),
                details: details.remove(&id),
            };
            (email, current)
        })
        .collect())
}

fn current_coordinators(
    conn: &mut DbConnection,
    emails: &[&str],
) -> Result<HashMap<String, coordinators::Current>, Error> {
    let accounts = stored::accounts_by_email(conn, emails)?;
    let ids: Vec<i64> = accounts.iter().map(|a| a.0).collect();
    let mut branches: HashMap<i64, Vec<i64>> = HashMap::new();
    for (user, branch) in stored::coordinated_branches_of(conn, &ids)? {
        branches.entry(user).or_default().push(branch);
    }
    Ok(accounts
        .into_iter()
        .map(|(id, email, name, _)| {
            let current = coordinators::Current {
                user_id: id,
                name,
                branch_ids: branches.remove(&id).unwrap_or_default(),
            };
            (email, current)
        })
        .collect())
}

/// A new account for an imported person: no password, not verified (the
/// welcome link proves the address), Danish until they choose otherwise.
fn new_account(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    phone: Option<&str>,
) -> Result<i64, Error> {
    Ok(user_rows::create(
        conn,
        &user_rows::NewUser {
            email,
            name,
            phone,
            password_hash: None,
            verified: false,
            language: Lang::Da,
        },
    )?)
}

/// Writes one brobygger: what `volunteers::changes` lists, or everything
/// for a new person. Returns their id.
fn write_volunteer(
    conn: &mut DbConnection,
    row: &VolunteerRow,
    current: Option<&Current>,
    by: Option<i64>,
) -> Result<i64, Error> {
    let (id, changes) = match current {
        Some(c) => (c.user_id, volunteers::changes(row, c)),
        None => {
            let id = new_account(conn, row.email.as_str(), &row.name, row.phone.as_deref())?;
            let all = vec![
                Change::Record,
                Change::Training,
                Change::Declaration,
                Change::Supervision,
                Change::Details,
            ];
            (id, all)
        }
    };
    for change in changes {
        match change {
            Change::Contact => {
                user_rows::set_contact(conn, id, &row.name, row.phone.as_deref())?;
            }
            Change::Record => {
                user_rows::grant_role(conn, id, Role::Volunteer)?;
                let note = Note {
                    by,
                    reason: Some("Importeret fra fil"),
                    ..Note::default()
                };
                let from = current.and_then(|c| c.volunteer).map(|(_, s)| s);
                volunteer_history::record_import(conn, id, row.branch_id, from, row.status, &note)?;
            }
            Change::Training => {
                if let Some(training) = &row.training {
                    stored::replace_prior_training(conn, id, training, by)?;
                }
            }
            Change::Declaration => {
                if let Some((version, on)) = row.declaration {
                    declarations::sign_imported(conn, id, version, &row.name, noon(on), by)?;
                }
            }
            Change::Supervision => {
                if let Some(on) = row.last_supervision {
                    let at = noon(on);
                    crate::db::volunteers::set_last_supervision(conn, id, at)?;
                    // Also beside the import, where attendance in Brobyg
                    // does not overwrite it (`refresh_last_attended`).
                    let details = (None, None, None);
                    stored::save_details(conn, id, &details, by)?;
                    stored::set_last_supervision_before_brobyg(conn, id, at)?;
                }
            }
            Change::Details => {
                let details = (
                    row.study.clone(),
                    row.institution.clone(),
                    row.notes.clone(),
                );
                stored::save_details(conn, id, &details, by)?;
            }
        }
    }
    Ok(id)
}

/// Writes one coordinator: the account if new, the name, and the file's
/// branches added to those they had.
fn write_coordinator(
    conn: &mut DbConnection,
    row: &CoordinatorRow,
    current: Option<&coordinators::Current>,
) -> Result<i64, Error> {
    let id = match current {
        Some(c) => {
            if coordinators::action(row, Some(c)) == RowAction::Unchanged {
                return Ok(c.user_id);
            }
            if c.name != row.name {
                user_rows::set_contact(conn, c.user_id, &row.name, None)?;
            }
            c.user_id
        }
        None => new_account(conn, row.email.as_str(), &row.name, None)?,
    };
    user_rows::set_coordinator_branches(conn, id, &coordinators::merged(row, current))?;
    Ok(id)
}

/// Sends the welcome ("send velkomstmail") to those of these people who
/// still have no password: a link to choose one (14 days), through the
/// outbox. Returns how many were sent; one audit row says to how many.
pub fn send_welcome_in(conn: &mut DbConnection, by: &Actor, ids: &[i64]) -> Result<usize, Error> {
    let ids = stored::without_password(conn, ids)?;
    for id in &ids {
        let user = user_rows::find(conn, *id)?;
        let link = super::accounts::welcome_link(conn, *id)?;
        outbox::enqueue(
            conn,
            &Recipient::from(&user),
            &Message::ImportWelcome { link },
        )?;
    }
    match ids.as_slice() {
        [] => {}
        [one] => audit::record(conn, by, Action::WelcomeSent, &Object::user(*one), None)?,
        many => {
            let detail = format!("{} personer", many.len());
            let object = Object::whole(ObjectKind::User);
            audit::record(conn, by, Action::WelcomeSent, &object, Some(&detail))?;
        }
    }
    Ok(ids.len())
}

/// `send_welcome_in` in its own transaction.
#[tracing::instrument(skip(app, by, ids))]
pub async fn send_welcome(app: &App, by: Actor, ids: Vec<i64>) -> Result<usize, Error> {
    app.write(move |c| send_welcome_in(c, &by, &ids)).await
}

/// The imported people who have no password yet, grouped as
/// `/admin/import` offers to send them the welcome (see
/// `domain::import::welcome`).
#[tracing::instrument(skip(app))]
pub async fn awaiting_welcome(app: &App) -> Result<Vec<welcome::Group>, Error> {
    app.read(|c| {
        let waiting: Vec<welcome::Waiting> = stored::awaiting_welcome(c)?
            .into_iter()
            .map(|w| welcome::Waiting {
                user_id: w.user_id,
                imported_on: w
                    .imported_at
                    .map(|at| crate::domain::time::local(at).date_naive()),
                welcomed: w.welcomed,
            })
            .collect();
        Ok(welcome::groups(&waiting))
    })
    .await
}
