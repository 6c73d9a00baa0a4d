//! Public pages from the page cache (`web::page_cache`): never staler than
//! this instance's last write, ETags and 304, gzip, no cookie for a reader
//! and each visitor's own CSRF token in a form, one entry per language.

use std::io::Read;

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::{course, enrol_fields, session};
use crate::helpers::{Browser, TestApp, attr, csrf_in, location, spawn_app, texts};

async fn scrape(app: &TestApp, outcome: &str) -> f64 {
    let text = app
        .browser()
        .get("/metrics")
        .await
        .text()
        .await
        .expect("metrics");
    let series = format!("brobyg_page_cache_total{{outcome=\"{outcome}\"}}");
    text.lines()
        .find(|l| l.starts_with(&series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

async fn hits(app: &TestApp) -> f64 {
    scrape(app, "hit").await
}

/// Enrols someone through the public form, as a visitor would.
async fn enrol_publicly(app: &TestApp, session: i64, email: &str) {
    let response = app
        .browser()
        .post_form(
            &format!("/genlaer/hold/{session}/tilmeld"),
            &enrol_fields("Deltager", email),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "enrolled {email}");
}

async fn get_with(browser: &Browser, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = browser.client.get(browser.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("GET")
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(String::from)
}

#[tokio::test]
async fn a_cached_page_shows_a_seat_taken_a_moment_earlier() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let visitor = app.browser();
    let pages = [
        format!("/genlaer/hold/{s}"),
        "/genlaer".to_string(),
        "/genlaer/lgbt".to_string(),
    ];
    for page in &pages {
        assert!(visitor.get_html(page).await.contains("10 ledige pladser"));
    }
    // Asked again at once: answered from the cache.
    let before = hits(&app).await;
    for page in &pages {
        assert!(visitor.get_html(page).await.contains("10 ledige pladser"));
    }
    assert_eq!(hits(&app).await - before, 3.0, "three hits");

    enrol_publicly(&app, s, "a@example.dk").await;
    for page in &pages {
        let html = visitor.get_html(page).await;
        assert!(
            html.contains("9 ledige pladser"),
            "{page} shows the seat taken"
        );
    }
    let json: serde_json::Value = visitor
        .get("/api/v1/genlaer")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["courses"][0]["sessions"][0]["seats_left"], 9);

    // A write outside a request (through `Db::conn`) counts too.
    app.enrol(s, app.create_user("b@example.dk", &[], None).id);
    for page in &pages {
        let html = visitor.get_html(page).await;
        assert!(
            html.contains("8 ledige pladser"),
            "{page} after a direct write"
        );
    }
    let json: serde_json::Value = visitor
        .get("/api/v1/genlaer")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["courses"][0]["sessions"][0]["seats_left"], 8);

    // A signed-in visitor's catalogue (not from the page cache, its data
    // from the catalogue cache) is as exact.
    let (member, _) = app.signed_in(Role::Professional).await;
    assert!(
        member
            .get_html("/genlaer")
            .await
            .contains("8 ledige pladser")
    );
    enrol_publicly(&app, s, "c@example.dk").await;
    assert!(
        member
            .get_html("/genlaer")
            .await
            .contains("7 ledige pladser")
    );
}

#[tokio::test]
async fn an_etag_answers_304_until_the_page_changes() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let visitor = app.browser();
    let path = format!("/genlaer/hold/{s}");
    for path in [path.as_str(), "/genlaer", "/api/v1/genlaer"] {
        let first = visitor.get(path).await;
        assert_eq!(first.status(), StatusCode::OK);
        let etag = header(&first, "etag").expect("an ETag");
        assert!(etag.starts_with('"'), "strong: {etag}");
        let again = get_with(&visitor, path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&again, "etag").as_deref(), Some(etag.as_str()));
        assert!(again.bytes().await.expect("body").is_empty());
    }

    let first = visitor.get(&path).await;
    let etag = header(&first, "etag").expect("an ETag");
    assert_eq!(
        header(&first, "cache-control").as_deref(),
        Some("private, no-cache"),
        "the browser asks each time; no shared cache keeps a CSRF token"
    );
    // A write that changes nothing on the page: rendered again, same tag.
    app.create_user("someone@example.dk", &[], None);
    let unchanged = get_with(&visitor, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    // A seat taken: a new page with a new tag.
    enrol_publicly(&app, s, "a@example.dk").await;
    let changed = get_with(&visitor, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(header(&changed, "etag"), Some(etag));
    assert!(
        changed
            .text()
            .await
            .expect("body")
            .contains("9 ledige pladser")
    );
}

#[tokio::test]
async fn gzip_is_served_when_asked_for_and_is_the_same_page() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let visitor = app.browser();
    for path in [format!("/genlaer/hold/{s}"), "/api/v1/genlaer".into()] {
        let plain = visitor.get(&path).await;
        assert_eq!(header(&plain, "content-encoding"), None);
        assert_eq!(header(&plain, "vary").as_deref(), Some("Accept-Encoding"));
        let plain = plain.text().await.expect("body");
        // Twice: rendered for the cache, then from it.
        for _ in 0..2 {
            let zipped =
                get_with(&visitor, &path, &[("accept-encoding", "gzip, deflate, br")]).await;
            assert_eq!(zipped.status(), StatusCode::OK);
            assert_eq!(header(&zipped, "content-encoding").as_deref(), Some("gzip"));
            assert_eq!(header(&zipped, "vary").as_deref(), Some("Accept-Encoding"));
            let bytes = zipped.bytes().await.expect("body");
            assert!(bytes.len() < plain.len(), "smaller");
            let mut unzipped = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut unzipped)
                .expect("valid gzip");
            assert_eq!(unzipped, plain, "{path}");
        }
    }
    let refused = get_with(&visitor, "/genlaer", &[("accept-encoding", "gzip;q=0")]).await;
    assert_eq!(header(&refused, "content-encoding"), None);
}

