//! Importing the brobyggere and coordinators from before Brobyg: the dry
//! run writes nothing, problems are named by line and column, a confirmed
//! import writes every row or none, the same file again changes nothing,
//! and an imported brobygger passes the gate as the file says.

use brobyg::app::imports::Kind;
use brobyg::domain::Role;
use brobyg::domain::events::Message;
use brobyg::domain::volunteer::VolunteerStatus;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{
    Browser, PASSWORD, TestApp, input_value, location, path_of, spawn_app, texts,
};
use crate::volunteers::support::{checklist, date_in, is_clear, module_lines};

const HEADER: &str = "navn;email;telefon;afdeling;status;uddannet_dato;gennemfoerte_moduler;tavshedserklaering_version;tavshedserklaering_dato;sidste_supervision;studie;institution;noter_til_koordinator";

/// A site with the branch Aarhus and a signed-in administrator.
async fn site() -> (TestApp, Browser, i64) {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let (admin, _) = app.signed_in(Role::Admin).await;
    (app, admin, branch)
}

/// The file as Excel writes it: a byte order mark, semicolons, CRLF.
fn excel(rows: &[&str]) -> String {
    let mut text = format!("\u{feff}{HEADER}\r\n");
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    text
}

const ANNA: &str = "Anna Aktiv;anna@example.dk;20 30 40 50;Aarhus;aktiv;15.03.2024;;1;15.03.2024;01.10.2025;Medicin;Aarhus Universitet;Kan tale arabisk";
const BO: &str = "Bo Begynder;bo@example.dk;;aarhus;i uddannelse;;1,2,3,4,5,6;1;2025-05-20;;;;";

async fn preview(admin: &Browser, content: &str) -> reqwest::Response {
    admin
        .post_form(
            "/admin/import",
            &[("kind", "volunteers"), ("content", content)],
        )
        .await
}

async fn confirm(admin: &Browser, content: &str) -> reqwest::Response {
    admin
        .post_form(
            "/admin/import",
            &[
                ("kind", "volunteers"),
                ("filename", "frivillige.csv"),
                ("content", content),
                ("confirm", "1"),
            ],
        )
        .await
}

fn user_id(app: &TestApp, email: &str) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::users::find_by_email(&mut conn, email)
        .expect("query")
        .expect("the account")
        .id
}

fn status_of(app: &TestApp, id: i64) -> VolunteerStatus {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::volunteers::find(&mut conn, id)
        .expect("query")
        .expect("a volunteer record")
        .status
}

