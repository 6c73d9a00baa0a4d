//! The first README command: demo content in an empty database, each demo
//! account able to log in and see its own front page.

use brobyg::demo::{ACCOUNTS, PASSWORD};
use reqwest::StatusCode;

use crate::helpers::{TestDatabase, attr, spawn_app_with, start, test_settings, texts};

#[tokio::test]
async fn every_demo_account_logs_in_and_sees_a_danish_home_for_its_role() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let expectations = [
        ("admin@brobyg.test", "/admin"),
        ("koordinator@brobyg.test", "/koordinator"),
        ("regional@brobyg.test", "/koordinator"),
        ("frivillig@brobyg.test", "/frivillig"),
        ("ansoeger@brobyg.test", "/frivillig"),
        ("fagperson@brobyg.test", "/konto"),
    ];
    assert_eq!(expectations.len(), ACCOUNTS.len());
    for (email, link) in expectations {
        let browser = app.browser();
        let response = browser.login(email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} logs in");
        let html = browser.get_html("/").await;
        assert!(html.contains("<html lang=\"da\">"));
        assert!(texts(&html, "h1")[0].starts_with("Velkommen"), "{email}");
        let cards: Vec<String> = texts(&html, ".cards a");
        assert!(!cards.is_empty(), "{email} gets somewhere to go");
        assert!(
            html.contains(&format!("href=\"{link}\"")),
            "{email} is sent to {link}"
        );
        assert_eq!(
            browser.get(link).await.status(),
            StatusCode::OK,
            "{email} may open {link}"
        );
    }
}

#[tokio::test]
async fn the_demo_coordinator_has_aarhus_and_randers() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let browser = app.browser();
    browser.login("koordinator@brobyg.test", PASSWORD).await;
    let html = browser.get_html("/koordinator").await;
    assert_eq!(
        texts(&html, "section.panel > h3 a"),
        vec!["Aarhus", "Randers"]
    );
}

#[tokio::test]
async fn the_demo_shows_the_evaluations_of_its_held_genlaer_session() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let held = {
        use brobyg::db::schema::sessions;
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        sessions::table
            .filter(sessions::title.eq("Sundhedskompetence og kommunikation"))
            .filter(sessions::status.eq("held"))
            .select(sessions::id)
            .first::<i64>(&mut *conn)
            .expect("the held session")
    };
    let browser = app.browser();
    browser.login("koordinator@brobyg.test", PASSWORD).await;
    let session_page = browser
        .get_html(&format!("/koordinator/genlaer/hold/{held}"))
        .await;
    let results = format!("/koordinator/genlaer/hold/{held}/evaluering");
    assert!(session_page.contains(&results), "linked from the session");
    // The walk-in the coordinator added without invoice details is named.
    assert_eq!(
        texts(&session_page, "#invoice-missing-details li"),
        vec!["Karen Mikkelsen"]
    );
    let html = browser.get_html(&results).await;
    // The teachers read the same through the link the page offers.
    let shared = attr(&html, "#teachers-link-url", "value");
    let shared = &shared[shared.find("/evaluering/").expect("link")..];
    let teachers = app.browser().get_html(shared).await;
    assert_eq!(texts(&teachers, "#averages dt"), vec!["4,3", "4,7", "3,7"]);
    // Four attended; three answered, one link is still unused.
    assert_eq!(
        texts(&html, "#evaluation-response"),
        vec!["3 svar af 4 inviterede"]
    );
    assert_eq!(texts(&html, "#averages dt"), vec!["4,3", "4,7", "3,7"]);
    assert_eq!(texts(&html, "table.chart-table").len(), 3);
    assert_eq!(texts(&html, "#comments li").len(), 2);
    assert!(html.contains("Samtaleværktøjet"));
    // And in the course's results over time.
    let course = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::courses::by_slug(&mut conn, "sundhedskompetence-og-kommunikation")
            .expect("query")
            .expect("the course")
            .id
    };
    let html = browser
        .get_html(&format!("/koordinator/genlaer/kurser/{course}/evaluering"))
        .await;
    assert!(html.contains("chart-over-time"), "{html}");
    assert!(html.contains(&results), "the session's line links to it");
}

#[tokio::test]
async fn demo_content_is_never_loaded_into_a_database_with_users() {
    let database = TestDatabase::fresh();
    let mut settings = test_settings(&database);
    settings.demo = Some(false);
    let first = start(settings.clone(), database);
    first.create_user("eksisterende@example.dk", &[], None);
    let database = first.stop();
    let mut again = settings;
    again.demo = Some(true);
    let second = start(again, database);
    assert_eq!(second.user_count(), 1, "only the existing user");
}

