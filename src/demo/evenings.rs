//! Brobyggeraftener in the demo: one held in Aarhus last month with
//! attendance registered, an upcoming one with yes and no answers, a
//! national evening from the secretariat, and a public info evening with
//! sign-ups from people without an account. Everything goes through the
//! site's own use-case steps, so the invitations and confirmations are
//! in the outbox to read.

use crate::domain::Lang;
use anyhow::{Context as _, anyhow};
use chrono::{Duration, NaiveDate, NaiveTime};

use crate::app::evenings::staff::announce;
use crate::db::evenings::NewEvening;
use crate::db::sessions::{self, MeetingTimes};
use crate::db::{DbConnection, attendance, branches, users};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::evening::{Answer, EveningKind};
use crate::domain::time::local_to_utc;

const AARHUS_PLACE: &str = "Social Sundhed Aarhus, Åboulevarden 1, 8000 Aarhus C";

/// An evening `offset` days from today, 17:00–19:00 Copenhagen time.
fn evening_at(today: NaiveDate, offset: i64) -> anyhow::Result<MeetingTimes> {
    let date = today + Duration::days(offset);
    let at = |h: u32| {
        NaiveTime::from_hms_opt(h, 0, 0)
            .ok_or_else(|| anyhow!("bad time"))
            .and_then(|t| local_to_utc(date, t).map_err(|e| anyhow!("{e}")))
    };
    Ok(MeetingTimes {
        starts_at: at(17)?,
        ends_at: at(19)?,
        location: None,
        online_url: None,
    })
}

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::domain::time::local(crate::db::now()).date_naive();
    let aarhus = branches::all(conn)?
        .into_iter()
        .find(|b| b.branch.name == "Aarhus")
        .map(|b| b.branch.id)
        .context("demo branch Aarhus")?;
    let person = |conn: &mut DbConnection, email: &str| -> anyhow::Result<i64> {
        Ok(users::find_by_email(conn, email)?
            .ok_or_else(|| anyhow!("demo person {email} missing"))?
            .id)
    };
    let sara = person(conn, "frivillig@brobyg.test")?;
    let coordinator = person(conn, "koordinator@brobyg.test")?;
    // Active Aarhus brobyggere from `demo::volunteers`, each with a held
    // course and a signed declaration.
    let others = [
        person(conn, "nadia.berg@brobyg.test")?,
        person(conn, "lukas.winther@brobyg.test")?,
        person(conn, "sofie.kjaer@brobyg.test")?,
    ];

    // Last month's evening in Aarhus: held, attendance registered.
    let past = announce(
        conn,
        &NewEvening {
            kind: EveningKind::Branch,
            branch_id: Some(aarhus),
            title: "Brobyggeraften: Når sproget er en barriere",
            topic: "Tolkning og sundhedskompetence i mødet med sundhedsvæsenet",
            speaker: "Hanne Lauridsen, sygeplejerske og tolkekoordinator, AUH",
            location: AARHUS_PLACE,
            capacity: Some(30),
            open_to_other_branches: false,
        },
        &evening_at(today, -33)?,
    )?;
    for &uid in std::iter::once(&sara).chain(&others) {
        // Answered before the evening; entered here by staff afterwards.
        crate::app::engine::enrol(conn, past, uid, true)?
            .map_err(|r| anyhow!("demo enrolment refused: {r:?}"))?;
    }
    sessions::mark_held(conn, past)?;
    let meeting = sessions::meetings(conn, past)?
        .into_iter()
        .next()
        .context("the evening's meeting")?;
    for (i, &uid) in std::iter::once(&sara).chain(&others).enumerate() {
        let status = if i == 3 {
            AttendanceStatus::Absent
        } else {
            AttendanceStatus::Present
        };
        let minutes = if i == 3 { 0 } else { meeting.minutes() };
        attendance::record(conn, meeting.id, uid, status, minutes, coordinator)?;
    }

    // The next evening in Aarhus: Sara and Nadia come, Lukas cannot.
    let next = announce(
        conn,
        &NewEvening {
            kind: EveningKind::Branch,
            branch_id: Some(aarhus),
            title: "Brobyggeraften: Sundhedsvæsenet set fra borgerens side",
            topic: "Hvad står i vejen for, at folk får den hjælp, de har brug for?",
            speaker: "Mette Holm, socialrådgiver, Social Sundhed",
            location: AARHUS_PLACE,
            capacity: Some(25),
            open_to_other_branches: false,
        },
        &evening_at(today, 12)?,
    )?;
    let answers = [
        (sara, Answer::Yes),
        (others[0], Answer::Yes),
        (others[1], Answer::No),
    ];
    for (uid, answer) in answers {
        crate::app::evenings::answer(conn, next, uid, answer)
            .map_err(|e| anyhow!("demo answer refused: {e:?}"))?;
    }

    // A national evening from the secretariat, open to every branch.
    announce(
        conn,
        &NewEvening {
            kind: EveningKind::Branch,
            branch_id: None,
            title: "Landsdækkende brobyggeraften: Social ulighed i sundhed",
            topic: "Hvad viser tallene – og hvad kan brobyggere gøre?",
            speaker: "Alliancen mod social ulighed i sundhed",
            location: "Social Sundhed, landssekretariatet, Nørre Farimagsgade 13, 1364 København K",
            capacity: None,
            open_to_other_branches: true,
        },
        &evening_at(today, 40)?,
    )?;

    // A public info evening with sign-ups from people without accounts.
    let info = announce(
        conn,
        &NewEvening {
            kind: EveningKind::Info,
            branch_id: Some(aarhus),
            title: "Infoaften: Bliv brobygger i Aarhus",
            topic: "Hvad laver en brobygger, og hvordan bliver man det?",
            speaker: "Mikkel Dahl, brobygger",
            location: AARHUS_PLACE,
            capacity: Some(40),
            open_to_other_branches: false,
        },
        &evening_at(today, 19)?,
    )?;
    let _welcome = "/konto/velkommen/".to_string();
    for (email, name) in [
        ("maja.friis@example.dk", "Maja Friis"),
        ("oliver.dam@example.dk", "Oliver Dam"),
    ] {
        let uid = crate::app::accounts::for_email(conn, email, name, Lang::Da, None)?;
        crate::app::engine::enrol(conn, info, uid, false)?
            .map_err(|r| anyhow!("demo sign-up refused: {r:?}"))?;
    }
    Ok(())
}
