//! The audit log: who on the staff did what, when, from where, to what.
//!
//! The rule: a staff use case records its row with `record` **inside its own
//! transaction**, after the change and only when the change happened (not
//! on a refusal). So a failed change logs nothing and a logged change always
//! happened. Exports are reads, but they record a row too, in a write.
//!
//! Handlers get the `Actor` from the request (`web::client`: the signed-in
//! account and the client's address) and pass it to the use case.

use chrono::NaiveDateTime;

use super::{App, Error};
use crate::db::audit::{self, Entry, Filter, NewEntry};
use crate::db::{DbConnection, now};
use crate::domain::audit::{Action, DETAIL_MAX, ObjectKind, clip};
use crate::domain::paging::{PER_PAGE, Pager};

/// Who acts: a staff account (or the system) and the client address the
/// request came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `None` for the system (background work, demo content).
    pub user_id: Option<i64>,
    pub client: String,
}

impl Actor {
    pub fn new(user_id: i64, client: impl Into<String>) -> Actor {
        Actor {
            user_id: Some(user_id),
            client: client.into(),
        }
    }

    /// The site itself, for what no request asked for.
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            client: "system".into(),
        }
    }
}

/// What an action was done to: a kind, usually the row's id, and for
/// things that are not people a short label (a branch's name, a course's
/// title) so the log still reads after the row has changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub kind: ObjectKind,
    pub id: Option<i64>,
    pub label: Option<String>,
}

impl Object {
    pub fn new(kind: ObjectKind, id: i64) -> Object {
        Object {
            kind,
            id: Some(id),
            label: None,
        }
    }

    /// An object without an id (a report over many rows).
    pub fn whole(kind: ObjectKind) -> Object {
        Object {
            kind,
            id: None,
            label: None,
        }
    }

    /// A person's account. Never labelled: names stay in `users`, where
    /// an erasure can reach them.
    pub fn user(id: i64) -> Object {
        Object::new(ObjectKind::User, id)
    }

    pub fn session(id: i64) -> Object {
        Object::new(ObjectKind::Session, id)
    }

    /// A session of any kind, labelled with its title.
    pub fn of_session(session: &crate::db::sessions::Session) -> Object {
        Object::session(session.id).labelled(session.title.as_str())
    }

    pub fn branch(id: i64) -> Object {
        Object::new(ObjectKind::Branch, id)
    }

    pub fn labelled(mut self, label: impl Into<String>) -> Object {
        self.label = Some(clip(&label.into(), 200));
        self
    }
}

/// Appends one row to the log, on the caller's connection (inside its
/// transaction). `detail` is a short note ("Koordinator → Administrator",
/// a file name, a reason), cut to `DETAIL_MAX` characters.
pub fn record(
    conn: &mut DbConnection,
    by: &Actor,
    action: Action,
    object: &Object,
    detail: Option<&str>,
) -> Result<(), Error> {
    let detail = detail.map(|d| clip(d, DETAIL_MAX));
    audit::insert(
        conn,
        &NewEntry {
            at: now(),
            actor_id: by.user_id,
            client: &by.client,
            action,
            object_kind: object.kind,
            object_id: object.id,
            object_label: object.label.as_deref(),
            detail: detail.as_deref(),
        },
    )?;
    Ok(())
}

/// `record`, when `result` says the change happened: a refusal that
/// the use case returns as a value (and so commits) logs nothing.
pub fn record_ok<T, R>(
    conn: &mut DbConnection,
    by: &Actor,
    action: Action,
    object: &Object,
    detail: Option<&str>,
    result: &Result<T, R>,
) -> Result<(), Error> {
    match result {
        Ok(_) => record(conn, by, action, object, detail),
        Err(_) => Ok(()),
    }
}

/// `read` and the row saying that `by` exported it, in one write: the
/// download and its trace go together.
pub async fn exported<T, F>(
    app: &App,
    by: Actor,
    object: Object,
    detail: String,
    read: F,
) -> Result<T, Error>
where
    F: FnOnce(&mut DbConnection) -> Result<T, Error> + Send + 'static,
    T: Send + 'static,
{
    app.write(move |c| {
        let value = read(c)?;
        record(c, &by, Action::ExportDownloaded, &object, Some(&detail))?;
        Ok(value)
    })
    .await
}

/// One page of the log.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LogPage {
    pub entries: Vec<Entry>,
    pub pager: Pager,
}

/// The page `side` of the rows matching `filter`, newest first.
#[tracing::instrument(skip(app))]
pub async fn page(app: &App, filter: Filter, side: i64) -> Result<LogPage, Error> {
    app.read(move |c| {
        let (entries, pager) = audit::search(c, &filter, |total| {
            let pager = Pager::new(side, PER_PAGE, total);
            (pager.offset(), pager.limit(), pager)
        })?;
        Ok(LogPage { entries, pager })
    })
    .await
}

/// Most rows one file holds; a wider file asks for a narrower filter.
pub const EXPORT_MAX: i64 = 50_000;

/// Every row matching `filter` (up to `EXPORT_MAX`), newest first, for the
/// CSV file; the download itself is logged, with the filter it used.
#[tracing::instrument(skip(app, by))]
pub async fn export(
    app: &App,
    by: Actor,
    filter: Filter,
    described: String,
) -> Result<Vec<Entry>, Error> {
    exported(
        app,
        by,
        Object::whole(ObjectKind::AuditLog),
        described,
        move |c| Ok(audit::search(c, &filter, |_| (0, EXPORT_MAX, ()))?.0),
    )
    .await
}

/// The moment a Copenhagen day begins, in UTC: the date filters' bounds.
pub fn day_start(day: chrono::NaiveDate) -> Option<NaiveDateTime> {
    crate::domain::time::local_to_utc(day, chrono::NaiveTime::MIN).ok()
}
