//! The NGO's first day, as the go-live issue describes it: an empty
//! database in production mode is brought to life with the command line
//! alone (first administrator, organisation, catalogue, the people from
//! before Brobyg), and the imported people then use the site as they will
//! on day one. Runs on both databases like every test here.

use std::path::{Path, PathBuf};

use brobyg::app::imports::Kind;
use brobyg::cli::admin::PasswordChoice;
use brobyg::config::{Environment, MailDelivery};
use brobyg::db::Db;
use brobyg::domain::events::Message;
use brobyg::domain::volunteer::VolunteerStatus;
use reqwest::StatusCode;
use secrecy::ExposeSecret as _;

use crate::helpers::{Browser, TestApp, TestDatabase, location, path_of, spawn_app_with, texts};
use crate::security::second_factor::set_up;
use crate::volunteers::support::{checklist, is_clear};

const HEADER: &str = "navn;email;telefon;afdeling;status;uddannet_dato;gennemfoerte_moduler;tavshedserklaering_version;tavshedserklaering_dato;sidste_supervision;studie;institution;noter_til_koordinator";

fn material(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("course-material")
        .join(path)
}

/// Runs a command as `main.rs` does and returns what it printed.
fn said(run: impl FnOnce(&mut Vec<u8>) -> anyhow::Result<()>) -> String {
    let mut out = Vec::new();
    let result = run(&mut out);
    let text = String::from_utf8(out).expect("UTF-8");
    result.unwrap_or_else(|e| panic!("the command failed: {e:#}\n{text}"));
    text
}

