//! GenLær over HTTP: catalogue and API, enrolment and the waiting list,
//! bookings by organisations, certificates, coordinators' pages, who may
//! do what, and capacity under 50 simultaneous enrolments.

mod bookings;
mod catalogue;
mod certificates;
mod concurrency;
mod demo;
mod enrolment;
mod page_cache;
mod staff;

use brobyg::db::courses::{self, CourseFields};
use brobyg::db::genlaer;
use brobyg::db::sessions::MeetingTimes;
use brobyg::domain::Code;
use chrono::{Duration, NaiveDateTime, Utc};

use crate::helpers::TestApp;

pub const VALID_EAN: &str = "5798000416604";
pub const VALID_CVR: &str = "29189404";

pub fn in_days(days: i64) -> NaiveDateTime {
    (Utc::now() + Duration::days(days)).naive_utc()
}

pub fn course(app: &TestApp, slug: &str, title: &str, region: Option<i64>) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    courses::create(
        &mut conn,
        &CourseFields {
            slug: slug.into(),
            title: title.into(),
            summary: format!("Om {title}"),
            description: "Et **praksisnært** kursus.".into(),
            audience: brobyg::domain::genlaer::Audience::Professionals,
            target_group: "sygeplejersker og visitatorer".into(),
            learning_goals: "- At forstå".into(),
            minutes: 180,
            format: brobyg::domain::genlaer::CourseFormat::Both,
            price_ore: 125_000,
            vat_note: "Momsfri".into(),
            cancellation_terms: "Gratis afmelding indtil fristen.".into(),
            late_free_if_refilled: true,
            region_id: region,
            published: true,
        },
    )
    .expect("course")
}

/// A public GenLær session of `course` with one three-hour meeting `days`
/// from now.
pub fn session(
    app: &TestApp,
    course: i64,
    branch: Option<i64>,
    capacity: Option<i32>,
    days: i64,
    cancel_deadline: Option<NaiveDateTime>,
) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    let start = in_days(days);
    genlaer::create(
        &mut conn,
        &genlaer::new_session(
            branch,
            "Hold til test",
            "Søndergade 1, Aarhus",
            None,
            capacity,
            None,
            cancel_deadline,
        ),
        &[MeetingTimes {
            starts_at: start,
            ends_at: start + Duration::hours(3),
            location: None,
            online_url: None,
        }],
        course,
        "Underviser Ursula",
        None,
    )
    .expect("session")
}

/// The public enrolment form's fields for a person paying by EAN.
pub fn enrol_fields<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("email", email),
        ("workplace", "Aarhus Universitetshospital"),
        ("job_title", "Sygeplejerske"),
        ("needs", ""),
        ("invoice_kind", "ean"),
        ("ean", VALID_EAN),
        ("cvr", ""),
        ("invoice_address", ""),
        ("reference", "PO-1"),
    ]
}

pub fn kinds_to(app: &TestApp, email: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .map(|r| r.kind)
        .collect()
}

pub fn enrolment_status(app: &TestApp, session: i64, email: &str) -> Option<String> {
    let mut conn = app.db.conn().expect("connection");
    let user = brobyg::db::users::find_by_email(&mut conn, email).expect("query")?;
    brobyg::db::enrolments::find(&mut conn, session, user.id)
        .expect("query")
        .map(|e| e.status.as_str().to_string())
}

/// Texts looked up by keys built from stored codes exist in both languages.
#[test]
fn every_genlaer_code_has_its_text() {
    use brobyg::domain::Lang;
    use brobyg::domain::genlaer::{Audience, CourseFormat, OrganisationKind};
    use brobyg::i18n::t;
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        Audience::ALL
            .iter()
            .map(|a| format!("genlaer-audience-{}", a.as_str())),
    );
    keys.extend(
        CourseFormat::ALL
            .iter()
            .map(|f| format!("genlaer-format-{}", f.as_str())),
    );
    keys.extend(
        OrganisationKind::ALL
            .iter()
            .map(|k| format!("genlaer-org-{}", k.as_str())),
    );
    for s in ["pending", "accepted", "declined"] {
        keys.push(format!("genlaer-booking-status-{s}"));
    }
    for s in ["confirmed", "waitlisted", "cancelled", "withdrawn"] {
        keys.push(format!("genlaer-history-{s}"));
    }
    for kind in [
        "account_created",
        "booking_received",
        "booking_accepted",
        "booking_declined",
    ] {
        // Their email subjects take arguments; the render test covers them.
        keys.push(format!("message-kind-{kind}"));
    }
    for &lang in Lang::ALL {
        for key in &keys {
            assert_ne!(&t(lang, key), key, "{key} in {lang:?}");
        }
    }
}
