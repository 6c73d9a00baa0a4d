//! The right to erasure (GDPR Art. 17). A person asks on `/konto/sletning`
//! (or an administrator acts on their behalf); an administrator reviews
//! what will be deleted and what must be kept and why, and carries it out
//! in one transaction: live seats go back through the engine (waiting
//! lists move up), then every row about the person is deleted or
//! anonymised as the registry of personal data says (`db::erasure`).
//!
//! `erase_in` is the one way to erase, on the caller's connection, so that
//! retention (anonymising accounts inactive for years) erases exactly as a
//! request does.

use serde::Serialize;

use super::audit::{self, Actor, Object};
use super::{App, Error, engine};
use crate::db::erasure::{self as store, Kept, LiveSeat, OpenRequest, Person, Request};
use crate::db::users::{self, Account};
use crate::db::{DbConnection, now};
use crate::domain::audit::Action;
use crate::domain::privacy::erasure::{Line, overview};

/// Why erasure was carried out: the audit log's detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The person asked in the site.
    Request,
    /// An administrator erased on the person's behalf (asked by phone or
    /// letter).
    OnBehalf,
    /// A retention rule ran out (years without activity).
    Retention,
}

impl Mode {
    fn detail(self) -> &'static str {
        match self {
            Mode::Request => "Efter personens anmodning",
            Mode::OnBehalf => "På personens vegne",
            Mode::Retention => "Opbevaringsperioden udløb",
        }
    }
}

/// What an administrator may not erase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Their own account: another administrator does that.
    OwnAccount,
    /// An administrator: take the role away first, so that erasing can
    /// never leave the site without one by accident.
    Administrator,
    /// Already erased.
    AlreadyErased,
    /// The request was withdrawn or carried out meanwhile.
    RequestClosed,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::OwnAccount => "erasure-refused-own",
            Refusal::Administrator => "erasure-refused-admin",
            Refusal::AlreadyErased => "erasure-refused-erased",
            Refusal::RequestClosed => "erasure-refused-closed",
        }
    }
}

/// Erases the person in the caller's transaction; returns how many live
/// seats were given back. Erasing an erased account does nothing.
pub fn erase_in(
    conn: &mut DbConnection,
    user_id: i64,
    by: &Actor,
    mode: Mode,
) -> Result<usize, Error> {
    let user = users::find(conn, user_id)?;
    if user.erased_at.is_some() {
        return Ok(0);
    }
    let at = now();
    let seats = store::live_seats(conn, user_id, at)?;
    for seat in &seats {
        // As staff, so that a deadline that has passed does not keep the
        // seat from the waiting list; a refusal (the session was cancelled
        // meanwhile) leaves nothing to give back.
        let _ = engine::cancel(
            conn,
            seat.session_id,
            user_id,
            Some(by.user_id.unwrap_or(user_id)),
        )?;
    }
    store::erase(
        conn,
        &Person {
            id: user_id,
            email: &user.email,
            name: &user.name,
        },
        at,
    )?;
    store::close_carried_out(conn, user_id, by.user_id, at)?;
    audit::record(
        conn,
        by,
        Action::Erasure,
        &Object::user(user_id),
        Some(mode.detail()),
    )?;
    Ok(seats.len())
}

/// The person's own view: their open request, if any.
pub async fn own_request(app: &App, user_id: i64) -> Result<Option<Request>, Error> {
    app.read(move |c| Ok(store::open_of(c, user_id)?)).await
}

/// The person asks to be erased. False: they had already asked.
#[tracing::instrument(skip(app))]
pub async fn request(app: &App, user_id: i64) -> Result<bool, Error> {
    app.write(move |c| Ok(store::request(c, user_id, user_id, now())?))
        .await
}

/// The person withdraws their request. False: there was none open.
#[tracing::instrument(skip(app))]
pub async fn withdraw(app: &App, user_id: i64) -> Result<bool, Error> {
    app.write(move |c| Ok(store::withdraw(c, user_id, now())?))
        .await
}