#[tokio::test]
async fn a_reader_gets_no_cookie_and_each_form_gets_the_visitors_own_token() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let path = format!("/genlaer/hold/{s}");
    // Reading needs no session: pages without a form (cached or not) set
    // no cookie and carry no token, and the cache serves them as they are.
    let reader = app.browser();
    for page in [
        "/",
        "/genlaer",
        "/genlaer/lgbt",
        path.as_str(),
        "/privatliv",
    ] {
        for _ in 0..2 {
            let response = reader.get(page).await;
            assert_eq!(response.status(), StatusCode::OK, "{page}");
            assert_eq!(header(&response, "set-cookie"), None, "{page}");
            let html = response.text().await.expect("body");
            assert!(!html.contains(r#"name="csrf""#), "{page}");
        }
    }
    let before = hits(&app).await;
    reader.get_html(&path).await;
    assert_eq!(hits(&app).await - before, 1.0, "from the cache");

    // A form makes each visitor a session and a token of their own.
    let form = format!("{path}/tilmeld");
    let first = app.browser();
    let second = app.browser();
    let a = first.get(&form).await;
    let a_cookie = header(&a, "set-cookie").expect("a form gives a session");
    let a_token = csrf_in(&a.text().await.expect("body"));
    let b = second.get(&form).await;
    let b_cookie = header(&b, "set-cookie").expect("a session of their own");
    let b_html = b.text().await.expect("body");
    let b_token = csrf_in(&b_html);
    assert_ne!(a_cookie, b_cookie);
    assert_ne!(a_token, b_token);
    assert!(!b_html.contains(&a_token), "no trace of the other visitor");
    let doc = scraper::Html::parse_document(&b_html);
    let field = scraper::Selector::parse(r#"input[name="csrf"]"#).expect("selector");
    assert!(
        doc.select(&field)
            .all(|e| e.value().attr("value") == Some(&b_token))
    );
    // A visitor who has a session sets no cookie when nothing changed, and
    // keeps their token; the cached public page still has no form for them.
    let again = first.get(&form).await;
    assert_eq!(header(&again, "set-cookie"), None);
    assert_eq!(csrf_in(&again.text().await.expect("body")), a_token);
    let public = first.get(&path).await;
    assert_eq!(header(&public, "set-cookie"), None);
    for (browser, token) in [(&first, &a_token), (&second, &b_token)] {
        let response = browser
            .client
            .post(browser.url(&form))
            .form(&enrol_fields("Deltager", "uden-token@example.dk"))
            .send()
            .await
            .expect("POST");
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "refused without the token"
        );
        let response = browser
            .client
            .post(browser.url("/sprog"))
            .form(&[("csrf", token.as_str()), ("lang", "en"), ("next", &path)])
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "the token works");
    }

    // A message waiting for one visitor is theirs alone.
    let (member, _) = app.signed_in(Role::Professional).await;
    let out = member.post_form("/log-ud", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/");
    let with_message = member.get_html("/genlaer").await;
    assert!(with_message.contains("Du er logget ud."));
    let other = app.browser().get_html("/genlaer").await;
    assert!(!other.contains("Du er logget ud."));
    assert!(
        !member
            .get_html("/genlaer")
            .await
            .contains("Du er logget ud."),
        "shown once"
    );
}

#[tokio::test]
async fn danish_and_english_are_cached_apart() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    session(&app, c, None, Some(10), 10, None);
    let english = app.browser_with_headers(&[("accept-language", "en")], "test");
    let danish = app.browser_with_headers(&[("accept-language", "da")], "test");
    for _ in 0..2 {
        for (browser, title) in [(&danish, "GenLær-kurser"), (&english, "GenLær courses")] {
            let html = browser.get_html("/genlaer").await;
            assert!(html.contains(title), "{title}");
            assert!(texts(&html, "h1").iter().any(|t| t == title), "{title}");
        }
    }
}

