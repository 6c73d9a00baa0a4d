//! Brobygninger in the demo: Aarhus's active brobyggere registered their
//! accompaniments last month (Sara, `frivillig@`, among them) and in the
//! months before, only on days they were active, so the coordinators'
//! month and `/admin/statistik` show the demo's numbers. Counts only, as
//! always.

use anyhow::anyhow;
use chrono::{Datelike, Months};

use crate::db::{DbConnection, branches, brobygninger, now, users, volunteers};
use crate::domain::Code;
use crate::domain::brobygning::{Programme, Registration, refusal_on};
use crate::domain::time::local;
use crate::domain::volunteer::VolunteerStatus;

/// Aarhus's brobyggere who may be active.
const PEOPLE: [&str; 6] = [
    "frivillig@brobyg.test",
    "lars.berg@brobyg.test",
    "maja.holt@brobyg.test",
    "nadia.berg@brobyg.test",
    "lukas.winther@brobyg.test",
    "sofie.kjaer@brobyg.test",
];

const MINUTES: [i32; 6] = [240, 210, 270, 240, 300, 225];

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let aarhus = branches::by_slug(conn, "aarhus")?
        .ok_or_else(|| anyhow!("demo branch Aarhus missing"))?
        .id;
    let counsellor = users::find_by_email(conn, "koordinator@brobyg.test")?.map(|u| u.id);
    let today = local(now()).date_naive();
    let this_month = today.with_day(1).unwrap_or(today);
    for (i, email) in PEOPLE.iter().enumerate() {
        let Some(user) = users::find_by_email(conn, email)? else {
            continue;
        };
        let Some(v) = volunteers::find(conn, user.id)? else {
            continue;
        };
        if v.branch_id != aarhus || v.status != VolunteerStatus::Active {
            continue;
        }
        let history: Vec<_> = brobygninger::history(conn, user.id)?
            .into_iter()
            .map(|(at, from, to)| (local(at).date_naive(), from, to))
            .collect();
        // Last month first (two or three each), then the eleven before.
        for back in 1..=12u32 {
            let Some(first) = this_month.checked_sub_months(Months::new(back)) else {
                continue;
            };
            let count = if back == 1 {
                2 + i % 2
            } else {
                (i + back as usize) % 3
            };
            for n in 0..count {
                let day = first + chrono::Duration::days((3 + 9 * n + i) as i64);
                if day.month() != first.month() || refusal_on(&history, v.status, day).is_some() {
                    continue;
                }
                let k = i + n + back as usize;
                let r = Registration {
                    done_on: day,
                    programme: Programme::ALL[if k.is_multiple_of(5) {
                        1
                    } else if k.is_multiple_of(7) {
                        2
                    } else {
                        0
                    }],
                    minutes: MINUTES[k % MINUTES.len()],
                    briefing: !k.is_multiple_of(6),
                    briefed_by: counsellor.filter(|_| !k.is_multiple_of(6)),
                    debriefing: !k.is_multiple_of(4),
                    debriefed_by: counsellor.filter(|_| !k.is_multiple_of(4)),
                };
                // Registered the evening of the day.
                let evening = chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default();
                let at =
                    crate::domain::time::local_to_utc(day, evening).map_err(|e| anyhow!("{e}"))?;
                brobygninger::insert(conn, user.id, aarhus, &r, at)?;
            }
        }
    }
    Ok(())
}
