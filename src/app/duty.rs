//! Vagter (the duty rota): the coordinators' side (`staff`: slots, days
//! off, the target, the rota, releasing someone), the brobyggere's side
//! (`volunteer`: the coming month's vagter, taking one, giving one away)
//! and what a pause does to the vagter someone holds (`release_held`).
//!
//! Every vagt is an engine session of kind `duty` (`db::duty`), so seats,
//! the lock, the outbox's invitations and reminders are the engine's. A
//! vagt has no waiting list: a full vagt refuses (`domain::duty::take`).

pub mod staff;
pub mod volunteer;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;
use serde::Serialize;

use super::engine;
use crate::db::duty::{self, Vagt};
use crate::db::{DbConnection, outbox, users, volunteers};
use crate::domain::brobygning::Programme;
use crate::domain::duty::{self as rules, Staffing};
use crate::domain::events::Message;

/// A vagt's title as stored (Danish, like every session title).
pub fn title(programme: Programme) -> String {
    let name = match programme {
        Programme::Health => "Sundhedsbrobygning",
        Programme::Social => "Socialbrobygning",
        Programme::Association => "Foreningsbrobygning",
    };
    format!("Vagt: {name}")
}

/// Where a vagt is, as invitations say it: at the branch's counselling
/// phone (Danish, like every stored place).
pub fn place(branch_name: &str) -> String {
    format!("Rådgivningstelefonen, {branch_name}")
}

/// One vagt as the pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct VagtView {
    pub id: i64,
    /// The date at noon UTC (the same date in Copenhagen), for the date
    /// filters.
    pub day: NaiveDateTime,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub programme: Programme,
    pub wanted: i32,
    pub taken: i32,
    pub staffing: Staffing,
    /// Who is on it (coordinators' pages only).
    pub takers: Vec<Taker>,
    /// The viewer is on it.
    pub mine: bool,
    /// The viewer offers it to the others.
    pub offered_by_me: bool,
    /// Someone else offers their place and the offer is open.
    pub offered: bool,
    /// The viewer may take a place (a free one or an offered one).
    pub may_take: bool,
    /// The viewer may give it away (on it, not offered, 48 hours ahead).
    pub may_give_away: bool,
    pub give_away_until: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct Taker {
    pub user_id: i64,
    pub name: String,
    /// They offer their place to the others.
    pub offering: bool,
}

fn noon(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(12, 0, 0).unwrap_or_default()
}

/// The views of these vagter for `viewer` (`None`: a coordinator, who
/// sees names), in three queries.
fn views(
    conn: &mut DbConnection,
    list: Vec<Vagt>,
    viewer: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<Vec<VagtView>> {
    let ids: Vec<i64> = list.iter().map(|v| v.session.id).collect();
    let mut takers = duty::takers(conn, &ids)?;
    let mut offers = duty::offers(conn, &ids)?;
    Ok(list
        .into_iter()
        .map(|v| {
            let s = &v.session;
            let on = takers.remove(&s.id).unwrap_or_default();
            let open_offers = offers.remove(&s.id).unwrap_or_default();
            let mine = viewer.is_some_and(|u| on.iter().any(|(id, _)| *id == u));
            let offered_by_me = viewer.is_some_and(|u| open_offers.iter().any(|(g, _)| *g == u));
            let others: Vec<(i64, NaiveDateTime)> = open_offers
                .iter()
                .filter(|(g, _)| Some(*g) != viewer)
                .copied()
                .collect();
            let wanted = s.capacity.unwrap_or(0);
            let facts = rules::Facts {
                open: s.status == crate::domain::session::SessionStatus::Open,
                starts_at: s.starts_at,
                wanted,
                taken: s.confirmed_count,
                offers: others.clone(),
            };
            let take = rules::take(&facts, mine, at);
            VagtView {
                id: s.id,
                day: noon(v.day),
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                programme: v.programme,
                wanted,
                taken: s.confirmed_count,
                staffing: rules::staffing(wanted, s.confirmed_count),
                takers: if viewer.is_none() {
                    on.iter()
                        .map(|(id, name)| Taker {
                            user_id: *id,
                            name: name.clone(),
                            offering: open_offers.iter().any(|(g, _)| g == id),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                mine,
                offered_by_me,
                offered: others.iter().any(|(_, until)| at < *until),
                may_take: viewer.is_some() && take.is_ok(),
                may_give_away: rules::may_give_away(mine, offered_by_me, s.starts_at, at).is_ok(),
                give_away_until: rules::give_away_until(s.starts_at),
            }
        })
        .collect())
}

/// Releases the coming vagter a volunteer holds (paused or stopped), in
/// the caller's transaction: each seat is given back through the engine
/// (the volunteer's calendar entries are cancelled) and the branch's
/// coordinators are told once. `by`: who paused them. Returns how many.
pub fn release_held(
    conn: &mut DbConnection,
    user_id: i64,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let held = duty::held_from(conn, user_id, at)?;
    for session_id in &held {
        duty::delete_offer(conn, *session_id, user_id)?;
        // A staff cancellation, so the 48-hour deadline does not hold it.
        engine::cancel(conn, *session_id, user_id, Some(by))?.ok();
    }
    if !held.is_empty()
        && let Some(v) = volunteers::find(conn, user_id)?
    {
        let volunteer = users::find(conn, user_id)?;
        for to in crate::db::notifications::told_at_once(conn, Some(v.branch_id))? {
            outbox::enqueue(
                conn,
                &to,
                &Message::DutiesReleased {
                    volunteer: volunteer.name.clone(),
                    count: held.len() as i64,
                    link: format!("/koordinator/afdelinger/{}/vagter", v.branch_id),
                },
            )?;
        }
    }
    Ok(held.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vagt_is_named_by_its_programme() {
        assert_eq!(title(Programme::Social), "Vagt: Socialbrobygning");
    }
}