/// The volunteers' spreadsheet as Excel writes it: 500 rows over every
/// status and two branches; the two people the test follows come first.
fn volunteer_file() -> String {
    let mut text = format!("\u{feff}{HEADER}\r\n");
    text.push_str("Anna Aktiv;anna@example.dk;20 30 40 50;Aarhus;aktiv;15.03.2024;;1;15.03.2024;01.10.2025;Medicin;Aarhus Universitet;\r\n");
    text.push_str(
        "Bo Begynder;bo@example.dk;;Aarhus;i uddannelse;;1,2,3,4,5,6;1;20.05.2025;;;;\r\n",
    );
    let statuses = ["aktiv", "i uddannelse", "pause", "alumne", "ansøger"];
    for i in 0..498 {
        let status = statuses[i % statuses.len()];
        let branch = if i % 2 == 0 { "Aarhus" } else { "Randers" };
        let training = match status {
            "i uddannelse" => ";1,2,3",
            "ansøger" => ";",
            _ => "12.09.2023;",
        };
        text.push_str(&format!(
            "Brobygger {i};nr{i}@example.dk;;{branch};{status};{training};1;12.09.2023;;Sygepleje;VIA;\r\n"
        ));
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn user_id(app: &TestApp, email: &str) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::users::find_by_email(&mut conn, email)
        .expect("query")
        .expect("the account")
        .id
}

/// Follows the welcome email's link, chooses a password and logs in with
/// it in a new browser.
async fn accept_welcome(app: &TestApp, email: &str) -> Browser {
    let Message::ImportWelcome { link } = app.last_message_to(email) else {
        panic!("expected the welcome email to {email}");
    };
    let password = "et-godt-langt-kodeord";
    let response = app
        .browser()
        .post_form(
            &path_of(&link),
            &[("password", password), ("password_confirm", password)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "password chosen");
    let browser = app.browser();
    let response = browser.login(email, password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} logs in");
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_production_database_is_ready_for_the_first_day() {
    let app = spawn_app_with(|s| {
        s.environment = Environment::Production;
        s.demo = None;
        s.mail_delivery = Some(MailDelivery::Files);
        s.secret_key = "a-test-secret-that-is-not-the-development-default-0123456789abcdef".into();
        s.base_url = "https://brobyg.example.dk".into();
    })
    .await;
    assert_eq!(app.user_count(), 0, "production loads no demo content");
    let settings = &app.state.settings;
    let checked = said(|out| brobyg::cli::check::run(settings, out));
    assert!(!checked.contains("PROBLEM"), "{checked}");

    // The first administrator, from a one-time link.
    let created = said(|out| {
        brobyg::cli::admin::create(
            &app.db,
            settings,
            "anna.admin@socialsundhed.dk",
            "Anna Jensen",
            PasswordChoice::Link,
            out,
        )
    });
    let link = created
        .lines()
        .find(|l| l.starts_with("https://brobyg.example.dk/"))
        .unwrap_or_else(|| panic!("no link in {created}"));
    let admin = app.browser();
    let password = "et-langt-administratorkodeord";
    admin
        .post_form(
            &path_of(link),
            &[("password", password), ("password_confirm", password)],
        )
        .await;
    let response = admin.get("/admin").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&response).starts_with("/konto/totrinslogin"),
        "production asks staff for a second factor first"
    );
    set_up(&admin).await;
    assert_eq!(admin.get("/admin").await.status(), StatusCode::OK);

    // The organisation and the catalogue, from the course material.
    let org = said(|out| brobyg::cli::org::import(&app.db, &material("organisation.toml"), out));
    assert!(
        org.starts_with("7 regioner, 20 afdelinger: 20 oprettet"),
        "{org}"
    );
    let courses = said(|out| brobyg::cli::courses::import(&app.db, &material("genlaer"), out));
    assert!(!courses.is_empty());
    let catalogue = app.browser().get_html("/genlaer").await;
    assert!(
        catalogue.contains("LGBT+ venlig praksis i sundhedsvæsenet"),
        "the real catalogue is public"
    );

    // The people from before Brobyg: a dry run, then the import.
    let dir = tempfile::tempdir().expect("dir");
    let volunteers = write(dir.path(), "frivillige.csv", &volunteer_file());
    let coordinators = write(
        dir.path(),
        "koordinatorer.csv",
        "navn;email;afdelinger\r\nMads Kjærgaard;mads@example.dk;Aarhus, Randers\r\n",
    );
    let users = app.user_count();
    let dry =
        said(|out| brobyg::cli::import::run(&app.db, Kind::Volunteers, &volunteers, false, out));
    assert!(dry.contains("500 oprettes"), "{dry}");
    assert_eq!(app.user_count(), users, "the dry run writes nothing");
    said(|out| brobyg::cli::import::run(&app.db, Kind::Volunteers, &volunteers, true, out));
    said(|out| brobyg::cli::import::run(&app.db, Kind::Coordinators, &coordinators, true, out));
    assert_eq!(app.user_count(), users + 501);
    assert!(app.outbox().is_empty(), "imported people get no email yet");

    // The administrator welcomes the coordinator and an active brobygger.
    for email in ["mads@example.dk", "anna@example.dk"] {
        let response = admin
            .post_form(
                &format!("/admin/brugere/{}/velkomstmail", user_id(&app, email)),
                &[],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let coordinator = accept_welcome(&app, "mads@example.dk").await;
    set_up(&coordinator).await;
    let aarhus = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::branches::all(&mut conn)
            .expect("branches")
            .into_iter()
            .find(|b| b.branch.name == "Aarhus")
            .expect("Aarhus")
            .branch
            .id
    };
    let response = crate::volunteers::support::post(
        &coordinator,
        "/koordinator/supervision",
        &crate::imports::plan_fields(aarhus),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "supervision planned"
    );
    let supervision = location(&response)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse::<i64>().ok())
        .expect("the session's page");

    // The imported active brobygger passes the gate and signs up.
    let anna = accept_welcome(&app, "anna@example.dk").await;
    let home = anna.get_html("/frivillig").await;
    assert!(is_clear(&home), "the gate is clear: {:?}", checklist(&home));
    assert!(home.contains("gennemført før Brobyg, importeret"));
    let response = anna
        .post_form(&format!("/supervision/{supervision}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        app.last_message_to("anna@example.dk"),
        Message::Enrolled { .. }
    ));

    // The one with modules 1–6 is in training, 7–10 (eight hours) to go.
    let bo = user_id(&app, "bo@example.dk");
    let material = brobyg::content::preparation::load().expect("material");
    let gate = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::gate::volunteer_gate(&mut conn, &material.curriculum, bo).expect("gate")
    };
    assert_eq!(gate.status, VolunteerStatus::InTraining);
    let missing: Vec<i32> = gate.progress.missing().map(|m| m.module.order).collect();
    assert_eq!(missing, vec![7, 8, 9, 10]);
    let minutes: i32 = gate.progress.missing().map(|m| m.missing_minutes).sum();
    assert_eq!(minutes, 8 * 60);
    let roster = coordinator
        .get_html(&format!("/koordinator/brobyggere/{bo}"))
        .await;
    assert!(texts(&roster, ".history-prior li")[0].starts_with("Modul 1, 2, 3, 4, 5, 6"));

    // The operator's side: /metrics answers, and a backup restores.
    let metrics = app.browser().get("/metrics").await;
    assert_eq!(metrics.status(), StatusCode::OK);
    let metrics = metrics.text().await.expect("body");
    assert!(metrics.contains("brobyg_outbox_pending"), "{metrics}");

    let url = settings.database_url().expose_secret().to_string();
    let file = dir.path().join("brobyg.backup");
    let target = TestDatabase::fresh();
    let (target_url, from) = (target.url.clone(), file.clone());
    tokio::task::spawn_blocking(move || {
        brobyg::cli::backup::backup(&url, &from)?;
        brobyg::cli::backup::restore(&target_url, &from)
    })
    .await
    .expect("backup thread")
    .expect("backed up and restored");
    let restored = Db::open(&target.url, 1).expect("the restored database opens");
    let mut conn = restored.conn().expect("connection");
    assert_eq!(
        brobyg::db::users::count(&mut conn).expect("count"),
        app.user_count()
    );
    assert_eq!(
        brobyg::db::branches::all(&mut conn)
            .expect("branches")
            .len(),
        20
    );
}
