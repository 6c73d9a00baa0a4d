//! Right of access and portability: `/konto/data` and `/konto/data.json`
//! show a person everything the site holds about them, grouped by the
//! registry's categories, never its secrets; administrators read the same
//! on a person's behalf at `/admin/brugere/{id}/data(.json)`, logged.

use brobyg::app::audit::{Actor, Object, record};
use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::audit::Action;
use brobyg::domain::privacy::Category;
use brobyg::domain::session::SessionKind;
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, location, spawn_app, spawn_app_with};

/// Makes every session's last proof older than the quarter of an hour that
/// sensitive actions accept.
fn age_proofs(app: &TestApp) {
    use brobyg::db::schema::login_sessions;
    let mut conn = app.db.conn().expect("connection");
    diesel::update(login_sessions::table)
        .set(
            login_sessions::proved_at
                .eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(16)),
        )
        .execute(&mut conn)
        .expect("age proofs");
}

/// The JSON download, checked to be one.
async fn download(browser: &Browser, path: &str) -> (String, Value) {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let disposition = response
        .headers()
        .get(reqwest::header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(disposition, "attachment; filename=\"brobyg-data.json\"");
    let body = response.text().await.expect("body");
    let json: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(json["format"], "brobyg-export/1");
    (body, json)
}

/// The categories with at least one row in the download.
fn categories_with_rows(json: &Value) -> Vec<String> {
    let mut found: Vec<String> = json["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .filter(|t| t["rows"].as_array().is_some_and(|r| !r.is_empty()))
        .map(|t| t["category"].as_str().unwrap_or_default().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The rows of `table` in the download (over all its entries).
fn rows<'a>(json: &'a Value, table: &str) -> Vec<&'a Value> {
    json["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .filter(|t| t["table"] == table)
        .flat_map(|t| t["rows"].as_array().into_iter().flatten())
        .collect()
}

/// What the database holds as secrets for `user`: its password hash and
/// the hashes of its login sessions and one-time links.
fn secrets(app: &TestApp, user: i64) -> Vec<String> {
    use brobyg::db::schema::{login_sessions, user_tokens, users};
    let mut conn = app.db.conn().expect("connection");
    let mut out: Vec<String> = users::table
        .find(user)
        .select(users::password_hash)
        .first::<Option<String>>(&mut conn)
        .expect("user")
        .into_iter()
        .collect();
    out.extend(
        login_sessions::table
            .filter(login_sessions::user_id.eq(user))
            .select(login_sessions::token_hash)
            .load::<String>(&mut conn)
            .expect("sessions"),
    );
    out.extend(
        user_tokens::table
            .filter(user_tokens::user_id.eq(user))
            .select(user_tokens::token_hash)
            .load::<String>(&mut conn)
            .expect("tokens"),
    );
    out
}

/// A staff action about `user` from a client address that must never be
/// shown to them.
const STAFF_CLIENT: &str = "203.0.113.77";

fn staff_action(app: &TestApp, actor: Option<i64>, user: i64) {
    let mut conn = app.db.conn().expect("connection");
    record(
        &mut conn,
        &Actor {
            user_id: actor,
            client: STAFF_CLIENT.into(),
        },
        Action::VolunteerCheckRecorded,
        &Object::user(user),
        Some("børneattest"),
    )
    .expect("audit row");
}

/// A brobygger with something in every category: application, course,
/// declaration (through `qualified_volunteer`), a supervision seat, a
/// vagt, a GenLær seat with needs and invoice details, a reset request (with its
/// email and link), a staff action about them and a login session.
async fn everything(app: &TestApp) -> (TestUser, Browser) {
    use brobyg::db::genlaer::{Person, save_details};
    use brobyg::db::schema::enrolments;
    use brobyg::domain::invoice::{Invoice, InvoiceKind};
    let branch = app.create_branch("Afdeling Indsigt");
    let user = app.qualified_volunteer("indsigt@example.dk", branch);
    let supervision = app.create_session(SessionKind::Supervision, Some(branch), None, 10);
    app.enrol(supervision, user.id);
    let genlaer = app.create_session(SessionKind::Genlaer, None, None, 20);
    app.enrol(genlaer, user.id);
    // A vagt on the branch's rota: their place is theirs to see.
    let vagt = app.create_session(SessionKind::Duty, Some(branch), None, 2);
    app.enrol(vagt, user.id);
    {
        let mut conn = app.db.conn().expect("connection");
        let enrolment: i64 = enrolments::table
            .filter(enrolments::session_id.eq(genlaer))
            .filter(enrolments::user_id.eq(user.id))
            .select(enrolments::id)
            .first(&mut conn)
            .expect("enrolment");
        save_details(
            &mut conn,
            enrolment,
            false,
            &Person {
                name: "Ida Indsigt".into(),
                workplace: "Hospice Djursland".into(),
                job_title: "Sygeplejerske".into(),
                needs: Some("Glutenfri kost".into()),
            },
            &Invoice {
                kind: InvoiceKind::Ean,
                ean: Some("5798000000000".into()),
                cvr: None,
                address: None,
                reference: Some("Ref-Indsigt".into()),
            },
        )
        .expect("details");
    }
    let admin = app.create_user("admin-indsigt@example.dk", &[Role::Admin], None);
    staff_action(app, Some(admin.id), user.id);
    let browser = app.browser();
    let forgot = browser
        .post_form("/konto/glemt-adgangskode", &[("email", &user.email)])
        .await;
    assert!(forgot.status().is_success() || forgot.status().is_redirection());
    let login = browser.login(&user.email, PASSWORD).await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    (user, browser)
}

#[tokio::test]
async fn a_person_sees_and_downloads_every_category_and_no_secret() {
    let app = spawn_app().await;
    let (user, browser) = everything(&app).await;

    let (body, json) = download(&browser, "/konto/data.json").await;
    assert_eq!(json["person"]["id"], user.id);
    assert_eq!(json["person"]["email"], user.email.as_str());
    let expected: Vec<String> = {
        let mut all: Vec<String> = Category::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        all.sort();
        all
    };
    assert_eq!(categories_with_rows(&json), expected);
    for t in json["tables"].as_array().expect("tables") {
        assert!(t["purpose"].as_str().is_some_and(|p| !p.is_empty()));
        assert!(t["retention"].as_str().is_some_and(|p| !p.is_empty()));
        assert!(t["legal_basis"].as_array().is_some_and(|b| !b.is_empty()));
    }
    // The values as the person gave them, normalised the same way on both
    // databases.
    let details = rows(&json, "genlaer_enrolments");
    assert!(details.iter().any(|r| r["needs"] == "Glutenfri kost"));
    assert!(details.iter().any(|r| r["ean"] == "5798000000000"));
    let seats = rows(&json, "enrolments");
    assert!(
        seats.len() >= 3,
        "cohort, supervision and GenLær: {seats:?}"
    );
    assert!(seats.iter().all(|r| r["late_cancellation"].is_boolean()));
    let created = rows(&json, "users")[0]["created_at"]
        .as_str()
        .expect("time");
    assert!(
        created.len() == 20 && created.ends_with('Z') && created.contains('T'),
        "{created}"
    );
    assert!(!rows(&json, "outbox").is_empty());
    assert!(
        rows(&json, "outbox")
            .iter()
            .all(|r| r.get("payload").is_none())
    );
    assert!(!rows(&json, "login_sessions").is_empty());
    assert!(!rows(&json, "reset_requests").is_empty());
    // Secrets: named as withheld, never shown.
    let withheld: Vec<&str> = json["withheld"]
        .as_array()
        .expect("withheld")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(withheld.contains(&"users.password_hash"));
    assert!(withheld.contains(&"login_sessions.token_hash"));
    let secrets = secrets(&app, user.id);
    assert!(secrets.len() >= 3, "password, session and reset link");
    assert!(!body.contains("password_hash\":"));
    assert!(!body.contains("token_hash\":"));

    let html = browser.get_html("/konto/data").await;
    for secret in &secrets {
        assert!(!body.contains(secret.as_str()), "a secret in the JSON");
        assert!(!html.contains(secret.as_str()), "a secret on the page");
    }
    let doc = scraper::Html::parse_document(&html);
    for c in Category::ALL {
        let css = format!(
            "section[data-category=\"{}\"] .data-section tbody tr",
            c.as_str()
        );
        let selector = scraper::Selector::parse(&css).expect("selector");
        assert!(
            doc.select(&selector).next().is_some(),
            "no rows on the page for {c:?}"
        );
    }
    assert!(html.contains("Glutenfri kost"));
    assert!(html.contains("href=\"/konto/data.json\""));
    assert!(html.contains("Hent mine data (JSON)"));

    let profile = browser.get_html("/konto").await;
    assert!(profile.contains("href=\"/konto/data\""));
}

#[tokio::test]
async fn the_demo_volunteer_downloads_their_data() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let browser = app.browser();
    let login = browser
        .login("frivillig@brobyg.test", brobyg::demo::PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let (_, json) = download(&browser, "/konto/data.json").await;
    assert_eq!(json["person"]["email"], "frivillig@brobyg.test");
    let found = categories_with_rows(&json);
    // The demo brobygger applied, took the course, signed the declaration,
    // goes to supervision and evenings and has had emails.
    for code in [
        "contact",
        "account",
        "application",
        "volunteering",
        "training",
        "declaration",
        "supervision",
        "messages",
    ] {
        assert!(found.iter().any(|c| c == code), "{code} in {found:?}");
    }
    let html = browser.get_html("/konto/data").await;
    assert!(html.contains("frivillig@brobyg.test"));
}

#[tokio::test]
async fn without_a_fresh_proof_the_person_is_asked_who_they_are() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Volunteer).await;
    age_proofs(&app);
    for path in ["/konto/data", "/konto/data.json"] {
        let response = browser.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(
            location(&response).starts_with("/konto/bekraeft-identitet"),
            "{path}"
        );
    }
    let anonymous = app.browser().get("/konto/data.json").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/log-ind"));
}

#[tokio::test]
async fn a_person_gets_only_their_own_and_only_administrators_read_others() {
    let app = spawn_app().await;
    let (ida, _) = app.signed_in(Role::Volunteer).await;
    let (bo_browser, bo) = app.signed_in(Role::Volunteer).await;
    let (_, json) = download(&ida, "/konto/data.json").await;
    assert_ne!(json["person"]["id"], bo.id);
    assert!(
        !serde_json::to_string(&json)
            .expect("text")
            .contains(&bo.email)
    );

    // Neither a volunteer nor a coordinator may use the admin routes.
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    for browser in [&ida, &coordinator] {
        for path in [
            format!("/admin/brugere/{}/data", bo.id),
            format!("/admin/brugere/{}/data.json", bo.id),
        ] {
            let before = app.audit_count();
            let response = browser.get(&path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
            assert_eq!(app.audit_count(), before);
        }
    }

    // An administrator's view and download are in the audit log.
    let (admin, admin_user) = app.signed_in(Role::Admin).await;
    let before = app.audit_count();
    let html = admin
        .get_html(&format!("/admin/brugere/{}/data", bo.id))
        .await;
    assert!(html.contains(&bo.email));
    assert!(html.contains(&format!("/admin/brugere/{}/data.json", bo.id)));
    let (_, json) = download(&admin, &format!("/admin/brugere/{}/data.json", bo.id)).await;
    assert_eq!(json["person"]["id"], bo.id);
    assert_eq!(app.audit_count(), before + 2);
    let user_page = admin.get_html(&format!("/admin/brugere/{}", bo.id)).await;
    assert!(user_page.contains(&format!("href=\"/admin/brugere/{}/data\"", bo.id)));

    // Bo sees that the administrator read his data, by name.
    let (_, mine) = download(&bo_browser, "/konto/data.json").await;
    let actions = mine["staff_actions"].as_array().expect("actions");
    let exports: Vec<&Value> = actions
        .iter()
        .filter(|a| a["action"] == "export_downloaded")
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(
        exports
            .iter()
            .all(|a| a["actor"] == format!("Test {}", admin_user.email))
    );

    // An unknown person is a 404 and logs nothing.
    let before = app.audit_count();
    let missing = admin.get("/admin/brugere/999999/data.json").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count(), before);
}

#[tokio::test]
async fn staff_actions_about_the_person_appear_without_the_staff_address() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Volunteer).await;
    let admin = app.create_user("revisor@example.dk", &[Role::Admin], None);
    staff_action(&app, Some(admin.id), user.id);
    staff_action(&app, None, user.id);
    // Someone else's row is not theirs.
    let other = app.create_user("anden@example.dk", &[], None);
    staff_action(&app, Some(admin.id), other.id);

    let (body, json) = download(&browser, "/konto/data.json").await;
    let actions = json["staff_actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert_eq!(actions[0]["action"], "volunteer_check_recorded");
    assert_eq!(actions[0]["actor"], "Test revisor@example.dk");
    assert_eq!(actions[0]["detail"], "børneattest");
    assert_eq!(actions[1]["actor"], "system");
    assert!(actions.iter().all(|a| a.get("client").is_none()));
    assert!(!body.contains(STAFF_CLIENT));

    let html = browser.get_html("/konto/data").await;
    assert!(!html.contains(STAFF_CLIENT));
    let rows = crate::helpers::texts(&html, "#staff-actions tr.staff-action");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("Test revisor@example.dk"));
    assert!(rows[1].contains("Systemet"));
}
