use brobyg::domain::session::SessionKind;
use reqwest::StatusCode;

use super::{course, session};
use crate::helpers::{spawn_app, texts};

#[tokio::test]
async fn the_catalogue_lists_published_courses_with_seats_and_filters() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let lgbt = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let leaders = course(&app, "ledelse", "Ledelse og lighed", None);
    let near = session(&app, lgbt, Some(aarhus), Some(10), 10, None);
    session(&app, leaders, None, None, 70, None);
    // Not shown: a draft, another kind's session, a past one.
    {
        let mut conn = app.db.conn().expect("connection");
        let draft = course(&app, "kladde", "Kladde", None);
        brobyg::db::courses::update(
            &mut conn,
            draft,
            &brobyg::db::courses::CourseFields {
                published: false,
                ..fields(&app, draft)
            },
        )
        .expect("draft");
    }
    session(&app, lgbt, Some(aarhus), Some(10), -3, None);
    app.create_session(SessionKind::Cohort, Some(aarhus), Some(5), 5);
    app.enrol(near, app.create_user("a@example.dk", &[], None).id);

    let html = app.browser().get_html("/genlaer").await;
    assert_eq!(
        texts(&html, ".course-entry h2"),
        vec!["LGBT+ venlig praksis", "Ledelse og lighed"]
    );
    assert!(html.contains("9 ledige pladser"), "seats left");
    assert!(html.contains("1.250,00 kr."), "Danish price");

    let search = app.browser().get_html("/genlaer?q=LEDELSE").await;
    assert_eq!(
        texts(&search, ".course-entry h2"),
        vec!["Ledelse og lighed"]
    );
    let region_id = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::branches::find(&mut conn, aarhus)
            .expect("branch")
            .region_id
    };
    let by_region = app
        .browser()
        .get_html(&format!("/genlaer?region={region_id}"))
        .await;
    assert_eq!(
        texts(&by_region, ".course-entry h2"),
        vec!["LGBT+ venlig praksis"]
    );
    let month = (chrono::Utc::now() + chrono::Duration::days(70))
        .format("%Y-%m")
        .to_string();
    let by_month = app
        .browser()
        .get_html(&format!("/genlaer?month={month}"))
        .await;
    assert!(texts(&by_month, ".course-entry h2").contains(&"Ledelse og lighed".to_string()));
    let nobody = app.browser().get_html("/genlaer?audience=leaders").await;
    assert!(texts(&nobody, ".course-entry h2").is_empty());

    let course_page = app.browser().get_html("/genlaer/lgbt").await;
    assert!(course_page.contains("<strong>praksisnært</strong>"));
    assert!(course_page.contains(&format!("/genlaer/hold/{near}/tilmeld")));
    assert_eq!(
        app.browser().get("/genlaer/kladde").await.status(),
        StatusCode::NOT_FOUND,
        "drafts are not public"
    );
    let session_page = app
        .browser()
        .get_html(&format!("/genlaer/hold/{near}"))
        .await;
    assert!(session_page.contains("Underviser Ursula"));
}

fn fields(app: &crate::helpers::TestApp, id: i64) -> brobyg::db::courses::CourseFields {
    let mut conn = app.db.conn().expect("connection");
    let c = brobyg::db::courses::find(&mut conn, id).expect("course");
    brobyg::db::courses::CourseFields {
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        description: c.description,
        audience: c.audience,
        target_group: c.target_group,
        learning_goals: c.learning_goals,
        minutes: c.minutes,
        format: c.format,
        price_ore: c.price_ore,
        vat_note: c.vat_note,
        cancellation_terms: c.cancellation_terms,
        late_free_if_refilled: c.late_free_if_refilled,
        region_id: c.region_id,
        published: c.published,
    }
}

#[tokio::test]
async fn the_json_api_has_courses_sessions_seats_and_prices() {
    let app = spawn_app().await;
    let branch = app.create_branch("Randers");
    let c = course(
        &app,
        "sundhedskompetence",
        "Sundhedskompetence og kommunikation",
        None,
    );
    let s = session(&app, c, Some(branch), Some(12), 20, None);
    app.enrol(s, app.create_user("b@example.dk", &[], None).id);
    let response = app.browser().get("/api/v1/genlaer").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
    let json: serde_json::Value = response.json().await.expect("json");
    let course = &json["courses"][0];
    assert_eq!(course["slug"], "sundhedskompetence");
    assert_eq!(course["title"], "Sundhedskompetence og kommunikation");
    assert_eq!(course["hours"], 3.0);
    assert_eq!(course["price"]["ore"], 125_000);
    assert_eq!(course["price"]["text"], "1.250,00 kr.");
    assert_eq!(course["region"], serde_json::Value::Null);
    assert!(
        course["url"]
            .as_str()
            .expect("url")
            .ends_with("/genlaer/sundhedskompetence")
    );
    let first = &course["sessions"][0];
    assert_eq!(first["id"], s);
    assert_eq!(first["capacity"], 12);
    assert_eq!(first["seats_left"], 11);
    assert_eq!(first["availability"], "open");
    assert_eq!(first["branch"], "Randers");
    let starts = first["starts_at"].as_str().expect("time");
    assert!(
        starts.ends_with("+01:00") || starts.ends_with("+02:00"),
        "{starts}"
    );
    assert!(
        first["enrol_url"]
            .as_str()
            .expect("url")
            .ends_with(&format!("/genlaer/hold/{s}/tilmeld"))
    );
    let filtered: serde_json::Value = app
        .browser()
        .get("/api/v1/genlaer?q=findes-ikke")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(filtered["courses"].as_array().map(Vec::len), Some(0));
}

/// Counts the statements a connection runs.
#[derive(Clone, Default)]
struct QueryCounter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl diesel::connection::Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        if let diesel::connection::InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

fn catalogue_queries(app: &crate::helpers::TestApp) -> (usize, usize) {
    use diesel::Connection;
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut brobyg::db::DbConnection = &mut pooled;
    let counter = QueryCounter::default();
    conn.set_instrumentation(counter.clone());
    let entries = brobyg::db::courses::catalogue(
        conn,
        &brobyg::db::courses::Filter::default(),
        brobyg::db::now(),
    )
    .expect("catalogue");
    conn.set_instrumentation(diesel::connection::get_default_instrumentation());
    (
        entries.len(),
        counter.0.load(std::sync::atomic::Ordering::SeqCst),
    )
}

#[tokio::test]
async fn the_catalogue_needs_a_constant_number_of_queries() {
    // The same number of statements for one course with one session as for
    // thirty courses with eight sessions each: no query per row.
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let first = course(&app, "kursus-first", "Kursus først", None);
    session(&app, first, Some(branch), Some(10), 5, None);
    let (courses_small, queries_small) = catalogue_queries(&app);
    assert_eq!(courses_small, 1);
    assert!(queries_small > 0, "the counter sees the statements");
    for i in 0..29 {
        let c = course(
            &app,
            &format!("kursus-{i}"),
            &format!("Kursus {i:02}"),
            None,
        );
        for d in 0..8 {
            session(&app, c, Some(branch), Some(10), 5 + d, None);
        }
    }
    let (courses_large, queries_large) = catalogue_queries(&app);
    assert_eq!(courses_large, 30);
    assert_eq!(queries_large, queries_small);
    let html = app.browser().get_html("/genlaer").await;
    assert_eq!(texts(&html, ".course-entry h2").len(), 30);
    assert!(html.contains("Se alle 8 hold"));
}