#[tokio::test]
async fn the_dry_run_shows_every_row_and_writes_nothing() {
    let (app, admin, _) = site().await;
    let form = admin.get_html("/admin/import").await;
    assert!(form.contains("Vis prøvekørsel"), "{form}");
    let (users, audit) = (app.user_count(), app.audit_count());

    let response = preview(&admin, &excel(&[ANNA, BO])).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    let rows = texts(&html, ".import-rows tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("anna@example.dk") && rows[0].contains("Oprettes"));
    assert_eq!(
        texts(&html, ".import-counts"),
        vec!["2 oprettes, 0 opdateres, 0 er uændrede."]
    );
    assert!(html.contains("Importér"), "a confirm button");
    assert_eq!(app.user_count(), users, "nothing written");
    assert_eq!(app.audit_count(), audit);
    assert!(app.outbox().is_empty());

    // The confirm button sends the same content back, as the page holds it.
    let kept = input_value(&html, "content").expect("the content kept");
    assert_eq!(
        kept.replace("\r\n", "\n"),
        excel(&[ANNA, BO]).replace("\r\n", "\n")
    );
    let response = admin
        .post_form(
            "/admin/import",
            &[
                ("kind", "volunteers"),
                ("filename", ""),
                ("content", &kept),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.user_count(), users + 2);
    // The page offers to read a chosen file into the field.
    assert!(form.contains(r#"src="/assets/import.js"#));
    assert_eq!(
        admin.get("/assets/import.js").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn problems_are_named_by_line_and_column_and_nothing_is_written() {
    let (app, admin, _) = site().await;
    let bad = "Carl Cpr;carl@example.dk;;Aarhus;aktiv;;;;;;;;ring 010203-1234";
    let wrong = "Dorte Dato;dorte@example;;Odense;aktiv;31.02.2024;1,12;;;;;;";
    let content = excel(&[
        ANNA,
        bad,
        wrong,
        "Anna igen;ANNA@example.dk;;Aarhus;pause;;;;;;;;",
    ]);
    let users = app.user_count();

    let response = preview(&admin, &content).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, ".import-problems li"),
        vec![
            "Linje 3, kolonne noter_til_koordinator: Skriv ikke CPR-numre. Vi har ikke brug for dem.",
            "Linje 4, kolonne email: Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.",
            "Linje 4, kolonne afdeling: Afdelingen findes ikke.",
            "Linje 4, kolonne uddannet_dato: Skriv datoen som dd.mm.åååå eller åååå-mm-dd.",
            "Linje 4, kolonne gennemfoerte_moduler: Skriv modulernes numre fra 1 til 10, adskilt af komma, fx 1,2,3.",
            "Linje 5, kolonne email: E-mailadressen står allerede på en tidligere linje.",
        ]
    );
    assert!(!html.contains("010203"), "the CPR number is not echoed");
    assert!(!html.contains(r#"name="confirm""#), "no way to confirm");

    // Confirming anyway (a forged or stale form) writes nothing: all rows
    // or none.
    let response = confirm(&admin, &content).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.user_count(), users);

    // A file that is not a volunteer file at all.
    let response = preview(&admin, "navn,email,cpr\nA,a@example.dk,x\n").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    let problems = texts(&html, ".import-problems li");
    assert!(
        problems.contains(&"Linje 1, kolonne cpr: Kolonnen kendes ikke.".to_string()),
        "{problems:?}"
    );
    assert!(problems.contains(&"Linje 1, kolonne afdeling: Kolonnen mangler.".to_string()));
    // An empty form is a field error, not a failure.
    let response = preview(&admin, "  ").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Garbage, control characters, a huge module range: answered, never a
    // failure.
    let garbage = excel(&["A\0na;a\0@example.dk;\u{1b};Aarhus;aktiv;;1-2000000000;x;;;;;"]);
    for content in [garbage.as_str(), "\0", "\"navn;email\n\"unclosed"] {
        let response = admin
            .post_form(
                "/admin/import",
                &[
                    ("kind", "volunteers"),
                    ("filename", "a\0b.csv"),
                    ("content", content),
                    ("confirm", "1"),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{content:?}"
        );
    }
    let response = admin
        .post_form("/admin/import", &[("kind", "nogen"), ("content", "x")])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.user_count(), users);
}

#[tokio::test]
async fn a_confirmed_import_writes_every_row_and_the_same_file_again_nothing() {
    let (app, admin, _) = site().await;
    // Comma-separated, without a byte order mark.
    let content = format!(
        "{}\n{}\n{}\n",
        HEADER.replace(';', ","),
        ANNA.replace(';', ","),
        "Bo Begynder,bo@example.dk,,aarhus,i uddannelse,,\"1,2,3,4,5,6\",1,2025-05-20,,,,"
    );
    let audit = app.audit_count();
    let response = confirm(&admin, &content).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, ".import-counts"),
        vec!["2 oprettet, 0 opdateret, 0 uændrede."]
    );
    assert!(html.contains("Send velkomstmail"));
    assert_eq!(app.audit_count(), audit + 1, "one audit row per import");
    assert!(app.outbox().is_empty(), "imported people get no email");
    let anna = user_id(&app, "anna@example.dk");
    assert_eq!(status_of(&app, anna), VolunteerStatus::Active);
    assert_eq!(
        status_of(&app, user_id(&app, "bo@example.dk")),
        VolunteerStatus::InTraining
    );

    // Again: every row unchanged, nothing to confirm, nothing written.
    let html = preview(&admin, &content).await.text().await.expect("body");
    assert_eq!(
        texts(&html, ".import-counts"),
        vec!["0 oprettes, 0 opdateres, 2 er uændrede."]
    );
    assert!(!html.contains(r#"name="confirm""#));
    let users = app.user_count();
    let html = confirm(&admin, &content).await.text().await.expect("body");
    assert_eq!(
        texts(&html, ".import-counts"),
        vec!["0 oprettet, 0 opdateret, 2 uændrede."]
    );
    assert_eq!(app.user_count(), users);
    assert_eq!(app.audit_count(), audit + 1, "nothing new to log");
    crate::volunteers::support::assert_volunteer_counts_are_live(&app);
    crate::volunteers::support::assert_pending_application_counts_are_live(&app);
}

#[tokio::test]
async fn an_updated_file_updates_by_email_as_the_importing_administrator() {
    let (app, admin, branch) = site().await;
    confirm(&admin, &excel(&[BO])).await;
    let bo = user_id(&app, "bo@example.dk");
    let updated = "Bo Berg;BO@example.dk;;Aarhus;aktiv;01.06.2025;;1;2025-05-20;;;;";
    let html = preview(&admin, &excel(&[updated]))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".import-rows tbody tr")[0].contains("Opdateres"));
    let response = confirm(&admin, &excel(&[updated])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(status_of(&app, bo), VolunteerStatus::Active);

    // The coordinator sees the history: both statuses by the
    // administrator, and the course from before Brobyg.
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let html = staff
        .get_html(&format!("/koordinator/brobyggere/{bo}"))
        .await;
    assert!(html.contains("Bo Berg"), "the name was updated");
    let history = texts(&html, ".history li");
    assert!(
        history[0].starts_with("Aktiv") && history[0].contains("Importeret fra fil"),
        "{history:?}"
    );
    assert!(history[1].starts_with("I uddannelse"), "{history:?}");
    let prior = texts(&html, ".history-prior li");
    assert!(
        prior[0].contains("Forberedelseskurset (20 timer) gennemført før Brobyg")
            && prior[0].contains("gennemført før Brobyg, importeret"),
        "{prior:?}"
    );
    assert!(is_clear(&html), "{:?}", checklist(&html));
}

#[tokio::test]
async fn modules_one_to_six_leave_seven_to_ten_missing() {
    let (app, admin, branch) = site().await;
    confirm(&admin, &excel(&[BO])).await;
    let bo = user_id(&app, "bo@example.dk");
    let material = brobyg::content::preparation::load().expect("material");
    let gate = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::gate::volunteer_gate(&mut conn, &material.curriculum, bo).expect("gate")
    };
    assert_eq!(gate.status, VolunteerStatus::InTraining);
    let missing: i32 = gate.progress.missing().map(|m| m.missing_minutes).sum();
    assert_eq!(missing, 8 * 60, "modules 7–10: eight hours");
    assert_eq!(gate.signed_version, Some(1));

    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let html = staff
        .get_html(&format!("/koordinator/brobyggere/{bo}"))
        .await;
    assert_eq!(checklist(&html), module_lines(&[7, 8, 9, 10]));
    let prior = texts(&html, ".history-prior li");
    assert!(
        prior[0].starts_with("Modul 1, 2, 3, 4, 5, 6 gennemført før Brobyg"),
        "{prior:?}"
    );
}

/// A group supervision a week ahead in `branch`, as the plan form sends it.
pub(crate) fn plan_fields(branch: i64) -> Vec<(String, String)> {
    [
        ("branch", branch.to_string()),
        ("format", "group".into()),
        ("title", "Gruppesupervision".into()),
        ("supervisor_name", "Hanne Supervisor".into()),
        ("supervisor_kind", "external".into()),
        ("date", date_in(7)),
        ("start", "16:00".into()),
        ("end", "18:00".into()),
        ("location", "Åboulevarden 1, Aarhus".into()),
        ("online_url", String::new()),
        ("capacity", "10".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[tokio::test]
async fn an_imported_active_volunteer_is_welcomed_logs_in_and_signs_up_for_supervision() {
    let (app, admin, branch) = site().await;
    confirm(&admin, &excel(&[ANNA])).await;
    let anna = user_id(&app, "anna@example.dk");
    assert!(app.outbox().is_empty());

    let page = admin.get_html(&format!("/admin/brugere/{anna}")).await;
    assert!(page.contains("Send velkomstmail"), "no password yet");
    let response = admin
        .post_form(&format!("/admin/brugere/{anna}/velkomstmail"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let Message::ImportWelcome { link } = app.last_message_to("anna@example.dk") else {
        panic!("expected the welcome");
    };

    let me = app.browser();
    assert_eq!(me.get(&path_of(&link)).await.status(), StatusCode::OK);
    let password = "et-godt-langt-kodeord";
    let response = me
        .post_form(
            &path_of(&link),
            &[("password", password), ("password_confirm", password)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let me = app.browser();
    let response = me.login("anna@example.dk", password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logs in");
    let html = me.get_html("/frivillig").await;
    assert!(is_clear(&html), "the gate is clear: {:?}", checklist(&html));
    assert!(html.contains("gennemført før Brobyg, importeret"));
    assert!(
        !html.contains("Kan tale arabisk"),
        "notes are for coordinators"
    );

    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let response =
        crate::volunteers::support::post(&staff, "/koordinator/supervision", &plan_fields(branch))
            .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = location(&response)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse::<i64>().ok())
        .expect("the session's page");
    let response = me
        .post_form(&format!("/supervision/{id}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        app.last_message_to("anna@example.dk"),
        Message::Enrolled { .. }
    ));
    // With a password, the page offers no welcome.
    let page = admin.get_html(&format!("/admin/brugere/{anna}")).await;
    assert!(!page.contains("Send velkomstmail"));
}

#[tokio::test]
async fn the_welcome_goes_to_everyone_of_an_import_without_a_password() {
    let (app, admin, _) = site().await;
    let html = confirm(&admin, &excel(&[ANNA, BO]))
        .await
        .text()
        .await
        .expect("body");
    let people: Vec<String> = {
        let doc = scraper::Html::parse_document(&html);
        let s = scraper::Selector::parse(r#"input[name="people"]"#).expect("selector");
        doc.select(&s)
            .filter_map(|e| e.value().attr("value").map(str::to_string))
            .collect()
    };
    assert_eq!(people.len(), 2);
    let fields: Vec<(&str, &str)> = people.iter().map(|p| ("people", p.as_str())).collect();
    let response = admin.post_form("/admin/import/velkomstmail", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let welcomed = app
        .outbox()
        .iter()
        .filter(|r| r.kind == "import_welcome")
        .count();
    assert_eq!(welcomed, 2);
}

/// The hidden `people` of each welcome form in the "waiting" section of
/// `/admin/import`, with the row's first cell.
fn waiting_groups(html: &str) -> Vec<(String, Vec<String>)> {
    let doc = scraper::Html::parse_document(html);
    let row = scraper::Selector::parse("#velkomstmail tbody tr").expect("selector");
    let first = scraper::Selector::parse("td:first-child").expect("selector");
    let person = scraper::Selector::parse(r#"input[name="people"]"#).expect("selector");
    doc.select(&row)
        .map(|tr| {
            let label = tr
                .select(&first)
                .flat_map(|td| td.text())
                .collect::<String>()
                .trim()
                .to_string();
            let people = tr
                .select(&person)
                .filter_map(|e| e.value().attr("value").map(str::to_string))
                .collect();
            (label, people)
        })
        .collect()
}

/// A file imported on the command line has no result page to send the
/// welcome from: `/admin/import` lists everyone still without a password,
/// the brobyggere by import day and the coordinators, one button each.
#[tokio::test]
async fn people_imported_on_the_command_line_are_welcomed_from_the_import_page() {
    let (app, admin, _) = site().await;
    let (result, _) = run(&app, Kind::Volunteers, &excel(&[ANNA, BO]), true);
    result.expect("imported");
    let (result, _) = run(
        &app,
        Kind::Coordinators,
        "navn;email;afdelinger\nKaren Koordinator;karen@example.dk;Aarhus\n",
        true,
    );
    result.expect("imported");
    assert!(app.outbox().is_empty());

    let groups = waiting_groups(&admin.get_html("/admin/import").await);
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(
        groups[0].0.starts_with("Brobyggere importeret"),
        "{groups:?}"
    );
    assert_eq!(groups[0].1.len(), 2);
    assert_eq!(groups[1].0, "Koordinatorer");
    assert_eq!(
        groups[1].1,
        vec![user_id(&app, "karen@example.dk").to_string()]
    );

    let fields: Vec<(&str, &str)> = groups[0].1.iter().map(|p| ("people", p.as_str())).collect();
    let response = admin.post_form("/admin/import/velkomstmail", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for email in ["anna@example.dk", "bo@example.dk"] {
        assert!(matches!(
            app.last_message_to(email),
            Message::ImportWelcome { .. }
        ));
    }
    let html = admin.get_html("/admin/import").await;
    assert_eq!(
        texts(&html, "#velkomstmail tbody tr:first-child td:nth-child(3)"),
        vec!["2"],
        "both were welcomed and can be sent it again"
    );

    // Once a password is chosen, the person is no longer waiting.
    let Message::ImportWelcome { link } = app.last_message_to("anna@example.dk") else {
        unreachable!()
    };
    let password = "et-godt-langt-kodeord";
    app.browser()
        .post_form(
            &path_of(&link),
            &[("password", password), ("password_confirm", password)],
        )
        .await;
    let groups = waiting_groups(&admin.get_html("/admin/import").await);
    assert_eq!(
        groups[0].1,
        vec![user_id(&app, "bo@example.dk").to_string()]
    );
}

#[tokio::test]
async fn only_administrators_import() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let anonymous = app.browser();
    let response = anonymous.get("/admin/import").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/log-ind"));
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    assert_eq!(
        staff.get("/admin/import").await.status(),
        StatusCode::FORBIDDEN
    );
    let users = app.user_count();
    let response = staff
        .post_form(
            "/admin/import",
            &[
                ("kind", "volunteers"),
                ("content", &excel(&[ANNA])),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.user_count(), users);
}

fn run(app: &TestApp, kind: Kind, content: &str, apply: bool) -> (anyhow::Result<()>, String) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("import.csv");
    std::fs::write(&path, content).expect("file");
    let mut out = Vec::new();
    let result = brobyg::cli::import::run(&app.db, kind, &path, apply, &mut out);
    (result, String::from_utf8(out).expect("UTF-8"))
}

#[tokio::test]
async fn the_command_line_imports_five_hundred_brobyggere() {
    let app = spawn_app().await;
    app.create_branch("Aarhus");
    app.create_branch("Randers");
    let statuses = ["aktiv", "i uddannelse", "pause", "alumne", "ansøger"];
    let mut rows = Vec::new();
    for i in 0..500 {
        let status = statuses[i % statuses.len()];
        let branch = if i % 2 == 0 { "Aarhus" } else { "randers" };
        let training = match status {
            "i uddannelse" => ";1,2,3".to_string(),
            "ansøger" => ";".to_string(),
            _ => "12.09.2023;".to_string(),
        };
        rows.push(format!(
            "Brobygger Nummer {i};nr{i}@example.dk;;{branch};{status};{training};1;12.09.2023;;Medicin;AU;"
        ));
    }
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let content = excel(&refs);
    let users = app.user_count();

    let (result, said) = run(&app, Kind::Volunteers, &content, false);
    result.expect("a clean dry run");
    assert!(
        said.contains("500 oprettes, 0 opdateres, 0 uændrede, 0 problemer"),
        "{said}"
    );
    assert_eq!(app.user_count(), users, "a dry run writes nothing");

    let started = std::time::Instant::now();
    let (result, said) = run(&app, Kind::Volunteers, &content, true);
    result.expect("imported");
    assert!(said.contains("500 oprettet"), "{said}");
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    assert_eq!(app.user_count(), users + 500);
    assert!(app.outbox().is_empty());

    let (result, said) = run(&app, Kind::Volunteers, &content, true);
    result.expect("again");
    assert!(
        said.contains("0 oprettet, 0 opdateret, 500 uændret"),
        "{said}"
    );
    // Imported on the command line: the history names no administrator.
    let mut conn = app.db.conn().expect("connection");
    let by: Vec<Option<i64>> = brobyg::db::schema::volunteer_status_changes::table
        .select(brobyg::db::schema::volunteer_status_changes::changed_by)
        .load(&mut *conn)
        .expect("history");
    assert_eq!(by.len(), 500);
    assert!(by.iter().all(Option::is_none));
}

#[tokio::test]
async fn the_command_line_lists_problems_and_exits_with_an_error() {
    let app = spawn_app().await;
    app.create_branch("Aarhus");
    let content = excel(&[ANNA, "Carl;carl@example.dk;;Aarhus;aktiv;i går;;;;;;;"]);
    let users = app.user_count();
    let (result, said) = run(&app, Kind::Volunteers, &content, true);
    assert!(result.is_err());
    assert!(
        said.contains(
            "linje 3, kolonne uddannet_dato: Skriv datoen som dd.mm.åååå eller åååå-mm-dd."
        ),
        "{said}"
    );
    assert_eq!(app.user_count(), users, "all or nothing");
}

#[tokio::test]
async fn coordinators_are_imported_with_their_branches() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let content =
        "\u{feff}navn;email;afdelinger\r\nMette Koordinator;mette@example.dk;Aarhus, randers\r\n";
    let (result, said) = run(&app, Kind::Coordinators, content, true);
    result.expect("imported");
    assert!(said.contains("1 oprettet"), "{said}");
    let id = user_id(&app, "mette@example.dk");
    let account = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::load_account(&mut conn, id)
            .expect("query")
            .expect("account")
    };
    let mut branches = account.branches.clone();
    branches.sort_unstable();
    assert_eq!(branches, vec![aarhus, randers]);
    assert!(account.has(Role::Coordinator));
    assert!(account.user.password_hash.is_none());
    assert!(app.outbox().is_empty());
    let (result, said) = run(&app, Kind::Coordinators, content, true);
    result.expect("again");
    assert!(
        said.contains("0 oprettet, 0 opdateret, 1 uændret"),
        "{said}"
    );
}

#[tokio::test]
async fn the_last_supervision_before_brobyg_outlives_attendance_in_brobyg() {
    let (app, admin, _) = site().await;
    confirm(&admin, &excel(&[ANNA])).await;
    let anna = user_id(&app, "anna@example.dk");
    let last = || {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::schema::volunteers::table
            .find(anna)
            .select(brobyg::db::schema::volunteers::last_supervision_at)
            .first::<Option<chrono::NaiveDateTime>>(&mut *conn)
            .expect("row")
            .map(|at| brobyg::domain::time::local(at).date_naive())
    };
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 1);
    assert_eq!(last(), day);
    {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::supervision::refresh_last_attended(&mut conn, &[anna]).expect("refresh");
    }
    assert_eq!(last(), day, "no attendance in Brobyg does not erase it");
}

#[tokio::test]
async fn the_demo_coordinator_sees_a_brobygger_trained_before_brobyg() {
    let app = crate::helpers::spawn_app_with(|s| s.demo = Some(true)).await;
    let staff = app.browser();
    staff
        .login("koordinator@brobyg.test", brobyg::demo::PASSWORD)
        .await;
    let kasper = user_id(&app, "kasper.lund@brobyg.test");
    let html = staff
        .get_html(&format!("/koordinator/brobyggere/{kasper}"))
        .await;
    assert_eq!(checklist(&html), module_lines(&[7, 8, 9, 10]));
    let prior = texts(&html, ".history-prior li");
    assert!(
        prior[0].starts_with("Modul 1, 2, 3, 4, 5, 6 gennemført før Brobyg")
            && prior[0].contains("af Lone Damgaard"),
        "{prior:?}"
    );
    assert!(
        prior.iter().any(|p| p.contains("Mangler modul 7-10")),
        "{prior:?}"
    );
}

#[tokio::test]
async fn coordinators_are_imported_on_the_page_too() {
    let (app, admin, aarhus) = site().await;
    let content = "navn,email,afdelinger\nMette Koordinator,mette@example.dk,Aarhus\nOle,ole@example.dk,Atlantis\n";
    let fields = |confirm: bool| {
        let mut f = vec![("kind", "coordinators"), ("content", content)];
        if confirm {
            f.push(("confirm", "1"));
        }
        f
    };
    let response = admin.post_form("/admin/import", &fields(false)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, ".import-problems li"),
        vec!["Linje 3, kolonne afdelinger: Afdelingen findes ikke."]
    );
    let content = "navn,email,afdelinger\nMette Koordinator,mette@example.dk,Aarhus\n";
    let response = admin
        .post_form(
            "/admin/import",
            &[
                ("kind", "coordinators"),
                ("content", content),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut conn = app.db.conn().expect("connection");
    let id = user_id(&app, "mette@example.dk");
    let account = brobyg::db::users::load_account(&mut conn, id)
        .expect("query")
        .expect("account");
    assert_eq!(account.branches, vec![aarhus]);
}
