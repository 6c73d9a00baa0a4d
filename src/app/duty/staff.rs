//! The coordinators' side of the rota: a branch's slots, days off and
//! target (`/koordinator/afdelinger/{id}/vagtplan`), the coming weeks'
//! vagter with who is below or above the target this month
//! (`/koordinator/afdelinger/{id}/vagter`), and releasing a brobygger
//! from a vagt. Coordinators of the branch only (administrators all).

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{VagtView, noon, place, title, views};
use crate::app::audit::{self, Actor, Object};
use crate::app::{Abort, App, Error, engine};
use crate::db::branches::{self, Branch};
use crate::db::duty::{self, Settings, SlotRow};
use crate::db::users::Account;
use crate::db::{DbConnection, now, sessions};
use crate::domain::audit::Action;
use crate::domain::duty::{self as rules, Slot, Staffing, Standing, Target};
use crate::domain::paging::{PER_PAGE, Pager};
use crate::domain::session::SessionStatus;

/// How many weeks ahead the rota shows.
pub const ROTA_WEEKS: i64 = 5;

fn today() -> NaiveDate {
    crate::db::supervision::local_date(now())
}

/// The branch, if this account coordinates it.
fn coordinated(
    conn: &mut DbConnection,
    account: &Account,
    branch_id: i64,
) -> Result<Branch, Error> {
    if !account.coordinates(branch_id) {
        return Err(Error::Forbidden);
    }
    let known = account.coordinated_branch(branch_id).cloned();
    Ok(branches::known_or_find(conn, known, branch_id)?)
}

/// One slot as the plan page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    #[serde(flatten)]
    pub slot: SlotRow,
    pub start: String,
    pub end: String,
    pub from: chrono::NaiveDateTime,
    pub to: chrono::NaiveDateTime,
}

/// `/koordinator/afdelinger/{id}/vagtplan`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanPage {
    pub branch: Branch,
    pub settings: Settings,
    pub opens: String,
    pub closes: String,
    pub slots: Vec<SlotView>,
    /// Days off from today on.
    pub days_off: Vec<DayOff>,
}

/// A day off: as a form sends it back, and at noon UTC for the filters.
#[derive(Debug, Clone, Serialize)]
pub struct DayOff {
    pub value: String,
    pub at: chrono::NaiveDateTime,
}

#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn plan_page(app: &App, account: &Account, branch_id: i64) -> Result<PlanPage, Error> {
    let account = account.clone();
    app.read(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        let today = today();
        let settings = duty::settings(c, branch_id)?;
        let slots = duty::slots(c, branch_id, today)?
            .into_iter()
            .map(|slot| SlotView {
                start: rules::hhmm(slot.start_minute),
                end: rules::hhmm(slot.end_minute),
                from: noon(slot.valid_from),
                to: noon(slot.valid_to),
                slot,
            })
            .collect();
        let days_off = duty::days_off(c, branch_id, today)?
            .into_iter()
            .map(|d| DayOff {
                value: d.to_string(),
                at: noon(d),
            })
            .collect();
        Ok(PlanPage {
            branch,
            opens: rules::hhmm(settings.opens),
            closes: rules::hhmm(settings.closes),
            settings,
            slots,
            days_off,
        })
    })
    .await
}

/// The branch's phone hours, for checking a slot before it is saved.
pub async fn settings_of(app: &App, branch_id: i64) -> Result<Settings, Error> {
    app.read(move |c| Ok(duty::settings(c, branch_id)?)).await
}

/// Makes a slot and its vagter from today to the end of its period (not
/// on days off), in the caller's transaction. Returns the slot's id and
/// how many vagter were made. The demo uses it too.
pub fn make_slot(
    conn: &mut DbConnection,
    branch: &Branch,
    slot: &Slot,
) -> diesel::QueryResult<(i64, usize)> {
    let id = duty::insert_slot(conn, branch.id, slot)?;
    let row = duty::slot(conn, id)?;
    let off = duty::days_off(conn, branch.id, slot.from)?;
    let name = title(slot.programme);
    let mut made = 0;
    for day in rules::dates(slot.weekday, slot.from, slot.to, today(), &off) {
        if duty::create_vagt(conn, &row, day, &name, &place(&branch.name))?.is_some() {
            made += 1;
        }
    }
    Ok((id, made))
}

