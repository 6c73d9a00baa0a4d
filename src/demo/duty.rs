//! Vagter in the demo: Aarhus has a rota for the coming weeks (mornings
//! on Mondays and Wednesdays for sundhedsbrobygning, Thursday afternoons
//! for socialbrobygning), most vagter taken by the active brobyggere, some
//! still empty or short of one, and one of Sara's (`frivillig@`) given away to the others.
//! Emil is on a break, so `/vagter` refuses him with the reason.

use anyhow::{Context as _, anyhow};
use chrono::{Datelike as _, Duration, NaiveDate};

use crate::app::duty::{staff, volunteer};
use crate::db::{DbConnection, branches, duty, users};
use crate::domain::brobygning::Programme;
use crate::domain::duty::Slot;

/// How many weeks of vagter the demo rota has.
const WEEKS: i64 = 6;

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::domain::time::local(crate::db::now()).date_naive();
    let aarhus = branches::all(conn)?
        .into_iter()
        .map(|b| b.branch)
        .find(|b| b.name == "Aarhus")
        .context("demo branch Aarhus")?;
    let person = |conn: &mut DbConnection, email: &str| -> anyhow::Result<i64> {
        Ok(users::find_by_email(conn, email)?
            .ok_or_else(|| anyhow!("demo person {email} missing"))?
            .id)
    };
    let from = today + Duration::days(1);
    let to = today + Duration::weeks(WEEKS);
    let slot = |weekday: i32, start: i32, end: i32, programme: Programme, wanted: i32| Slot {
        weekday,
        start_minute: start,
        end_minute: end,
        programme,
        wanted,
        from,
        to,
    };
    for s in [
        slot(1, 8 * 60, 12 * 60, Programme::Health, 2),
        slot(3, 8 * 60, 12 * 60, Programme::Health, 2),
        slot(4, 12 * 60, 15 * 60 + 30, Programme::Social, 1),
    ] {
        staff::make_slot(conn, &aarhus, &s)?;
    }
    // Christmas Eve is a day off when it falls in the rota's weeks.
    if let Some(eve) = NaiveDate::from_ymd_opt(today.year(), 12, 24)
        && eve > today
        && eve <= to
    {
        duty::add_day_off(conn, aarhus.id, eve)?;
    }

    // The branch's active brobyggere (Emil, on his break, is not one).
    let active: Vec<i64> = duty::active_people(conn, aarhus.id)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if active.is_empty() {
        return Err(anyhow!("no active demo brobyggere in Aarhus"));
    }
    let sara = person(conn, "frivillig@brobyg.test")?;
    let vagter = duty::vagter(conn, &[aarhus.id], from, to)?;
    // Every fourth vagt stays empty and every fourth is short of one, so
    // the rota shows what is missing; the others are fully staffed. The
    // brobyggere take them in turn.
    let mut next = 0;
    let mut saras = Vec::new();
    for (i, v) in vagter.iter().enumerate() {
        let places = match i % 4 {
            3 => 0,
            2 => 1,
            _ => v.session.capacity.unwrap_or(1),
        };
        for _ in 0..(places as usize).min(active.len()) {
            let who = active[next % active.len()];
            next += 1;
            volunteer::take_in(conn, who, aarhus.id, v.session.id)
                .map_err(|_| anyhow!("demo vagt refused"))?;
            if who == sara {
                saras.push((v.session.id, v.session.starts_at));
            }
        }
    }
    // One of Sara's, more than 48 hours ahead, is offered to the others.
    let soon = crate::db::now() + Duration::hours(72);
    if let Some((id, _)) = saras.iter().find(|(_, at)| *at > soon) {
        volunteer::give_away_in(conn, sara, aarhus.id, *id)
            .map_err(|_| anyhow!("demo give-away refused"))?;
    }
    Ok(())
}
