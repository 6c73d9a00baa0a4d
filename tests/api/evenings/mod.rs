//! Brobyggeraftener and info evenings over HTTP on both databases:
//! planning, answering yes and no, capacity, who may see what, public
//! sign-ups, the coordinators' counts and the branch dashboard.

mod answers;
mod dashboard;
mod demo;
mod info;
mod staff;

use brobyg::domain::Code;
use brobyg::domain::Role;
use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, location, spawn_app};

pub struct Branch {
    pub app: TestApp,
    pub id: i64,
    pub coordinator: TestUser,
    pub staff: Browser,
}

pub async fn branch() -> Branch {
    let app = spawn_app().await;
    let id = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(id));
    let staff = log_in(&app, &coordinator).await;
    Branch {
        app,
        id,
        coordinator,
        staff,
    }
}

pub async fn log_in(app: &TestApp, user: &TestUser) -> Browser {
    let b = app.browser();
    let r = b.login(&user.email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "login {}", user.email);
    b
}

/// A date `days` from today as the form's date field sends it.
pub fn date_in(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// The planning form filled in for a brobyggeraften in `branch`.
pub fn evening_fields(branch: i64, capacity: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "branch".into()),
        ("branch", branch.to_string()),
        ("title", "Brobyggeraften: Tolkning".into()),
        ("topic", "Tolkning i sundhedsvæsenet".into()),
        ("speaker", "Hanne Lauridsen".into()),
        ("date", date_in(10)),
        ("start", "17:00".into()),
        ("end", "19:00".into()),
        ("location", "Åboulevarden 1, Aarhus".into()),
        ("capacity", capacity.into()),
    ]
}

/// Plans an evening through the coordinator's form; returns its id.
pub async fn plan(staff: &Browser, fields: &[(&str, String)]) -> i64 {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = staff.post_form("/koordinator/aftener/ny", &borrowed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the evening is created");
    location(&r)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the evening's page")
}

/// Answers yes or no as `who` would, with the page's button.
pub async fn answer(who: &Browser, evening: i64, answer: &str) -> reqwest::Response {
    who.post_form(&format!("/aftener/{evening}/svar"), &[("answer", answer)])
        .await
}

/// The engine's enrolment status of a person in an evening.
pub fn enrolment_status(app: &TestApp, evening: i64, user: i64) -> Option<String> {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::enrolments::find(&mut conn, evening, user)
        .expect("query")
        .map(|e| e.status.as_str().to_string())
}

/// The kinds of message sent to `email`, oldest first.
pub fn kinds_to(app: &TestApp, email: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .map(|r| r.kind)
        .collect()
}
