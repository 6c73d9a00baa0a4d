//! Brobyggere in the demo: cohorts of the preparation course in Aarhus (one
//! held last spring, one running with attendance registered for its past
//! meetings, one upcoming), Randers and Norddjurs; `frivillig@` active with
//! a signed declaration and a history; `ansoeger@` half-way through the
//! course with one module missed and a make-up on offer; new applications
//! for the coordinator in Aarhus and Randers; five more active brobyggere
//! (`lars.berg@`, `maja.holt@`, `nadia.berg@`, `lukas.winther@`,
//! `sofie.kjaer@`), each with a held course and a signed declaration, one
//! volunteer on a break, one in Randers (`jonas.kragh@`) in grace for the
//! børneattest Randers now requires, one (`freja.dahl@`) whose break ended yesterday and
//! whom the mail worker makes active again, and one alumne. Three more
//! (`birgitte.holm@`, active in Aalborg; `kasper.lund@`, in training in
//! Aarhus with modules 1–6 taken; `else.mikkelsen@`, alumne) come from
//! `examples/frivillige.csv`, imported by the administrator as people
//! trained before Brobyg: their pages show the imported history. They have
//! no password until someone sends them the welcome.
//! Everything goes through the same storage functions as the site, then the
//! dates are moved back so the history reads naturally.

use crate::domain::Lang;
use std::collections::HashMap;

use anyhow::{Context as _, anyhow};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::app::volunteers::applications::{self as apply, Decision};
use crate::app::volunteers::{activation, settings};
use crate::content::preparation;
use crate::db::applications::{self, NewApplication};
use crate::db::cohorts::{self, NewCohort};
use crate::db::sessions::{self, MeetingTimes};
use crate::db::{DbConnection, attendance, branches, declarations, users, volunteer_history};
use crate::domain::activation::BranchRequirements;
use crate::domain::attendance::AttendanceStatus;
use crate::domain::curriculum::Curriculum;
use crate::domain::time::local_to_utc;
use crate::domain::volunteer::StatusChange;

struct Demo<'a> {
    today: NaiveDate,
    coordinator: i64,
    branches: HashMap<String, i64>,
    curriculum: &'a Curriculum,
    password_hash: &'a str,
}

impl Demo<'_> {
    fn branch(&self, name: &str) -> anyhow::Result<i64> {
        self.branches
            .get(name)
            .copied()
            .ok_or_else(|| anyhow!("demo branch {name} missing"))
    }

    /// Noon on a day relative to today: for dates in the history.
    fn day(&self, offset: i64) -> NaiveDateTime {
        (self.today + Duration::days(offset))
            .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
    }

    /// A meeting `offset` days from today, Copenhagen time.
    fn meeting(
        &self,
        offset: i64,
        from: (u32, u32),
        to: (u32, u32),
    ) -> anyhow::Result<MeetingTimes> {
        let date = self.today + Duration::days(offset);
        let at = |(h, m): (u32, u32)| {
            NaiveTime::from_hms_opt(h, m, 0)
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

    fn person(&self, conn: &mut DbConnection, email: &str, name: &str) -> anyhow::Result<i64> {
        Ok(users::create(
            conn,
            &users::NewUser {
                email,
                name,
                phone: None,
                password_hash: Some(self.password_hash),
                verified: true,
                language: Lang::Da,
            },
        )?)
    }
}

/// The usual plan of a cohort: five evenings of four hours, two modules
/// each, a week apart, starting `first` days from today. The fourth is
/// held online, at a link of its own.
fn evening_plan(demo: &Demo, first: i64) -> anyhow::Result<Vec<(MeetingTimes, Vec<String>)>> {
    let ids: Vec<String> = demo
        .curriculum
        .modules()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    ids.chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let mut times = demo.meeting(first + 7 * i as i64, (16, 30), (20, 30))?;
            if i == 3 {
                times.location = Some("Online".into());
                times.online_url = Some(format!(
                    "https://møde.socialsundhed.test/forberedelse{first}"
                ));
            }
            Ok((times, pair.to_vec()))
        })
        .collect()
}

fn cohort(
    conn: &mut DbConnection,
    demo: &Demo,
    branch: &str,
    title: &str,
    location: &str,
    plan: &[(MeetingTimes, Vec<String>)],
) -> anyhow::Result<i64> {
    Ok(cohorts::create(
        conn,
        &NewCohort {
            branch_id: demo.branch(branch)?,
            title,
            location,
            capacity: Some(16),
            enrol_deadline: None,
        },
        plan,
    )?)
}

