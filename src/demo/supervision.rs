//! Supervision in the demo: group supervision held and coming in Aarhus and
//! Randers. `frivillig@` (Sara) attended last month, is signed up for the
//! next one, which is full with Maja on its waiting list, and has asked for
//! individual supervision; Maja has never been and is overdue; Emil is
//! exempt while on his break.

use anyhow::{Context as _, anyhow};
use chrono::{Duration, NaiveDate, NaiveTime};

use crate::db::sessions::{self, MeetingTimes};
use crate::db::supervision::{self, NewSupervision};
use crate::db::{DbConnection, branches, enrolments, users};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::domain::time::local_to_utc;

fn meeting(today: NaiveDate, offset: i64, from: u32, to: u32) -> anyhow::Result<MeetingTimes> {
    let date = today + Duration::days(offset);
    let at = |h: u32| {
        NaiveTime::from_hms_opt(h, 0, 0)
            .ok_or_else(|| anyhow!("bad time"))
            .and_then(|t| local_to_utc(date, t).map_err(|e| anyhow!("{e}")))
    };
    Ok(MeetingTimes {
        starts_at: at(from)?,
        ends_at: at(to)?,
        location: None,
        online_url: None,
    })
}

fn user(conn: &mut DbConnection, email: &str) -> anyhow::Result<i64> {
    Ok(users::find_by_email(conn, email)?
        .ok_or_else(|| anyhow!("demo user {email} missing"))?
        .id)
}

struct Plan<'a> {
    branch: i64,
    title: &'a str,
    supervisor: &'a str,
    kind: SupervisorKind,
    location: &'a str,
    online_url: Option<&'a str>,
    capacity: Option<i32>,
    times: MeetingTimes,
}

fn plan(conn: &mut DbConnection, p: Plan<'_>) -> anyhow::Result<i64> {
    Ok(supervision::create(
        conn,
        &NewSupervision {
            branch_id: p.branch,
            format: Format::Group,
            title: p.title,
            supervisor_name: p.supervisor,
            supervisor_kind: p.kind,
            location: p.location,
            online_url: p.online_url,
            capacity: p.capacity,
            times: p.times,
        },
    )?)
}

fn enrol(conn: &mut DbConnection, session: i64, people: &[i64]) -> anyhow::Result<()> {
    for person in people {
        crate::app::engine::enrol(conn, session, *person, true)?
            .map_err(|r| anyhow!("demo supervision enrolment refused: {r:?}"))?;
    }
    Ok(())
}

/// Marks a past session held with everyone present.
fn held(conn: &mut DbConnection, session: i64, by: i64) -> anyhow::Result<()> {
    let (seated, _) = enrolments::participants(conn, session)?;
    for m in sessions::meetings(conn, session)? {
        for p in &seated {
            crate::app::sessions::record_one(
                conn,
                m.id,
                crate::app::sessions::Presence {
                    user_id: p.enrolment.user_id,
                    status: AttendanceStatus::Present,
                    minutes: m.minutes(),
                },
                by,
            )?;
        }
    }
    sessions::mark_held(conn, session)?;
    Ok(())
}

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::domain::time::local(crate::db::now()).date_naive();
    let branch_ids: std::collections::HashMap<String, i64> = branches::all(conn)?
        .into_iter()
        .map(|b| (b.branch.name, b.branch.id))
        .collect();
    let branch = |name: &str| {
        branch_ids
            .get(name)
            .copied()
            .ok_or_else(|| anyhow!("demo branch {name} missing"))
    };
    let aarhus = branch("Aarhus")?;
    let randers = branch("Randers")?;
    let coordinator = user(conn, "koordinator@brobyg.test")?;
    let sara = user(conn, "frivillig@brobyg.test")?;
    let lars = user(conn, "lars.berg@brobyg.test")?;
    let maja = user(conn, "maja.holt@brobyg.test")?;
    let emil = user(conn, "emil.skov@brobyg.test")?;
    let roster = [
        user(conn, "nadia.berg@brobyg.test")?,
        user(conn, "lukas.winther@brobyg.test")?,
        user(conn, "sofie.kjaer@brobyg.test")?,
    ];
    let aarhus_place = "Social Sundhed Aarhus, Åboulevarden 1, 8000 Aarhus C";
    let external = "Merete Holm, psykolog";
    let staff = "Mette Kjær, rådgiver";

    // Before Emil's break: Lars and Emil.
    let spring = plan(
        conn,
        Plan {
            branch: aarhus,
            title: "Gruppesupervision",
            supervisor: external,
            kind: SupervisorKind::External,
            location: aarhus_place,
            online_url: None,
            capacity: Some(10),
            times: meeting(today, -75, 16, 18)?,
        },
    )?;
    enrol(conn, spring, &[lars, emil])?;
    held(conn, spring, coordinator)?;

    // Last month: Sara, Lars, Nadia, Lukas and Sofie.
    let last = plan(
        conn,
        Plan {
            branch: aarhus,
            title: "Gruppesupervision",
            supervisor: staff,
            kind: SupervisorKind::Staff,
            location: aarhus_place,
            online_url: None,
            capacity: Some(10),
            times: meeting(today, -26, 16, 18)?,
        },
    )?;
    enrol(conn, last, &[sara, lars])?;
    enrol(conn, last, &roster)?;
    held(conn, last, coordinator)?;

    // Next: a small room, full, with Maja waiting.
    let next = plan(
        conn,
        Plan {
            branch: aarhus,
            title: "Gruppesupervision – svære samtaler",
            supervisor: external,
            kind: SupervisorKind::External,
            location: aarhus_place,
            online_url: None,
            capacity: Some(2),
            times: meeting(today, 9, 16, 18)?,
        },
    )?;
    enrol(conn, next, &[sara, lars, maja])?;
    plan(
        conn,
        Plan {
            branch: aarhus,
            title: "Gruppesupervision",
            supervisor: staff,
            kind: SupervisorKind::Staff,
            location: aarhus_place,
            online_url: Some("https://meet.brobyg.test/aarhus-supervision"),
            capacity: Some(10),
            times: meeting(today, 37, 16, 18)?,
        },
    )?;

    // Randers: one held, one online next month.
    let randers_place = "Social Sundhed Randers, Østervold 18, 8900 Randers C";
    let held_randers = plan(
        conn,
        Plan {
            branch: randers,
            title: "Gruppesupervision",
            supervisor: "Peter Holm, rådgiver",
            kind: SupervisorKind::Staff,
            location: randers_place,
            online_url: None,
            capacity: Some(8),
            times: meeting(today, -19, 17, 19)?,
        },
    )?;
    sessions::mark_held(conn, held_randers)?;
    plan(
        conn,
        Plan {
            branch: randers,
            title: "Gruppesupervision (online)",
            supervisor: external,
            kind: SupervisorKind::External,
            location: "",
            online_url: Some("https://meet.brobyg.test/randers-supervision"),
            capacity: Some(8),
            times: meeting(today, 23, 17, 19)?,
        },
    )?;

    // Sara had a hard accompaniment this week and asks to talk it over.
    crate::app::supervision::request(conn, sara, aarhus)
        .context("the demo request for individual supervision")?
        .ok_or_else(|| anyhow!("demo request refused"))?;
    Ok(())
}