/// What the administrators' list shows.
#[derive(Debug, Clone, Serialize)]
pub struct Requests {
    pub open: Vec<OpenRequest>,
    pub done: Vec<Request>,
}

pub async fn requests(app: &App) -> Result<Requests, Error> {
    app.read(|c| {
        Ok(Requests {
            open: store::open_requests(c)?,
            done: store::carried_out(c, 20)?,
        })
    })
    .await
}

/// Everything an administrator needs to decide: who, what their live
/// seats are (they will be given back), what is kept and why, and what
/// the registry says becomes of each kind of data.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub erased: bool,
    pub request: Option<Request>,
    pub seats: Vec<LiveSeat>,
    pub kept: Kept,
    pub overview: Vec<Line>,
}

/// The review of one request.
pub async fn review_request(app: &App, request_id: i64) -> Result<Review, Error> {
    app.read(move |c| {
        let request = store::find(c, request_id)?;
        review_in(c, request.user_id, Some(request))
    })
    .await
}

/// The review of erasing someone on their behalf.
pub async fn review_user(app: &App, user_id: i64) -> Result<Review, Error> {
    app.read(move |c| {
        let request = store::open_of(c, user_id)?;
        review_in(c, user_id, request)
    })
    .await
}

fn review_in(
    c: &mut DbConnection,
    user_id: i64,
    request: Option<Request>,
) -> Result<Review, Error> {
    let user = users::find(c, user_id)?;
    Ok(Review {
        user_id,
        seats: store::live_seats(c, user_id, now())?,
        kept: store::kept(c, user_id, &user.email)?,
        erased: user.erased_at.is_some(),
        name: user.name,
        email: user.email,
        request,
        overview: overview(),
    })
}

/// Carries out an open request. Returns the person's id.
#[tracing::instrument(skip(app, admin, by), fields(admin = admin.user.id))]
pub async fn carry_out(
    app: &App,
    admin: &Account,
    by: Actor,
    request_id: i64,
) -> Result<Result<i64, Refusal>, Error> {
    if !admin.is_admin() {
        return Err(Error::Forbidden);
    }
    let admin_id = admin.user.id;
    app.write(move |c| {
        let request = store::find(c, request_id)?;
        if !request.is_open() {
            return Ok(Err(Refusal::RequestClosed));
        }
        if let Err(refusal) = may_erase(c, admin_id, request.user_id)? {
            return Ok(Err(refusal));
        }
        erase_in(c, request.user_id, &by, Mode::Request)?;
        Ok(Ok(request.user_id))
    })
    .await
}

/// Erases a person on their behalf, with or without a request in the site.
#[tracing::instrument(skip(app, admin, by), fields(admin = admin.user.id))]
pub async fn erase_on_behalf(
    app: &App,
    admin: &Account,
    by: Actor,
    user_id: i64,
) -> Result<Result<(), Refusal>, Error> {
    if !admin.is_admin() {
        return Err(Error::Forbidden);
    }
    let admin_id = admin.user.id;
    app.write(move |c| {
        if let Err(refusal) = may_erase(c, admin_id, user_id)? {
            return Ok(Err(refusal));
        }
        let mode = if store::open_of(c, user_id)?.is_some() {
            Mode::Request
        } else {
            Mode::OnBehalf
        };
        erase_in(c, user_id, &by, mode)?;
        Ok(Ok(()))
    })
    .await
}

fn may_erase(
    c: &mut DbConnection,
    admin_id: i64,
    user_id: i64,
) -> Result<Result<(), Refusal>, Error> {
    if user_id == admin_id {
        return Ok(Err(Refusal::OwnAccount));
    }
    let account = users::load_account(c, user_id)?.ok_or(Error::NotFound)?;
    if account.user.erased_at.is_some() {
        return Ok(Err(Refusal::AlreadyErased));
    }
    if account.is_admin() {
        return Ok(Err(Refusal::Administrator));
    }
    Ok(Ok(()))
}