#[tokio::test]
async fn demo_content_can_be_switched_off() {
    let app = spawn_app_with(|s| s.demo = Some(false)).await;
    assert_eq!(app.user_count(), 0);
}

/// Two instances started together on one empty PostgreSQL database: one
/// died on a duplicate region. The first loads the demo, the other finds
/// it loaded.
#[tokio::test]
async fn instances_started_together_load_the_demo_once() {
    let database = TestDatabase::fresh();
    if !database.is_postgres() {
        // One SQLite file belongs to one instance.
        eprintln!("skipped on SQLite: needs TEST_DATABASE_URL (PostgreSQL)");
        return;
    }
    let secret = secrecy::SecretString::from("x".repeat(64));
    let loads: Vec<_> = (0..3)
        .map(|_| {
            let db = brobyg::db::Db::open(&database.url, 2).expect("open");
            let secret = secret.clone();
            std::thread::spawn(move || brobyg::demo::seed_if_empty(&db, &secret))
        })
        .collect();
    let loaded: Vec<bool> = loads
        .into_iter()
        .map(|t| t.join().expect("thread").expect("no instance fails"))
        .collect();
    assert_eq!(loaded.iter().filter(|l| **l).count(), 1, "{loaded:?}");
}

#[tokio::test]
async fn the_demo_has_a_regional_coordinator_and_a_brobygger_who_moved() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let regional = app.browser();
    regional.login("regional@brobyg.test", PASSWORD).await;
    let html = regional.get_html("/koordinator").await;
    assert_eq!(
        texts(&html, "#regional-role"),
        vec!["Regional koordinator: Midt"]
    );
    assert_eq!(
        texts(&html, "section.panel > h3 a"),
        vec!["Norddjurs", "Randers", "Viborg"]
    );
    let region = crate::helpers::attr(&html, "#region-links a", "href");
    let view = regional.get_html(&region).await;
    assert_eq!(
        texts(&view, "#region-figures thead th"),
        vec!["Norddjurs", "Randers", "Viborg"]
    );

    let lukas = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::find_by_email(&mut conn, "lukas.winther@brobyg.test")
            .expect("query")
            .expect("Lukas")
            .id
    };
    let page = regional
        .get_html(&format!("/koordinator/brobyggere/{lukas}"))
        .await;
    assert_eq!(
        texts(&page, "#move-history li strong"),
        vec!["Flyttet fra Aarhus til Randers"]
    );
    assert_eq!(texts(&page, "#volunteer-status"), vec!["Aktiv"]);
}

