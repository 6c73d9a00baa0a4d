//! GenLær demo content: the courses of `course-material/genlaer/`, upcoming
//! sessions in Aarhus and Randers (the demo coordinator's) and national
//! ones, a full session with a waiting list, the demo professional with a
//! seat, a waiting-list place and a held session with a certificate, and
//! two organisations' bookings (one pending, one accepted).
//!
//! Everything goes through the real engine; the messages it records are
//! dropped at the end, so a fresh demo has no emails waiting to be sent.

use crate::domain::Lang;
use crate::domain::genlaer::OrganisationKind;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use diesel::prelude::*;
use secrecy::SecretString;

use crate::content::courses::{CourseMeta, check};
use crate::content::load_folder;
use crate::db::bookings::{self, NewBooking};
use crate::db::certificates::{self, NewCertificate};
use crate::db::courses;
use crate::db::genlaer::{self, Link, Person};
use crate::db::sessions::{self, MeetingTimes};
use crate::db::{DbConnection, attendance, branches, users};
use crate::domain::Role;
use crate::domain::attendance::AttendanceStatus;
use crate::domain::genlaer::{BookingStatus, certificate_code};
use crate::domain::invoice::{Invoice, InvoiceKind};

fn err(e: impl std::fmt::Display) -> diesel::result::Error {
    diesel::result::Error::QueryBuilderError(e.to_string().into())
}

/// A Copenhagen wall-clock time `days` from today.
fn at(days: i64, hour: u32, minute: u32) -> QueryResult<NaiveDateTime> {
    let today: NaiveDate = crate::domain::time::local(Utc::now().naive_utc()).date_naive();
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| err("time"))?;
    crate::domain::time::local_to_utc(today + Duration::days(days), time).map_err(err)
}

fn meeting(days: i64, from: (u32, u32), to: (u32, u32)) -> QueryResult<MeetingTimes> {
    Ok(MeetingTimes {
        starts_at: at(days, from.0, from.1)?,
        ends_at: at(days, to.0, to.1)?,
        location: None,
        online_url: None,
    })
}

struct Plan<'a> {
    course: i64,
    branch: Option<i64>,
    title: &'a str,
    location: &'a str,
    online_url: Option<&'a str>,
    capacity: Option<i32>,
    teachers: &'a str,
    meetings: Vec<MeetingTimes>,
    /// Days before the first meeting.
    cancel_days: Option<i64>,
}

