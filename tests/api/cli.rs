//! The command line's own commands: `brobyg admin create|list` and
//! `brobyg check`, called as `main.rs` calls them, on the test database.

use brobyg::cli::admin::{self, PasswordChoice};
use brobyg::cli::check;
use brobyg::config::{Environment, MailDelivery};
use brobyg::domain::Role;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{TestApp, location, path_of, spawn_app, spawn_app_with};

const ADMIN_PASSWORD: &str = "et-langt-administratorkodeord";

fn create(app: &TestApp, email: &str, choice: PasswordChoice) -> anyhow::Result<String> {
    let mut out = Vec::new();
    admin::create(
        &app.db,
        &app.state.settings,
        email,
        "Ada Administrator",
        choice,
        &mut out,
    )?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

fn list(app: &TestApp) -> String {
    let mut out = Vec::new();
    admin::list(&app.db, &mut out).expect("list");
    String::from_utf8(out).expect("UTF-8")
}

/// The audit rows that record administrators made, by whom (`None`: the
/// system) and for which account.
fn administrator_audit_rows(app: &TestApp) -> Vec<(Option<i64>, Option<i64>, String)> {
    use brobyg::db::schema::audit_log;
    let mut conn = app.db.conn().expect("connection");
    audit_log::table
        .filter(audit_log::action.eq("administrator_created"))
        .select((audit_log::actor_id, audit_log::object_id, audit_log::client))
        .load(&mut *conn)
        .expect("audit rows")
}

#[tokio::test]
async fn admin_create_with_a_password_makes_an_administrator_who_logs_in() {
    let app = spawn_app().await;
    let said = create(
        &app,
        " Ada@Example.DK ",
        PasswordChoice::Given(ADMIN_PASSWORD.into()),
    )
    .expect("created");
    assert!(said.contains("ada@example.dk"), "{said}");

    let browser = app.browser();
    let response = browser.login("ada@example.dk", ADMIN_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(browser.get("/admin").await.status(), StatusCode::OK);

    let mut conn = app.db.conn().expect("connection");
    let user = brobyg::db::users::find_by_email(&mut conn, "ada@example.dk")
        .expect("query")
        .expect("the account");
    assert!(user.email_verified_at.is_some(), "verified");
    assert!(user.deactivated_at.is_none(), "active");
    let account = brobyg::db::users::load_account(&mut conn, user.id)
        .expect("query")
        .expect("account");
    assert_eq!(account.roles, vec![Role::Admin]);
    assert_eq!(
        administrator_audit_rows(&app),
        vec![(None, Some(user.id), "system".to_string())]
    );

    // The site's own password rules hold.
    let short =
        create(&app, "bo@example.dk", PasswordChoice::Given("kort".into())).expect_err("refused");
    assert!(short.to_string().contains("too short"), "{short}");
    let bad_address = create(&app, "ikke-en-adresse", PasswordChoice::Link).expect_err("refused");
    assert!(bad_address.to_string().contains("not a valid email"));
}

#[tokio::test]
async fn admin_create_with_link_prints_a_one_time_link_valid_a_day() {
    let app = spawn_app_with(|s| s.base_url = "https://brobyg.example.dk/".into()).await;
    let said = create(&app, "link@example.dk", PasswordChoice::Link).expect("created");
    let link = said
        .lines()
        .find(|l| l.starts_with("https://"))
        .unwrap_or_else(|| panic!("no link in {said}"));
    assert!(
        link.starts_with("https://brobyg.example.dk/konto/administrator/"),
        "{link}"
    );

    let mut conn = app.db.conn().expect("connection");
    let (created, expires): (chrono::NaiveDateTime, chrono::NaiveDateTime) = {
        use brobyg::db::schema::user_tokens;
        user_tokens::table
            .filter(user_tokens::purpose.eq("admin_setup"))
            .select((user_tokens::created_at, user_tokens::expires_at))
            .first(&mut *conn)
            .expect("the token")
    };
    assert_eq!(expires - created, chrono::Duration::hours(24));
    drop(conn);

    let path = path_of(link);
    let browser = app.browser();
    let form = browser.get_html(&path).await;
    assert!(form.contains(r#"name="password_confirm""#), "{form}");
    let response = browser
        .post_form(
            &path,
            &[
                ("password", ADMIN_PASSWORD),
                ("password_confirm", ADMIN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/");
    assert_eq!(browser.get("/admin").await.status(), StatusCode::OK);
    // Once only.
    assert_eq!(app.browser().get(&path).await.status(), StatusCode::GONE);
    let again = app.browser();
    assert_eq!(
        again
            .login("link@example.dk", ADMIN_PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(again.get("/admin").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn admin_create_refuses_an_address_with_an_account() {
    let app = spawn_app().await;
    let existing = app.create_user("taken@example.dk", &[Role::Professional], None);
    let before = app.user_count();
    let err = create(
        &app,
        "Taken@example.dk",
        PasswordChoice::Given(ADMIN_PASSWORD.into()),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("already has an account"), "{err}");
    assert_eq!(app.user_count(), before);
    let mut conn = app.db.conn().expect("connection");
    let account = brobyg::db::users::load_account(&mut conn, existing.id)
        .expect("query")
        .expect("account");
    assert_eq!(account.roles, vec![Role::Professional], "nothing changed");
    assert!(administrator_audit_rows(&app).is_empty());
}

#[tokio::test]
async fn admin_list_shows_administrators_and_their_second_factor() {
    let app = spawn_app().await;
    assert!(list(&app).contains("No administrators yet"));
    create(
        &app,
        "first@example.dk",
        PasswordChoice::Given(ADMIN_PASSWORD.into()),
    )
    .expect("created");
    app.create_user("professional@example.dk", &[Role::Professional], None);
    let (browser, with_factor) = app.signed_in(Role::Admin).await;
    crate::security::second_factor::set_up(&browser).await;

    let shown = list(&app);
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 3, "a heading and two administrators: {shown}");
    assert!(lines[0].contains("two-factor"), "{shown}");
    let first = lines
        .iter()
        .find(|l| l.contains("first@example.dk"))
        .expect("the first administrator");
    assert!(
        first.contains("Ada Administrator") && first.ends_with("off"),
        "{first}"
    );
    let second = lines
        .iter()
        .find(|l| l.contains(&with_factor.email))
        .expect("the second administrator");
    assert!(second.ends_with("on"), "{second}");
    assert!(!shown.contains("professional@example.dk"), "{shown}");
}

#[test]
fn the_password_is_the_first_line_of_stdin() {
    let mut input = std::io::Cursor::new("et-langt-kodeord\r\nmore\n");
    assert_eq!(
        admin::read_password_line(&mut input).expect("read"),
        "et-langt-kodeord"
    );
    assert!(admin::read_password_line(&mut std::io::Cursor::new("")).is_err());
}

fn run_check(settings: &brobyg::config::Settings) -> (anyhow::Result<()>, String) {
    let mut out = Vec::new();
    let result = check::run(settings, &mut out);
    (result, String::from_utf8(out).expect("UTF-8"))
}

#[tokio::test]
async fn check_passes_a_good_configuration() {
    let app = spawn_app().await;
    let (result, said) = run_check(&app.state.settings);
    assert!(result.is_ok(), "{said}");
    for what in ["secret key", "base URL", "mail delivery", "database"] {
        assert!(
            said.contains(&format!("OK       {what}:")),
            "{what}: {said}"
        );
    }
    assert!(said.contains("is migrated"), "{said}");
    assert!(!said.contains("PROBLEM"), "{said}");
}

#[tokio::test]
async fn check_names_each_problem() {
    let app = spawn_app().await;
    let mut settings = (*app.state.settings).clone();
    settings.secret_key = "short".to_string().into();
    settings.database_url = "postgres://brobyg:hemmelig@127.0.0.1:1/brobyg"
        .to_string()
        .into();
    let (result, said) = run_check(&settings);
    let err = result.expect_err("problems");
    assert_eq!(err.to_string(), "2 problems found", "{said}");
    assert!(said.contains("PROBLEM  secret key: SECRET_KEY must be at least 32 characters"));
    assert!(
        said.contains("PROBLEM  database: could not connect"),
        "{said}"
    );
    assert!(!said.contains("hemmelig"), "{said}");
    assert!(said.contains("OK       base URL"), "{said}");

    // A database that lacks migrations, and settings production refuses.
    let empty = tempfile::tempdir().expect("tempdir");
    let path = empty.path().join("empty.sqlite3");
    diesel::SqliteConnection::establish(&path.display().to_string()).expect("an empty file");
    let production = brobyg::config::Settings {
        environment: Environment::Production,
        secret_key: "p".repeat(64).into(),
        base_url: "http://brobyg.example.dk/sti".into(),
        database_url: path.display().to_string().into(),
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: Some(1),
        mail_delivery: Some(MailDelivery::Files),
        ..(*app.state.settings).clone()
    };
    let (result, said) = run_check(&production);
    assert_eq!(
        result.expect_err("problems").to_string(),
        "4 problems found",
        "{said}"
    );
    assert!(said.contains("OK       secret key"), "{said}");
    assert!(said.contains("PROBLEM  base URL"), "{said}");
    assert!(said.contains("PROBLEM  mail delivery: MAIL_DELIVERY=files and SMTP_HOST"));
    assert!(said.contains("lacks"), "{said}");
    assert!(
        said.contains("PROBLEM  mail server: cannot connect to 127.0.0.1:1"),
        "{said}"
    );
    // Checking changed nothing: still no tables.
    let mut conn =
        diesel::SqliteConnection::establish(&path.display().to_string()).expect("connect");
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let tables: N = diesel::sql_query("SELECT COUNT(*) AS n FROM sqlite_master")
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(tables.n, 0);
}

#[tokio::test]
async fn administrators_are_warned_while_mail_is_written_to_files() {
    let app = spawn_app_with(|s| {
        s.environment = Environment::Production;
        s.secret_key = "p".repeat(64).into();
        s.mail_delivery = Some(MailDelivery::Files);
    })
    .await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    crate::security::second_factor::set_up(&admin).await;
    let html = admin.get_html("/admin").await;
    let banner = crate::helpers::texts(&html, ".site-banner.mail-files-banner");
    assert_eq!(banner.len(), 1, "{html}");
    assert!(banner[0].contains("SMTP_HOST"), "{banner:?}");
    assert!(
        crate::helpers::texts(&html, ".flash")
            .iter()
            .all(|f| !f.contains("SMTP_HOST")),
        "the banner is no flash message"
    );
    // Not for others, and not outside the admin pages.
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    crate::security::second_factor::set_up(&coordinator).await;
    let html = coordinator.get_html("/koordinator").await;
    assert!(!html.contains("mail-files-banner"));
    assert!(!admin.get_html("/").await.contains("mail-files-banner"));

    // With a mail server, no banner.
    let smtp = spawn_app_with(|s| s.smtp_host = Some("127.0.0.1".into())).await;
    let (admin, _) = smtp.signed_in(Role::Admin).await;
    assert!(!admin.get_html("/admin").await.contains("mail-files-banner"));
}

#[test]
fn production_without_mail_server_or_mail_delivery_files_does_not_start() {
    let database = crate::helpers::TestDatabase::fresh();
    let mut settings = crate::helpers::test_settings(&database);
    settings.environment = Environment::Production;
    settings.secret_key = "p".repeat(64).into();
    let err = brobyg::startup::Application::build(settings)
        .err()
        .expect("refused");
    assert!(
        format!("{err:#}").contains("MAIL_DELIVERY=files"),
        "{err:#}"
    );
}