#[tokio::test]
async fn spellings_of_one_filter_share_a_page() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    session(&app, c, None, Some(10), 10, None);
    let visitor = app.browser();
    visitor.get_html("/genlaer?q=lgbt&audience=").await;
    let before = hits(&app).await;
    let html = visitor
        .get_html("/genlaer?q=+lgbt+&region=x&month=nope")
        .await;
    assert_eq!(hits(&app).await - before, 1.0, "the same filter");
    assert_eq!(
        texts(&html, ".course-entry h2"),
        vec!["LGBT+ venlig praksis"]
    );
    // The language switch returns to the filter as applied.
    assert_eq!(
        attr(&html, r#"a[hreflang="en"]"#, "href"),
        "/sprog?lang=en&next=%2Fgenlaer%3Fq%3Dlgbt"
    );
}

#[tokio::test]
async fn signed_in_visitors_share_pages_by_header_and_keep_their_own_seat() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let anonymous = app.browser().get_html("/genlaer").await;
    assert!(anonymous.contains(r#"href="/log-ind""#));
    let (first, first_user) = app.signed_in(Role::Professional).await;
    let (second, second_user) = app.signed_in(Role::Professional).await;
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    let first_html = first.get_html("/genlaer").await;
    assert!(
        first_html.contains(r#"action="/log-ud""#),
        "their own header"
    );
    assert!(!first_html.contains(r#"href="/log-ind""#));
    let before = hits(&app).await;
    let second_html = second.get_html("/genlaer").await;
    assert_eq!(hits(&app).await - before, 1.0, "the same header: shared");
    let (first_token, second_token) = (csrf_in(&first_html), csrf_in(&second_html));
    assert_ne!(first_token, second_token);
    for html in [&first_html, &second_html] {
        assert!(!html.contains(&first_user.email) && !html.contains(&second_user.email));
    }
    let out = second
        .client
        .post(second.url("/log-ud"))
        .form(&[("csrf", second_token.as_str())])
        .send()
        .await
        .expect("POST");
    assert_eq!(out.status(), StatusCode::SEE_OTHER, "their own token works");
    let staff = coordinator.get_html("/genlaer").await;
    assert!(staff.contains(r#"href="/koordinator""#), "another header");
    assert!(!first_html.contains(r#"href="/koordinator""#));

    // A session page shows a signed-in visitor their own seat: never shared.
    enrol_publicly(&app, s, &first_user.email).await;
    let page = format!("/genlaer/hold/{s}");
    assert!(first.get_html(&page).await.contains(r#"id="my-status""#));
    let before = hits(&app).await;
    let anonymous = app.browser().get_html(&page).await;
    let again = app.browser().get_html(&page).await;
    assert_eq!(hits(&app).await - before, 1.0);
    assert!(!anonymous.contains(r#"id="my-status""#) && !again.contains(r#"id="my-status""#));
    assert!(first.get_html(&page).await.contains(r#"id="my-status""#));
}