fn session(
    conn: &mut DbConnection,
    p: Plan<'_>,
    link: Option<(i64, Link<'_>)>,
) -> QueryResult<i64> {
    let first = p
        .meetings
        .iter()
        .map(|m| m.starts_at)
        .min()
        .ok_or_else(|| err("no meeting"))?;
    let cancel_deadline = p.cancel_days.map(|d| first - Duration::days(d));
    let new = genlaer::new_session(
        p.branch,
        p.title,
        p.location,
        p.online_url,
        p.capacity,
        None,
        cancel_deadline,
    );
    genlaer::create(conn, &new, &p.meetings, p.course, p.teachers, link)
}

const PARTICIPANTS: [(&str, &str, &str); 14] = [
    ("Mette Lund", "Regionshospitalet Randers", "Sygeplejerske"),
    ("Jonas Bach", "Randers Kommune, Jobcenter", "Socialrådgiver"),
    (
        "Fatima Khalil",
        "Regionshospitalet Randers",
        "Social- og sundhedsassistent",
    ),
    ("Peter Holm", "Norddjurs Kommune", "Sundhedsplejerske"),
    (
        "Signe Thomsen",
        "Randers Kommune, Hjemmeplejen",
        "Sygeplejerske",
    ),
    ("Ali Demir", "Lægehuset i Randers", "Lægesekretær"),
    ("Karen Mikkelsen", "Viborg Kommune", "Visitator"),
    (
        "Rasmus Kjeldsen",
        "Regionshospitalet Randers",
        "Fysioterapeut",
    ),
    ("Line Vinther", "Favrskov Kommune", "Ergoterapeut"),
    (
        "Nadia Hansen",
        "Randers Kommune, Socialafdelingen",
        "Socialpædagog",
    ),
    ("Thomas Brandt", "Aarhus Universitetshospital", "Læge"),
    ("Emilie Skov", "Syddjurs Kommune", "Sundhedskonsulent"),
    (
        "Birgitte Dahl",
        "Præhospitalet Region Midtjylland",
        "Sundhedsfaglig visitator",
    ),
    (
        "Henrik Vad",
        "Præhospitalet Region Midtjylland",
        "Sundhedsfaglig visitator",
    ),
];

fn participant(conn: &mut DbConnection, i: usize) -> QueryResult<(i64, Person)> {
    let (name, workplace, job) = PARTICIPANTS[i];
    let email = format!("deltager{}@brobyg.test", i + 1);
    let id = match users::find_by_email(conn, &email)? {
        Some(u) => u.id,
        None => {
            let id = users::create(
                conn,
                &users::NewUser {
                    email: &email,
                    name,
                    phone: None,
                    password_hash: None,
                    verified: true,
                    language: Lang::Da,
                },
            )?;
            users::grant_role(conn, id, Role::Professional)?;
            id
        }
    };
    Ok((
        id,
        Person {
            name: name.into(),
            workplace: workplace.into(),
            job_title: job.into(),
            needs: None,
        },
    ))
}

fn ean_invoice() -> Invoice {
    Invoice {
        kind: InvoiceKind::Ean,
        ean: Some("5798000416604".into()),
        cvr: None,
        address: None,
        reference: Some("Kursusbudget 2026".into()),
    }
}

fn enrol(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    person: &Person,
    invoice: &Invoice,
) -> QueryResult<()> {
    let placed = crate::app::engine::enrol(conn, session_id, user_id, true)?
        .map_err(|r| err(format!("demo enrolment refused: {r:?}")))?;
    genlaer::save_details(conn, placed.enrolment_id, placed.reused, person, invoice)
}

fn course(conn: &mut DbConnection, slug: &str) -> QueryResult<i64> {
    courses::by_slug(conn, slug)?
        .map(|c| c.id)
        .ok_or_else(|| err(format!("no course {slug}")))
}

pub fn seed(conn: &mut DbConnection, secret_key: &SecretString) -> QueryResult<()> {
    let all_branches = branches::all(conn)?;
    let branch = |name: &str| {
        all_branches
            .iter()
            .find(|b| b.branch.name == name)
            .map(|b| b.branch.id)
            .ok_or_else(|| err(format!("no branch {name}")))
    };
    // The catalogue goes in as `brobyg courses import` puts it in.
    let files = load_folder::<CourseMeta>("genlaer/").map_err(err)?;
    check(&files).map_err(err)?;
    crate::app::reference_data::courses(conn, &files)
        .map_err(err)?
        .map_err(err)?;
    let lgbt = course(conn, "lgbt-venlig-praksis-i-sundhedsvaesenet")?;
    let visitators = course(conn, "social-ulighed-i-sundhed-for-visitatorer")?;
    let literacy = course(conn, "sundhedskompetence-og-kommunikation")?;
    let leaders = course(conn, "ledelse-der-mindsker-ulighed-i-sundhed")?;
    let (aarhus, randers) = (branch("Aarhus")?, branch("Randers")?);
    let professional = users::find_by_email(conn, "fagperson@brobyg.test")?
        .ok_or_else(|| err("no demo professional"))?;
    let coordinator = users::find_by_email(conn, "koordinator@brobyg.test")?
        .ok_or_else(|| err("no demo coordinator"))?;
    let hanne = Person {
        name: professional.name.clone(),
        workplace: "Regionshospitalet Randers, Akutafdelingen".into(),
        job_title: "Afdelingssygeplejerske".into(),
        needs: Some("Vegetarisk frokost".into()),
    };

    // Open sessions ahead.
    let lgbt_soon = session(
        conn,
        Plan {
            course: lgbt,
            branch: Some(aarhus),
            title: "LGBT+ venlig praksis i sundhedsvæsenet",
            location: "Social Sundhed Aarhus, Åboulevarden 1, 8000 Aarhus C",
            online_url: None,
            capacity: Some(20),
            teachers: "Mads Kjærgaard og underviser fra LGBT+ Huset Aarhus",
            meetings: vec![meeting(14, (9, 0), (12, 30))?],
            cancel_days: Some(14),
        },
        None,
    )?;
    session(
        conn,
        Plan {
            course: lgbt,
            branch: Some(aarhus),
            title: "LGBT+ venlig praksis i sundhedsvæsenet",
            location: "VIA University College, Hedeager 2, 8200 Aarhus N",
            online_url: None,
            capacity: Some(24),
            teachers: "Underviser fra LGBT+ Huset Aarhus",
            meetings: vec![meeting(45, (13, 0), (16, 30))?],
            cancel_days: Some(14),
        },
        None,
    )?;
    session(
        conn,
        Plan {
            course: literacy,
            branch: None,
            title: "Sundhedskompetence og kommunikation (online)",
            location: "Online",
            online_url: Some("https://møde.socialsundhed.test/sundhedskompetence"),
            capacity: Some(30),
            teachers: "Landssekretariatet",
            meetings: vec![meeting(21, (13, 0), (16, 0))?],
            cancel_days: Some(7),
        },
        None,
    )?;
    session(
        conn,
        Plan {
            course: leaders,
            branch: None,
            title: "Ledelse der mindsker ulighed i sundhed",
            location: "Dokk1, Hack Kampmanns Plads 2, 8000 Aarhus C",
            online_url: None,
            capacity: Some(24),
            teachers: "Landssekretariatet",
            meetings: vec![
                meeting(60, (9, 0), (12, 30))?,
                meeting(61, (9, 0), (12, 30))?,
            ],
            cancel_days: Some(14),
        },
        None,
    )?;
    // Full, with a waiting list (the demo professional is third in it).
    let full = session(
        conn,
        Plan {
            course: literacy,
            branch: Some(randers),
            title: "Sundhedskompetence og kommunikation",
            location: "Social Sundhed Randers, Østervold 42, 8900 Randers C",
            online_url: None,
            capacity: Some(10),
            teachers: "Mads Kjærgaard",
            meetings: vec![meeting(30, (9, 0), (12, 0))?],
            cancel_days: Some(7),
        },
        None,
    )?;
    for i in 0..12 {
        let (uid, person) = participant(conn, i)?;
        enrol(conn, full, uid, &person, &ean_invoice())?;
    }
    enrol(conn, full, professional.id, &hanne, &ean_invoice())?;
    enrol(conn, lgbt_soon, professional.id, &hanne, &ean_invoice())?;
    for i in 0..3 {
        let (uid, person) = participant(conn, i)?;
        enrol(conn, lgbt_soon, uid, &person, &ean_invoice())?;
    }
    // Changing what is planned: the first LGBT+ session starts half an hour
    // later than first announced (its participants have the updated
    // invitation), and the full Randers session has a message to its
    // participants.
    if let Some(first) = sessions::meetings(conn, lgbt_soon)?.first() {
        crate::app::engine::reschedule_meeting(conn, first.id, &meeting(14, (9, 30), (13, 0))?)?;
    }
    let letter = crate::app::sessions::meetings::Letter {
        subject: "Parkering ved Østervold".into(),
        body: "Kære deltagere\n\nDer er få parkeringspladser ved Østervold 42. Tag gerne bussen til Randers Busterminal; der er fem minutters gang.\n\nVenlig hilsen\nSocial Sundhed Randers".into(),
        waiting_list: false,
    };
    let randers_session = sessions::find(conn, full)?;
    crate::app::sessions::meetings::send_letter(conn, &randers_session, &letter, coordinator.id)?;

    // Held, with attendance and a certificate.
    let past = session(
        conn,
        Plan {
            course: literacy,
            branch: Some(aarhus),
            title: "Sundhedskompetence og kommunikation",
            location: "Social Sundhed Aarhus, Åboulevarden 1, 8000 Aarhus C",
            online_url: None,
            capacity: Some(16),
            teachers: "Mads Kjærgaard",
            meetings: vec![meeting(-40, (9, 0), (12, 0))?],
            cancel_days: Some(7),
        },
        None,
    )?;
    // Held 40 days ago: retention has already cleared her needs there
    // (`domain::retention::Rule::Needs`, 30 days), so the demo shows none.
    let hanne_then = Person {
        needs: None,
        ..hanne.clone()
    };
    enrol(conn, past, professional.id, &hanne_then, &ean_invoice())?;
    let held_meeting = sessions::meetings(conn, past)?
        .first()
        .cloned()
        .ok_or_else(|| err("no meeting"))?;
    for i in 3..6 {
        let (uid, person) = participant(conn, i)?;
        enrol(conn, past, uid, &person, &ean_invoice())?;
        attendance::record(
            conn,
            held_meeting.id,
            uid,
            AttendanceStatus::Present,
            held_meeting.minutes(),
            coordinator.id,
        )?;
    }
    attendance::record(
        conn,
        held_meeting.id,
        professional.id,
        AttendanceStatus::Present,
        held_meeting.minutes(),
        coordinator.id,
    )?;
    // Added by the coordinator on the day, without invoice details, and
    // she did not come: her seat is billed, but there is nobody to send
    // the invoice to, so the session's page names her.
    let (walk_in, _) = participant(conn, 6)?;
    crate::app::engine::enrol(conn, past, walk_in, true)?
        .map_err(|r| err(format!("demo enrolment refused: {r:?}")))?;
    sessions::mark_held(conn, past)?;
    let held = sessions::find(conn, past)?;
    evaluations(conn, past, professional.id, held.starts_at)?;
    let goals = crate::db::courses::find(conn, literacy)?.learning_goals;
    let mut random = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut random);
    certificates::issue(
        conn,
        &NewCertificate {
            code: &certificate_code(&random),
            session_id: past,
            user_id: professional.id,
            name: &hanne.name,
            course_title: &held.title,
            first_day: held.starts_at,
            last_day: held.ends_at,
            minutes: held_meeting.minutes(),
            issuer: "Social Sundhed Aarhus",
            learning_goals: &goals,
        },
    )?;

    // Held three days ago in Randers: attendance is not registered and the
    // session not marked held yet, so the coordinator's start page asks for
    // both.
    let last_week = session(
        conn,
        Plan {
            course: visitators,
            branch: Some(randers),
            title: "Social ulighed i sundhed for visitatorer",
            location: "Regionshospitalet Randers, Skovlyvej 15, 8930 Randers NØ",
            online_url: None,
            capacity: Some(12),
            teachers: "Mads Kjærgaard",
            meetings: vec![meeting(-3, (9, 0), (12, 0))?],
            cancel_days: Some(7),
        },
        None,
    )?;
    for i in 6..8 {
        let (uid, person) = participant(conn, i)?;
        enrol(conn, last_week, uid, &person, &ean_invoice())?;
    }

    // Organisations' bookings: one waiting for an answer, one accepted.
    let today = crate::domain::time::local(Utc::now().naive_utc()).date_naive();
    let booking = |course_id: i64,
                   branch_id: i64,
                   organisation: &str,
                   kind: OrganisationKind,
                   place: &str,
                   n: i32,
                   from: i64| NewBooking {
        course_id,
        branch_id: Some(branch_id),
        requester_id: professional.id,
        organisation: organisation.into(),
        organisation_kind: kind,
        wished_from: today + Duration::days(from),
        wished_to: today + Duration::days(from + 30),
        participants: n,
        place: place.into(),
        contact_name: professional.name.clone(),
        contact_email: professional.email.clone(),
        contact_phone: "78 42 00 00".into(),
        invoice: ean_invoice(),
        message: None,
    };
    bookings::create(
        conn,
        &booking(
            lgbt,
            randers,
            "Regionshospitalet Randers, Akutafdelingen",
            OrganisationKind::Hospital,
            "Skovlyvej 15, 8930 Randers NØ",
            16,
            40,
        ),
    )?;
    let accepted = bookings::create(
        conn,
        &booking(
            visitators,
            aarhus,
            "Præhospitalet Region Midtjylland",
            OrganisationKind::Region,
            "Præhospitalet, Olof Palmes Allé 34, 8200 Aarhus N",
            18,
            25,
        ),
    )?;
    bookings::decide(
        conn,
        accepted,
        BookingStatus::Accepted,
        None,
        // The agreed price: 18 visitators at a day's course.
        Some(1_800_000),
        coordinator.id,
    )?;
    let salt = crate::auth::token::generate();
    let hash = crate::auth::token::digest(&crate::app::genlaer::link_token(secret_key, &salt));
    let closed = session(
        conn,
        Plan {
            course: visitators,
            branch: Some(aarhus),
            title: "Social ulighed i sundhed for visitatorer",
            location: "Præhospitalet, Olof Palmes Allé 34, 8200 Aarhus N",
            online_url: None,
            capacity: Some(18),
            teachers: "Mads Kjærgaard",
            meetings: vec![meeting(35, (8, 30), (15, 0))?],
            cancel_days: None,
        },
        Some((
            accepted,
            Link {
                token_hash: &hash,
                salt: &salt,
            },
        )),
    )?;
    for i in 12..14 {
        let (uid, person) = participant(conn, i)?;
        enrol(conn, closed, uid, &person, &Invoice::booking())?;
    }

    Ok(())
}