struct Applicant<'a> {
    branch: &'a str,
    programme: &'a str,
    institution: &'a str,
    semester: &'a str,
    motivation: &'a str,
    availability: &'a str,
}

/// Applies, and moves the application and its history row back in time.
fn apply(
    conn: &mut DbConnection,
    demo: &Demo,
    user_id: i64,
    a: &Applicant,
    days_ago: i64,
) -> anyhow::Result<i64> {
    let id = apply::record(
        conn,
        user_id,
        &NewApplication {
            branch_id: demo.branch(a.branch)?,
            study_programme: a.programme.into(),
            institution: a.institution.into(),
            semester: a.semester.into(),
            motivation: a.motivation.into(),
            availability: a.availability.into(),
            heard_from: Some("Fra en medstuderende".into()),
            birth_year: None,
        },
        &phone(user_id),
        None,
    )?;
    applications::backdate(conn, id, demo.day(-days_ago), None)?;
    volunteer_history::backdate_latest(conn, user_id, demo.day(-days_ago))?;
    Ok(id)
}

/// A phone number of each demo applicant's own, so that no two demo
/// people share one (erasing one must not look like a trace of another).
fn phone(user_id: i64) -> String {
    format!(
        "20 3{} {:02} {:02}",
        user_id / 10_000 % 10,
        user_id / 100 % 100,
        user_id % 100
    )
}

fn accept(
    conn: &mut DbConnection,
    demo: &Demo,
    app: i64,
    user_id: i64,
    applied: i64,
    days_ago: i64,
) -> anyhow::Result<()> {
    applications::record_intro(
        conn,
        app,
        demo.today - Duration::days(days_ago + 2),
        "God samtale. Har erfaring fra praktik i psykiatrien og er klar til kurset.",
        demo.coordinator,
    )?;
    apply::record_decision(conn, app, &Decision::Accept(None), demo.coordinator)?
        .map_err(|_| anyhow!("demo application already decided"))?;
    applications::backdate(conn, app, demo.day(-applied), Some(demo.day(-days_ago)))?;
    volunteer_history::backdate_latest(conn, user_id, demo.day(-days_ago))?;
    Ok(())
}

fn train(
    conn: &mut DbConnection,
    demo: &Demo,
    user_id: i64,
    cohort_id: i64,
    days_ago: i64,
) -> anyhow::Result<()> {
    crate::app::engine::enrol(conn, cohort_id, user_id, true)?
        .map_err(|r| anyhow!("demo enrolment refused: {r:?}"))?;
    activation::start_training(conn, user_id, Some(demo.coordinator))?;
    volunteer_history::backdate_latest(conn, user_id, demo.day(-days_ago))?;
    Ok(())
}

/// Registers attendance at a cohort's meetings: `present[i]` for meeting i.
fn attend(
    conn: &mut DbConnection,
    demo: &Demo,
    cohort_id: i64,
    user_id: i64,
    present: &[bool],
) -> anyhow::Result<()> {
    for (m, here) in sessions::meetings(conn, cohort_id)?.iter().zip(present) {
        let (status, minutes) = if *here {
            (AttendanceStatus::Present, m.minutes())
        } else {
            (AttendanceStatus::Absent, 0)
        };
        attendance::record(conn, m.id, user_id, status, minutes, demo.coordinator)?;
    }
    Ok(())
}

fn sign(
    conn: &mut DbConnection,
    demo: &Demo,
    user_id: i64,
    name: &str,
    days_ago: i64,
) -> anyhow::Result<()> {
    declarations::sign(conn, user_id, 1, name)?;
    declarations::backdate(conn, user_id, 1, demo.day(-days_ago))?;
    Ok(())
}

fn activate(
    conn: &mut DbConnection,
    demo: &Demo,
    user_id: i64,
    days_ago: i64,
) -> anyhow::Result<()> {
    activation::make_active(
        conn,
        demo.curriculum,
        user_id,
        StatusChange::Activate,
        Some(demo.coordinator),
        None,
    )?
    .map_err(|r| anyhow!("demo activation refused: {r:?}"))?;
    volunteer_history::backdate_latest(conn, user_id, demo.day(-days_ago))?;
    Ok(())
}

