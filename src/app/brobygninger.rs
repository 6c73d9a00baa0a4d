//! Brobygninger: the active brobygger registers each accompaniment as
//! counts (`/frivillig/brobygninger`), corrects or deletes their own for
//! two weeks; coordinators see a branch's month and correct a registration
//! (audited, with before and after). Nothing about a citizen is asked for
//! or kept (`domain::brobygning`).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::audit::{self, Actor, Object};
use super::{Abort, App, Error};
use crate::db::brobygninger::{self as store, PersonCount, Row};
use crate::db::users::Account;
use crate::db::{DbConnection, branches, now};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::brobygning::{self as rules, Refusal, Registration};
use crate::domain::paging::{PER_PAGE, Pager};
use crate::domain::statistics::{Counted, Totals};
use crate::domain::time::local;
use crate::domain::trends::Month;

/// Today in Copenhagen.
pub fn today() -> NaiveDate {
    local(now()).date_naive()
}

/// A registration as the lists show it, with the rådgivere's names.
#[derive(Debug, Clone)]
pub struct Listed {
    pub row: Row,
    pub briefed_by_name: Option<String>,
    pub debriefed_by_name: Option<String>,
    /// The brobygger's name (coordinators' lists; `None` once erased).
    pub person: Option<String>,
    /// The brobygger may still change it themselves.
    pub editable: bool,
}

// Written out rather than `#[serde(flatten)]` on the row: flattening goes
// through a map, entry by entry, and a month's fifty rows spent a tenth of
// the page's instructions being serialized (BENCHMARKS.md). These are the
// row's fields that `Row`'s own `Serialize` writes, and then the names.
impl Serialize for Listed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = &self.row;
        let mut out = s.serialize_struct("Listed", 10)?;
        out.serialize_field("id", &r.id)?;
        out.serialize_field("done_on", &r.done_on)?;
        out.serialize_field("programme", &r.programme)?;
        out.serialize_field("minutes", &r.minutes)?;
        out.serialize_field("briefing", &r.briefing)?;
        out.serialize_field("debriefing", &r.debriefing)?;
        out.serialize_field("briefed_by_name", &self.briefed_by_name)?;
        out.serialize_field("debriefed_by_name", &self.debriefed_by_name)?;
        out.serialize_field("person", &self.person)?;
        out.serialize_field("editable", &self.editable)?;
        out.end()
    }
}