/// Makes the vagter of a slot from today to the end of its period (not on
/// days off): one transaction with the slot and its audit row. Returns how
/// many vagter were made.
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn add_slot(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    slot: Slot,
) -> Result<usize, Error> {
    let account = account.clone();
    app.write(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        let (_, made) = make_slot(c, &branch, &slot)?;
        let label = format!(
            "{} {}–{} ×{}",
            slot.weekday,
            rules::hhmm(slot.start_minute),
            rules::hhmm(slot.end_minute),
            slot.wanted
        );
        let object = Object::branch(branch_id).labelled(branch.name);
        audit::record(c, &by, Action::DutySlotAdded, &object, Some(&label))?;
        Ok(made)
    })
    .await
}

/// Removes a slot: its coming vagter are cancelled (those on them are
/// told, with a calendar cancellation).
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn remove_slot(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    slot_id: i64,
) -> Result<usize, Error> {
    let account = account.clone();
    app.write(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        let slot = duty::slot(c, slot_id)?;
        if slot.branch_id != branch_id {
            return Err(Error::Forbidden);
        }
        if !duty::end_slot(c, slot_id)? {
            return Ok(0);
        }
        let open = duty::open_of_slot(c, slot_id, today())?;
        for id in &open {
            engine::cancel_session(c, *id, None, account.user.id)?;
        }
        let object = Object::branch(branch_id).labelled(branch.name);
        let label = format!(
            "{} {}–{}",
            slot.weekday,
            rules::hhmm(slot.start_minute),
            rules::hhmm(slot.end_minute)
        );
        audit::record(c, &by, Action::DutySlotRemoved, &object, Some(&label))?;
        Ok(open.len())
    })
    .await
}

/// Makes a date a day off: no vagt that day; vagter already made are
/// cancelled (those on them are told). Returns how many were cancelled,
/// `None` if the day already was off.
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn add_day_off(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    day: NaiveDate,
) -> Result<Option<usize>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        if !duty::add_day_off(c, branch_id, day)? {
            return Ok(None);
        }
        let open = duty::open_on(c, branch_id, day)?;
        for id in &open {
            engine::cancel_session(c, *id, None, account.user.id)?;
        }
        let object = Object::branch(branch_id).labelled(branch.name);
        let detail = day.to_string();
        audit::record(c, &by, Action::DutyDayOffAdded, &object, Some(&detail))?;
        Ok(Some(open.len()))
    })
    .await
}

/// Undoes a day off: the slots running that day get their vagter again
/// (a vagt cancelled by the day off is opened again, empty).
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn remove_day_off(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    day: NaiveDate,
) -> Result<Option<usize>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        if !duty::remove_day_off(c, branch_id, day)? {
            return Ok(None);
        }
        let mut made = 0;
        if day >= today() {
            for slot in duty::slots_on(c, branch_id, day)? {
                match duty::shift_of(c, slot.id, day)? {
                    Some(session_id) => {
                        let s = sessions::lock(c, session_id)?;
                        if s.status == SessionStatus::Cancelled {
                            duty::reopen(c, session_id)?;
                            made += 1;
                        }
                    }
                    None => {
                        let name = title(slot.programme);
                        if duty::create_vagt(c, &slot, day, &name, &place(&branch.name))?.is_some()
                        {
                            made += 1;
                        }
                    }
                }
            }
        }
        let object = Object::branch(branch_id).labelled(branch.name);
        let detail = day.to_string();
        audit::record(c, &by, Action::DutyDayOffRemoved, &object, Some(&detail))?;
        Ok(Some(made))
    })
    .await
}

/// Saves the branch's monthly target and the phone's opening hours.
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn save_settings(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    settings: Settings,
) -> Result<(), Error> {
    let account = account.clone();
    app.write(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        duty::save_settings(c, branch_id, &settings, account.user.id)?;
        let object = Object::branch(branch_id).labelled(branch.name);
        let detail = format!(
            "{}–{} / {}–{}",
            settings.target.min,
            settings.target.max,
            rules::hhmm(settings.opens),
            rules::hhmm(settings.closes)
        );
        audit::record(c, &by, Action::DutySettingsChanged, &object, Some(&detail))?;
        Ok(())
    })
    .await
}