pub fn seed(conn: &mut DbConnection, password_hash: &str) -> anyhow::Result<()> {
    let material = preparation::load().context("the course material")?;
    let coordinator = users::find_by_email(conn, "koordinator@brobyg.test")?
        .ok_or_else(|| anyhow!("demo coordinator missing"))?
        .id;
    let demo = Demo {
        today: crate::domain::time::local(crate::db::now()).date_naive(),
        coordinator,
        branches: branches::all(conn)?
            .into_iter()
            .map(|b| (b.branch.name, b.branch.id))
            .collect(),
        curriculum: &material.curriculum,
        password_hash,
    };
    let aarhus_place = "Social Sundhed Aarhus, Åboulevarden 1, 8000 Aarhus C";

    // Last spring's Aarhus cohort, held, with a graduation evening.
    let spring = cohort(
        conn,
        &demo,
        "Aarhus",
        "Forberedelseskursus, Aarhus forår",
        aarhus_place,
        &evening_plan(&demo, -220)?,
    )?;
    // This autumn's Aarhus cohort, half-way: four meetings held.
    let ids: Vec<String> = demo
        .curriculum
        .modules()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let module = |i: usize| ids.get(i).cloned().unwrap_or_default();
    let running_plan = vec![
        (
            demo.meeting(-21, (16, 30), (20, 30))?,
            vec![module(0), module(1)],
        ),
        (demo.meeting(-14, (17, 0), (19, 0))?, vec![module(2)]),
        (
            demo.meeting(-7, (16, 30), (20, 30))?,
            vec![module(3), module(4)],
        ),
        (demo.meeting(-2, (17, 0), (19, 0))?, vec![module(5)]),
        (
            demo.meeting(5, (16, 30), (20, 30))?,
            vec![module(6), module(7)],
        ),
        (
            demo.meeting(12, (16, 30), (20, 30))?,
            vec![module(8), module(9)],
        ),
    ];
    let running = cohort(
        conn,
        &demo,
        "Aarhus",
        "Forberedelseskursus, Aarhus efterår",
        aarhus_place,
        &running_plan,
    )?;
    cohort(
        conn,
        &demo,
        "Aarhus",
        "Forberedelseskursus, Aarhus vinter",
        aarhus_place,
        &evening_plan(&demo, 45)?,
    )?;
    cohort(
        conn,
        &demo,
        "Randers",
        "Forberedelseskursus, Randers",
        "Regionshospitalet Randers, Skovlyvej 15, 8930 Randers NØ",
        &evening_plan(&demo, 4)?,
    )?;
    cohort(
        conn,
        &demo,
        "Norddjurs",
        "Forberedelseskursus, Norddjurs",
        "Grenaa Bibliotek, Kannikegade 1, 8500 Grenaa",
        &evening_plan(&demo, 31)?,
    )?;

    // Sara (frivillig@): trained last spring, active since.
    let sara = users::find_by_email(conn, "frivillig@brobyg.test")?
        .ok_or_else(|| anyhow!("demo volunteer missing"))?
        .id;
    let student = |programme, institution, semester| Applicant {
        branch: "Aarhus",
        programme,
        institution,
        semester,
        motivation: "Jeg vil gerne lære, hvad der står i vejen for, at folk får den hjælp, de har brug for – og være med til at gøre vejen lidt lettere.",
        availability: "Hverdage efter kl. 14, og et par eftermiddage om måneden.",
    };
    let app = apply(
        conn,
        &demo,
        sara,
        &student("Medicin", "Aarhus Universitet", "9. semester"),
        250,
    )?;
    accept(conn, &demo, app, sara, 250, 240)?;
    train(conn, &demo, sara, spring, 230)?;
    attend(conn, &demo, spring, sara, &[true; 5])?;
    sign(conn, &demo, sara, "Sara Nørgaard", 190)?;
    activate(conn, &demo, sara, 185)?;

    // Emil: trained with Sara, on a break for his exams.
    let emil = demo.person(conn, "emil.skov@brobyg.test", "Emil Skov")?;
    let app = apply(
        conn,
        &demo,
        emil,
        &student("Fysioterapeut", "VIA University College", "5. semester"),
        248,
    )?;
    accept(conn, &demo, app, emil, 248, 238)?;
    train(conn, &demo, emil, spring, 229)?;
    attend(conn, &demo, spring, emil, &[true; 5])?;
    sign(conn, &demo, emil, "Emil Skov", 191)?;
    activate(conn, &demo, emil, 185)?;
    activation::pause(
        conn,
        emil,
        demo.today + Duration::days(45),
        Some("Eksamen og bachelorprojekt"),
        emil,
    )?
    .map_err(|s| anyhow!("demo pause refused: {s:?}"))?;
    volunteer_history::backdate_latest(conn, emil, demo.day(-10))?;

    // Freja: trained with Sara; her break ended yesterday, so the mail
    // worker's first pass makes her active again and tells her and the
    // coordinators (`app::volunteers::pauses`).
    let freja = demo.person(conn, "freja.dahl@brobyg.test", "Freja Dahl")?;
    let app = apply(
        conn,
        &demo,
        freja,
        &student("Psykologi", "Aarhus Universitet", "6. semester"),
        249,
    )?;
    accept(conn, &demo, app, freja, 249, 238)?;
    train(conn, &demo, freja, spring, 229)?;
    attend(conn, &demo, spring, freja, &[true; 5])?;
    sign(conn, &demo, freja, "Freja Dahl", 191)?;
    activate(conn, &demo, freja, 185)?;
    activation::pause(
        conn,
        freja,
        demo.today - Duration::days(1),
        Some("Praktik i Grønland"),
        freja,
    )?
    .map_err(|s| anyhow!("demo pause refused: {s:?}"))?;
    volunteer_history::backdate_latest(conn, freja, demo.day(-60))?;

    // Jonas: active in Randers, which started requiring a børneattest
    // twelve days ago; he has none yet and is in grace until its deadline
    // (`app::volunteers::settings`), as his page and the coordinators' show.
    let jonas = demo.person(conn, "jonas.kragh@brobyg.test", "Jonas Kragh")?;
    let app = apply(
        conn,
        &demo,
        jonas,
        &Applicant {
            branch: "Randers",
            ..student("Sygeplejerske", "VIA University College", "6. semester")
        },
        247,
    )?;
    accept(conn, &demo, app, jonas, 247, 237)?;
    train(conn, &demo, jonas, spring, 229)?;
    attend(conn, &demo, spring, jonas, &[true; 5])?;
    sign(conn, &demo, jonas, "Jonas Kragh", 189)?;
    activate(conn, &demo, jonas, 180)?;
    settings::apply(
        conn,
        demo.branch("Randers")?,
        &settings::Settings {
            requirements: BranchRequirements {
                child_certificate: true,
                auto_activate: false,
            },
            supervision_window: None,
            reapply_months: None,
        },
        demo.coordinator,
        demo.today - Duration::days(12),
    )
    .map_err(|e| anyhow!("demo settings: {e}"))?;

    // Ida: trained with Sara, graduated as a nurse and moved: an alumne.
    let ida = demo.person(conn, "ida.lund@brobyg.test", "Ida Lund")?;
    let app = apply(
        conn,
        &demo,
        ida,
        &student("Sygeplejerske", "VIA University College", "7. semester"),
        252,
    )?;
    accept(conn, &demo, app, ida, 252, 239)?;
    train(conn, &demo, ida, spring, 229)?;
    attend(conn, &demo, spring, ida, &[true; 5])?;
    sign(conn, &demo, ida, "Ida Lund", 190)?;
    activate(conn, &demo, ida, 185)?;
    activation::retire(
        conn,
        ida,
        Some("Færdiguddannet og flyttet til København"),
        demo.coordinator,
    )?
    .map_err(|s| anyhow!("demo retire refused: {s:?}"))?;
    volunteer_history::backdate_latest(conn, ida, demo.day(-30))?;

    // Lars and Maja: trained with Sara, active. Their supervision (Lars
    // attends; Maja has not been and is overdue) is in `demo::supervision`.
    // Nadia, Lukas and Sofie: the same course, active a little later; they
    // had supervision last month and answer the evenings in `demo::evenings`.
    for (email, name, programme, institution, days_ago) in [
        (
            "lars.berg@brobyg.test",
            "Lars Berg",
            "Socialrådgiver",
            "Aarhus Universitet",
            184,
        ),
        (
            "maja.holt@brobyg.test",
            "Maja Holt",
            "Psykologi",
            "Aarhus Universitet",
            150,
        ),
        (
            "nadia.berg@brobyg.test",
            "Nadia Berg",
            "Medicin",
            "Aarhus Universitet",
            183,
        ),
        (
            "lukas.winther@brobyg.test",
            "Lukas Winther",
            "Sygeplejerske",
            "VIA University College",
            176,
        ),
        (
            "sofie.kjaer@brobyg.test",
            "Sofie Kjær",
            "Ergoterapeut",
            "VIA University College",
            170,
        ),
    ] {
        let id = demo.person(conn, email, name)?;
        let app = apply(
            conn,
            &demo,
            id,
            &student(programme, institution, "6. semester"),
            251,
        )?;
        accept(conn, &demo, app, id, 251, 239)?;
        train(conn, &demo, id, spring, 229)?;
        attend(conn, &demo, spring, id, &[true; 5])?;
        sign(conn, &demo, id, name, 190)?;
        activate(conn, &demo, id, days_ago)?;
    }

    // Clara: took the course last spring and signed the declaration this
    // week: ready for the coordinator to activate.
    let clara = demo.person(conn, "clara.juul@brobyg.test", "Clara Juul")?;
    let app = apply(
        conn,
        &demo,
        clara,
        &student("Jordemoder", "VIA University College", "5. semester"),
        246,
    )?;
    accept(conn, &demo, app, clara, 246, 236)?;
    train(conn, &demo, clara, spring, 228)?;
    attend(conn, &demo, spring, clara, &[true; 5])?;
    sign(conn, &demo, clara, "Clara Juul", 2)?;

    sessions::mark_held(conn, spring)?;
    cohorts::set_graduation(
        conn,
        spring,
        demo.meeting(-180, (18, 0), (21, 0))?.starts_at,
        Some("Social Sundhed Aarhus"),
    )?;

    // Ahmad (ansoeger@): half-way through this autumn's cohort; missed the
    // meeting on module 3, which Randers teaches next week.
    let ahmad = users::find_by_email(conn, "ansoeger@brobyg.test")?
        .ok_or_else(|| anyhow!("demo applicant missing"))?
        .id;
    let app = apply(
        conn,
        &demo,
        ahmad,
        &student("Sygeplejerske", "VIA University College", "4. semester"),
        45,
    )?;
    accept(conn, &demo, app, ahmad, 45, 35)?;
    train(conn, &demo, ahmad, running, 30)?;
    attend(conn, &demo, running, ahmad, &[true, false, true, true])?;

    let mikkel = demo.person(conn, "mikkel.dahl@brobyg.test", "Mikkel Dahl")?;
    let app = apply(
        conn,
        &demo,
        mikkel,
        &student(
            "Folkesundhedsvidenskab",
            "Aarhus Universitet",
            "3. semester",
        ),
        44,
    )?;
    accept(conn, &demo, app, mikkel, 44, 34)?;
    train(conn, &demo, mikkel, running, 29)?;
    attend(conn, &demo, running, mikkel, &[true, true, true, true])?;

    // New applications waiting for the coordinator.
    let waiting = [
        (
            "freja.holm@brobyg.test",
            "Freja Holm",
            "Aarhus",
            "Medicin",
            "Aarhus Universitet",
            "6. semester",
            6,
        ),
        (
            "amina.yusuf@brobyg.test",
            "Amina Yusuf",
            "Aarhus",
            "Socialrådgiver",
            "VIA University College",
            "3. semester",
            3,
        ),
        (
            "jonas.bak@brobyg.test",
            "Jonas Bak",
            "Randers",
            "Sygeplejerske",
            "VIA University College, Randers",
            "2. semester",
            2,
        ),
    ];
    for (email, name, branch, programme, institution, semester, days_ago) in waiting {
        let id = demo.person(conn, email, name)?;
        let app = apply(
            conn,
            &demo,
            id,
            &Applicant {
                branch,
                ..student(programme, institution, semester)
            },
            days_ago,
        )?;
        // Amina had her intro conversation yesterday: the coordinator's
        // answer is what she waits for now.
        if email == "amina.yusuf@brobyg.test" {
            applications::record_intro(
                conn,
                app,
                demo.today - Duration::days(1),
                "God samtale. Vil gerne starte på vinterholdet.",
                demo.coordinator,
            )?;
        }
    }
    import_from_before(conn)?;
    Ok(())
}

/// The sample file of people trained before Brobyg, imported by the demo
/// administrator as an administrator would on `/admin/import`.
fn import_from_before(conn: &mut DbConnection) -> anyhow::Result<()> {
    use crate::app::imports::{self, Kind};
    let admin = users::find_by_email(conn, "admin@brobyg.test")?
        .ok_or_else(|| anyhow!("demo administrator missing"))?;
    let by = crate::app::audit::Actor::new(admin.id, "demo");
    let file = include_bytes!("../../examples/frivillige.csv");
    match imports::apply_in(conn, Kind::Volunteers, file, &by, "frivillige.csv")
        .map_err(|e| anyhow!("{e}"))?
    {
        Ok(_) => Ok(()),
        Err(preview) => Err(anyhow!(
            "examples/frivillige.csv has problems: {:?}",
            preview.problems
        )),
    }
}