fn listed(c: &mut DbConnection, rows: Vec<Row>, today: NaiveDate) -> Result<Vec<Listed>, Error> {
    let mut ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| [r.briefed_by, r.debriefed_by, r.user_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = store::names(c, &ids)?;
    let name = |id: Option<i64>| id.and_then(|i| names.get(&i).cloned());
    Ok(rows
        .into_iter()
        .map(|row| Listed {
            briefed_by_name: name(row.briefed_by),
            debriefed_by_name: name(row.debriefed_by),
            person: name(row.user_id),
            editable: rules::own_edit_open(local(row.created_at).date_naive(), today),
            row,
        })
        .collect())
}

/// The brobygger's page: their registrations this month and last, and
/// the rådgivere of their branch for the form.
#[derive(Debug, Clone, Serialize)]
pub struct Mine {
    pub rows: Vec<Listed>,
    pub counsellors: Vec<(i64, String)>,
    pub today: NaiveDate,
    pub oldest: NaiveDate,
}

#[tracing::instrument(skip(app))]
pub async fn mine(app: &App, user_id: i64, branch_id: i64) -> Result<Mine, Error> {
    app.read(move |c| {
        let today = today();
        let this = Month::of_date(today).first_day();
        let from = this
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(this);
        let rows = store::of_user_since(c, user_id, from)?;
        Ok(Mine {
            rows: listed(c, rows, today)?,
            counsellors: store::counsellors(c, branch_id)?,
            today,
            oldest: rules::oldest(today),
        })
    })
    .await
}

/// The rådgivere a form of `branch_id` offers.
pub async fn counsellors(app: &App, branch_id: i64) -> Result<Vec<(i64, String)>, Error> {
    app.read(move |c| Ok(store::counsellors(c, branch_id)?))
        .await
}

/// Whether the brobygger was active on the day (`domain::brobygning::refusal_on`).
fn refusal(c: &mut DbConnection, user_id: i64, day: NaiveDate) -> Result<Option<Refusal>, Error> {
    let history: Vec<_> = store::history(c, user_id)?
        .into_iter()
        .map(|(at, from, to)| (local(at).date_naive(), from, to))
        .collect();
    let now_status = crate::db::volunteers::find(c, user_id)?
        .ok_or(Error::NotFound)?
        .status;
    Ok(rules::refusal_on(&history, now_status, day))
}

/// Records a brobygning of an active brobygger (the handler's
/// `ActiveVolunteer` checked today's gate); refused when they were not
/// active on its day.
#[tracing::instrument(skip(app))]
pub async fn register(
    app: &App,
    user_id: i64,
    branch_id: i64,
    r: Registration,
) -> Result<Result<i64, Refusal>, Error> {
    app.write_or_refuse(move |c| {
        if let Some(why) = refusal(c, user_id, r.done_on)? {
            return Err(Abort::Refused(why));
        }
        Ok(store::insert(c, user_id, branch_id, &r, now())?)
    })
    .await
}

/// One of the brobygger's own registrations, while they may change it.
#[tracing::instrument(skip(app))]
pub async fn own(app: &App, user_id: i64, id: i64) -> Result<Listed, Error> {
    app.read(move |c| {
        let row = store::find(c, id)?;
        if row.user_id != Some(user_id) {
            return Err(Error::Forbidden);
        }
        let l = listed(c, vec![row], today())?
            .pop()
            .ok_or(Error::NotFound)?;
        if !l.editable {
            return Err(Error::Forbidden);
        }
        Ok(l)
    })
    .await
}

/// The brobygger corrects their own registration (within the window).
#[tracing::instrument(skip(app))]
pub async fn correct_own(
    app: &App,
    user_id: i64,
    id: i64,
    r: Registration,
) -> Result<Result<(), Refusal>, Error> {
    app.write_or_refuse(move |c| {
        let row = store::find(c, id)?;
        if row.user_id != Some(user_id)
            || !rules::own_edit_open(local(row.created_at).date_naive(), today())
        {
            return Err(Error::Forbidden.into());
        }
        if let Some(why) = refusal(c, user_id, r.done_on)? {
            return Err(Abort::Refused(why));
        }
        store::update(c, id, &r, user_id, now())?;
        Ok(())
    })
    .await
}

/// The brobygger deletes their own registration (within the window).
#[tracing::instrument(skip(app))]
pub async fn delete_own(app: &App, user_id: i64, id: i64) -> Result<(), Error> {
    app.write(move |c| {
        let row = store::find(c, id)?;
        if row.user_id != Some(user_id)
            || !rules::own_edit_open(local(row.created_at).date_naive(), today())
        {
            return Err(Error::Forbidden);
        }
        store::delete(c, id)?;
        Ok(())
    })
    .await
}

/// A branch's month for its coordinators.
#[derive(Debug, Clone, Serialize)]
pub struct BranchMonth {
    pub branch: branches::Branch,
    pub month: Month,
    pub previous: Month,
    pub next: Option<Month>,
    pub totals: Totals,
    /// One page of the month's brobyggere, by name.
    pub people: Vec<PersonCount>,
    pub people_pager: Pager,
    /// One page of the month's registrations, oldest first.
    pub rows: Vec<Listed>,
    pub pager: Pager,
    /// The month's vagter, covered and not (the duty rota).
    pub duty: crate::db::duty::Coverage,
}

fn previous(m: Month) -> Month {
    let first = m.first_day();
    Month::of_date(first.pred_opt().unwrap_or(first))
}

/// A branch's brobygninger in a month, with page `people_side` of its
/// brobyggere and page `side` of its registrations (the totals count them
/// all): a coordinator of the branch (or an administrator) only.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn branch_month(
    app: &App,
    actor: &Account,
    branch_id: i64,
    month: Month,
    people_side: i64,
    side: i64,
) -> Result<BranchMonth, Error> {
    if !actor.coordinates(branch_id) {
        return Err(Error::Forbidden);
    }
    let known = actor.coordinated_branch(branch_id).cloned();
    app.read(move |c| {
        let branch = branches::known_or_find(c, known, branch_id)?;
        let (from, to) = (month.first_day(), month.next().first_day());
        let groups: Vec<Counted> = store::month_sums(c, branch_id, from)?
            .into_iter()
            .map(|m| Counted {
                done_on: from,
                programme: m.programme,
                briefing: m.briefing,
                debriefing: m.debriefing,
                count: m.count,
                minutes: m.minutes,
            })
            .collect();
        let totals = Totals::of(&groups);
        let people_pager = Pager::new(
            people_side,
            PER_PAGE,
            store::people_count(c, branch_id, from)?,
        );
        let people = store::per_person(
            c,
            branch_id,
            from,
            people_pager.offset(),
            people_pager.limit(),
        )?;
        let pager = Pager::new(side, PER_PAGE, totals.count);
        let rows = store::of_branch(c, branch_id, from, to, pager.offset(), pager.limit())?;
        // `coverage` takes both dates inclusive; `to` is the next month's first day.
        let last = to.pred_opt().unwrap_or(to);
        let duty = crate::db::duty::coverage(c, &[branch_id], from, last)?;
        let this = Month::of_date(today());
        Ok(BranchMonth {
            branch,
            month,
            previous: previous(month),
            next: (month < this).then(|| month.next()),
            totals,
            people,
            people_pager,
            rows: listed(c, rows, today())?,
            pager,
            duty,
        })
    })
    .await
}