/// A brobygger against the month's target.
#[derive(Debug, Clone, Serialize)]
pub struct PersonMonth {
    pub user_id: i64,
    pub name: String,
    pub taken: i64,
    pub standing: Standing,
}

/// `/koordinator/afdelinger/{id}/vagter`.
#[derive(Debug, Clone, Serialize)]
pub struct Rota {
    pub branch: Branch,
    pub target: Target,
    /// The first of this month at noon UTC (for the month's name).
    pub month: chrono::NaiveDateTime,
    /// The coming weeks' vagter: empty first, then under-staffed, then
    /// full, each by time.
    pub vagter: Vec<VagtView>,
    pub empty: usize,
    pub under: usize,
    /// One page of the branch's active brobyggere: below the target this
    /// month, then above it, then within (a big branch has hundreds).
    pub people: Vec<PersonMonth>,
    pub pager: Pager,
    pub below: usize,
    pub above: usize,
}

#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn rota(app: &App, account: &Account, branch_id: i64, side: i64) -> Result<Rota, Error> {
    let account = account.clone();
    app.read(move |c| {
        let branch = coordinated(c, &account, branch_id)?;
        let at = now();
        let today = today();
        let settings = duty::settings(c, branch_id)?;
        let list = duty::vagter(c, &[branch_id], today, today + Duration::weeks(ROTA_WEEKS))?
            .into_iter()
            .filter(|v| v.session.ends_at > at)
            .collect();
        let mut vagter = views(c, list, None, at)?;
        vagter.sort_by_key(|v| (v.staffing, v.starts_at, v.id));
        let empty = vagter
            .iter()
            .filter(|v| v.staffing == Staffing::Empty)
            .count();
        let under = vagter
            .iter()
            .filter(|v| v.staffing == Staffing::Under)
            .count();
        let (first, last) = rules::month_of(today);
        let people_rows = duty::active_people(c, branch_id)?;
        let counts = duty::taken_counts_at(c, branch_id, first, last)?;
        let mut people: Vec<PersonMonth> = people_rows
            .into_iter()
            .map(|(user_id, name)| {
                let taken = counts.get(&user_id).copied().unwrap_or(0);
                PersonMonth {
                    user_id,
                    name,
                    taken,
                    standing: settings.target.standing(taken),
                }
            })
            .collect();
        let order = |s: Standing| match s {
            Standing::Below => 0,
            Standing::Above => 1,
            Standing::Within => 2,
        };
        people.sort_by_key(|p| order(p.standing));
        let pager = Pager::new(side, PER_PAGE, people.len() as i64);
        Ok(Rota {
            below: people
                .iter()
                .filter(|p| p.standing == Standing::Below)
                .count(),
            above: people
                .iter()
                .filter(|p| p.standing == Standing::Above)
                .count(),
            branch,
            target: settings.target,
            month: noon(first),
            vagter,
            empty,
            under,
            people: pager.slice(people),
            pager,
        })
    })
    .await
}

/// Why a coordinator's release did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReleased {
    NotOnIt,
}

/// Releases a brobygger from a vagt of the branch at any time (after the
/// 48-hour deadline only a coordinator can): their calendar entry is
/// cancelled, an offer of theirs withdrawn, and the release logged.
#[tracing::instrument(skip(app, account, by), fields(actor = account.user.id))]
pub async fn release(
    app: &App,
    account: &Account,
    by: Actor,
    branch_id: i64,
    session_id: i64,
    user_id: i64,
) -> Result<Result<(), NotReleased>, Error> {
    let account = account.clone();
    app.write_or_refuse(move |c| {
        coordinated(c, &account, branch_id)?;
        let vagt = duty::find(c, session_id)?;
        if vagt.session.branch_id != Some(branch_id) {
            return Err(Abort::Failed(Error::Forbidden));
        }
        duty::delete_offer(c, session_id, user_id)?;
        if engine::cancel(c, session_id, user_id, Some(account.user.id))?.is_err() {
            return Err(Abort::Refused(NotReleased::NotOnIt));
        }
        let detail = format!("{} {}", vagt.session.title, vagt.day);
        audit::record(
            c,
            &by,
            Action::DutyReleased,
            &Object::user(user_id),
            Some(&detail),
        )?;
        Ok(())
    })
    .await
}