#[tokio::test]
async fn the_demo_has_a_rota_in_aarhus_with_a_vagt_given_away() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
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
    let staff = app.browser();
    staff.login("koordinator@brobyg.test", PASSWORD).await;
    let rota = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/vagter"))
        .await;
    let rows = texts(&rota, "#rota tbody tr td.card-title");
    assert!(rows.len() >= 10, "weeks of vagter: {}", rows.len());
    assert!(
        rota.contains(r#"data-staffing="empty""#),
        "some still empty"
    );
    assert!(rota.contains(r#"data-staffing="full""#), "most taken");
    let plan = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/vagtplan"))
        .await;
    assert_eq!(texts(&plan, "#slot-list tbody tr").len(), 3);

    // Sara has vagter and gives one away; the others see it offered.
    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let html = sara.get_html("/vagter").await;
    assert!(!texts(&html, "#my-vagter tbody tr").is_empty());
    assert!(
        texts(&html, "#my-vagter .tag")
            .iter()
            .any(|t| t.starts_with("Tilbudt de andre")),
        "one of hers is given away"
    );
    let lars = app.browser();
    lars.login("lars.berg@brobyg.test", PASSWORD).await;
    let html = lars.get_html("/vagter").await;
    assert!(texts(&html, "#open-vagter .tag").contains(&"Gives væk".to_string()));

    // Emil is on a break: refused with the reason.
    let emil = app.browser();
    emil.login("emil.skov@brobyg.test", PASSWORD).await;
    let response = emil.get("/vagter").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Du holder pause")
    );
}

/// Aarhus's active demo brobyggere registered last month's brobygninger
/// (Sara among them); the coordinator's month and the annual figures show
/// them, and Sara's own page lists hers.
#[tokio::test]
async fn the_demo_has_last_months_brobygninger_in_aarhus() {
    use brobyg::db::{branches, brobygninger};
    use chrono::{Datelike, Months};
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let (aarhus, last_month, total) = {
        let mut conn = app.db.conn().expect("connection");
        let aarhus = branches::by_slug(&mut conn, "aarhus")
            .expect("query")
            .expect("Aarhus")
            .id;
        let today = brobyg::domain::time::local(brobyg::db::now()).date_naive();
        let first = today.with_day(1).expect("first");
        let from = first.checked_sub_months(Months::new(1)).expect("month");
        let last_month =
            brobygninger::of_branch(&mut conn, aarhus, from, first, 0, i64::MAX).expect("rows");
        // Last month's year: in January that is last year.
        let year_from = chrono::NaiveDate::from_ymd_opt(from.year(), 1, 1).expect("date");
        let year_to = chrono::NaiveDate::from_ymd_opt(from.year() + 1, 1, 1).expect("date");
        let total: i64 = brobygninger::groups(&mut conn, None, year_from, year_to)
            .expect("groups")
            .iter()
            .map(|g| g.count)
            .sum();
        (aarhus, last_month, total)
    };
    let people: std::collections::HashSet<_> = last_month.iter().map(|r| r.user_id).collect();
    assert!(last_month.len() >= 8, "{} last month", last_month.len());
    assert!(people.len() >= 4, "several brobyggere");

    let staff = app.browser();
    staff.login("koordinator@brobyg.test", PASSWORD).await;
    let month = last_month[0].done_on.format("%Y-%m").to_string();
    let html = staff
        .get_html(&format!(
            "/koordinator/afdelinger/{aarhus}/brobygninger?maaned={month}"
        ))
        .await;
    assert_eq!(texts(&html, "#count"), vec![last_month.len().to_string()]);

    let admin = app.browser();
    admin.login("admin@brobyg.test", PASSWORD).await;
    let html = admin
        .get_html(&format!("/admin/statistik?aar={}", &month[..4]))
        .await;
    assert_eq!(texts(&html, "#brobygninger"), vec![total.to_string()]);
    assert!(total > 0);

    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let html = sara.get_html("/frivillig/brobygninger").await;
    assert!(!texts(&html, "#mine tbody tr td.card-title").is_empty());
}
/// The demo's GenLær has invoices: the held session's, sent and overdue
/// (a task) with a credit note for one participant, and the accepted
/// booking's, paid. Each UBL file is kept for the validator.
#[tokio::test]
async fn the_demo_has_invoices_a_credit_note_and_an_overdue_task() {
    use brobyg::domain::billing::{DocumentKind, InvoiceStatus};
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let all = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::invoices::for_branches(&mut conn, None).expect("invoices")
    };
    let of = |kind: DocumentKind, status: InvoiceStatus| {
        all.iter()
            .find(|i| i.kind == kind && i.status == status)
            .unwrap_or_else(|| panic!("a {kind:?} {status:?} in the demo"))
    };
    let overdue = of(DocumentKind::Invoice, InvoiceStatus::Sent);
    let paid = of(DocumentKind::Invoice, InvoiceStatus::Paid);
    let note = of(DocumentKind::CreditNote, InvoiceStatus::Sent);
    assert_eq!(note.credits_id, Some(overdue.id));
    assert!(paid.booking_id.is_some());

    let browser = app.browser();
    browser.login("koordinator@brobyg.test", PASSWORD).await;
    let list = browser.get_html("/koordinator/fakturaer").await;
    for i in [overdue, paid, note] {
        assert!(list.contains(&i.number), "{} listed", i.number);
        let r = browser
            .get(&format!("/koordinator/fakturaer/{}.xml", i.id))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let xml = r.text().await.expect("xml");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/einvoice-samples");
        std::fs::create_dir_all(&dir).expect("samples folder");
        let backend = if app.is_postgres() { "pg" } else { "sqlite" };
        std::fs::write(dir.join(format!("demo-{}-{backend}.xml", i.number)), xml).expect("sample");
    }
    let start = browser.get_html("/koordinator").await;
    assert!(
        start.contains(&overdue.number),
        "the overdue invoice is a task"
    );
    // The period's files for the access point: the EAN invoices and the
    // credit note.
    let today = brobyg::domain::time::local(chrono::Utc::now().naive_utc()).date_naive();
    let files = crate::invoices::unzip(
        &browser,
        &format!(
            "/koordinator/fakturaer/ubl.zip?fra={}&til={today}",
            today - chrono::Duration::days(365)
        ),
    )
    .await;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&format!("faktura-{}.xml", overdue.number).as_str())
            && names.contains(&format!("kreditnota-{}.xml", note.number).as_str()),
        "{names:?}"
    );
}