/// A registration for a coordinator to correct, with its branch's
/// rådgivere.
#[derive(Debug, Clone, Serialize)]
pub struct ForCorrection {
    pub listed: Listed,
    pub counsellors: Vec<(i64, String)>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn for_correction(app: &App, actor: &Account, id: i64) -> Result<ForCorrection, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let row = store::find(c, id)?;
        if !actor.coordinates(row.branch_id) {
            return Err(Error::Forbidden);
        }
        let counsellors = store::counsellors(c, row.branch_id)?;
        let listed = listed(c, vec![row], today())?
            .pop()
            .ok_or(Error::NotFound)?;
        Ok(ForCorrection {
            listed,
            counsellors,
        })
    })
    .await
}

/// What a registration holds, for the audit log's before and after
/// (codes and numbers only: nobody is named).
fn summary(r: &Registration) -> String {
    use crate::domain::Code;
    let yn = |b: bool| if b { "ja" } else { "nej" };
    format!(
        "{} {} {} min, briefing {}, debriefing {}",
        r.done_on,
        r.programme.as_str(),
        r.minutes,
        yn(r.briefing),
        yn(r.debriefing)
    )
}

/// A coordinator corrects a registration of their branch; the audit log
/// keeps before and after. The date rule does not bind them (they may
/// correct a registration older than the brobygger's window), but the
/// brobygger must have been active that day.
#[tracing::instrument(skip(app, actor, by), fields(actor = actor.user.id))]
pub async fn correct(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    r: Registration,
) -> Result<Result<(), Refusal>, Error> {
    let actor = actor.clone();
    app.write_or_refuse(move |c| {
        let row = store::find(c, id)?;
        if !actor.coordinates(row.branch_id) {
            return Err(Error::Forbidden.into());
        }
        if let Some(user) = row.user_id
            && let Some(why) = refusal(c, user, r.done_on)?
        {
            return Err(Abort::Refused(why));
        }
        let before = row.registration();
        if before == r {
            return Ok(());
        }
        store::update(c, id, &r, actor.user.id, now())?;
        let detail = format!("{} → {}", summary(&before), summary(&r));
        audit::record(
            c,
            &by,
            Action::BrobygningCorrected,
            &Object::new(ObjectKind::Brobygning, id),
            Some(&detail),
        )?;
        Ok(())
    })
    .await
}

/// A month from the query string (`2026-11`), else this month; months
/// after this one are not offered.
pub fn month_or_this(query: Option<&str>) -> Month {
    let this = Month::of_date(today());
    query
        .and_then(|q| NaiveDate::parse_from_str(&format!("{}-01", q.trim()), "%Y-%m-%d").ok())
        .map(Month::of_date)
        .filter(|m| *m <= this && m.first_day().year() >= 2000)
        .unwrap_or(this)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::brobygning::Programme;

    /// The lists' values are the row's, as `Row` serializes itself, and
    /// the names: a field added to what a row shows is not lost here.
    #[test]
    fn a_listed_registration_shows_its_rows_fields_and_the_names() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("a time");
        let row = Row {
            id: 7,
            user_id: Some(3),
            branch_id: 1,
            done_on: at.date(),
            programme: Programme::Social,
            minutes: 90,
            briefing: true,
            briefed_by: Some(4),
            debriefing: false,
            debriefed_by: None,
            created_at: at,
            updated_at: at,
            updated_by: None,
        };
        let listed = Listed {
            row: row.clone(),
            briefed_by_name: Some("Rådgiver".into()),
            debriefed_by_name: None,
            person: Some("Brobygger".into()),
            editable: true,
        };
        let mut expected = serde_json::to_value(&row).expect("a row");
        let names = serde_json::json!({
            "briefed_by_name": "Rådgiver",
            "debriefed_by_name": null,
            "person": "Brobygger",
            "editable": true,
        });
        for (k, v) in names.as_object().expect("an object") {
            expected[k] = v.clone();
        }
        assert_eq!(serde_json::to_value(&listed).expect("listed"), expected);
    }
}