/// The held session's evaluations: every attendee got a link; the three
/// other participants answered in the days after, and Hanne (the demo's
/// professional) has hers still unused.
fn evaluations(
    conn: &mut DbConnection,
    session_id: i64,
    unused: i64,
    held_at: NaiveDateTime,
) -> QueryResult<()> {
    use crate::app::evaluations::{answer_in, invite_attendees};
    use crate::domain::evaluation::Answer;
    let answers = [
        (
            ("5", "5", "4"),
            "Meget konkret. Samtaleværktøjet bruger vi allerede i afdelingen.",
        ),
        (
            ("4", "5", "4"),
            "Gode eksempler fra praksis; lidt for lidt tid til gruppearbejdet.",
        ),
        (("4", "4", "3"), ""),
    ];
    let links = invite_attendees(conn, session_id)?;
    for (day, ((_, token), ((relevance, teachers, transfer), comment))) in links
        .iter()
        .filter(|(user, _)| *user != unused)
        .zip(answers)
        .enumerate()
    {
        let answer = Answer::parse(relevance, teachers, transfer, comment)
            .map_err(|_| err("a demo answer"))?;
        let at = held_at + chrono::Duration::days(day as i64 + 1);
        answer_in(conn, token, &answer, at)
            .map_err(err)?
            .map_err(|_| err("a demo link"))?;
    }
    Ok(())
}
