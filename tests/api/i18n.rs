//! Danish first, English second: from the browser, switchable, remembered.

use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::volunteer::VolunteerStatus;
use reqwest::StatusCode;

use crate::helpers::{attr, files_under, location, spawn_app, texts};

/// The language of `/log-ind` for a fresh visitor whose browser sends
/// `accept_language`.
async fn page_lang(app: &crate::helpers::TestApp, accept_language: &str) -> String {
    let browser = app.browser();
    let response = browser
        .client
        .get(browser.url("/log-ind"))
        .header("accept-language", accept_language)
        .send()
        .await
        .expect("GET");
    let html = response.text().await.expect("body");
    crate::helpers::attr(&html, "html", "lang")
}

#[tokio::test]
async fn danish_is_the_default_and_english_only_for_browsers_without_danish() {
    let app = spawn_app().await;
    let html = app.browser().get_html("/log-ind").await;
    assert!(html.contains("<html lang=\"da\">"));
    assert_eq!(texts(&html, "h1"), vec!["Log ind"]);

    // Danes whose systems run in English still get Danish.
    for header in [
        "en-DK",
        "en-GB,en;q=0.9,da;q=0.5",
        "en-US,en;q=0.9,da;q=0.1",
        "da-DK,da;q=0.9",
        "fr-FR,fr;q=0.9",
        "*",
    ] {
        assert_eq!(page_lang(&app, header).await, "da", "{header}");
    }
    for header in ["en-GB,en;q=0.9", "en-US", "de-DE,en;q=0.7", "en, da;q=0"] {
        assert_eq!(page_lang(&app, header).await, "en", "{header}");
    }

    let browser = app.browser();
    let response = browser
        .client
        .get(browser.url("/log-ind"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("GET");
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "label[for=f-password]"), vec!["Password"]);
}

/// The language of `/konto` in a new browser (no language cookie) signed
/// in as `email`: the account's own choice.
async fn account_lang(app: &crate::helpers::TestApp, email: &str) -> String {
    let fresh = app.browser();
    fresh.login(email, crate::helpers::PASSWORD).await;
    attr(&fresh.get_html("/konto").await, "html", "lang")
}

#[tokio::test]
async fn a_chosen_language_wins_over_the_browser() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/log-ind")])
        .await;
    let response = browser
        .client
        .get(browser.url("/log-ind"))
        .header("accept-language", "da-DK,da")
        .send()
        .await
        .expect("GET");
    let html = response.text().await.expect("body");
    assert!(html.contains("<html lang=\"en\">"), "the cookie decides");
}

#[tokio::test]
async fn the_chosen_language_is_remembered() {
    let app = spawn_app().await;
    let browser = app.browser();
    let response = browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/log-ind")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/log-ind");
    let html = browser.get_html("/log-ind").await;
    assert!(html.contains("<html lang=\"en\">"));
    let html = browser.get_html("/").await;
    assert!(html.contains("<html lang=\"en\">"), "on every page");

    browser
        .post_form("/sprog", &[("lang", "da"), ("next", "/")])
        .await;
    assert!(browser.get_html("/").await.contains("<html lang=\"da\">"));
}

#[tokio::test]
async fn an_anonymous_visitor_switches_by_a_link_back_to_the_same_page() {
    let app = spawn_app().await;
    let browser = app.browser();
    let html = browser.get_html("/genlaer?q=traume").await;
    let href = attr(&html, r#"a[hreflang="en"]"#, "href");
    assert_eq!(href, "/sprog?lang=en&next=%2Fgenlaer%3Fq%3Dtraume");
    let response = browser.get(&href).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/genlaer?q=traume");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("lang=en")),
        "{cookies:?}"
    );
    assert!(
        !cookies.iter().any(|c| c.starts_with("brobyg=")),
        "still no session: {cookies:?}"
    );
    let html = browser.get_html("/genlaer?q=traume").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(
        attr(&html, r#"a[hreflang="da"]"#, "href"),
        "/sprog?lang=da&next=%2Fgenlaer%3Fq%3Dtraume",
        "and back"
    );
    let unknown = browser.get("/sprog?lang=xx&next=%2F").await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_link_does_not_change_a_signed_in_users_account() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let signed_in_page = browser.get_html("/genlaer").await;
    assert!(
        signed_in_page.contains(r#"action="/sprog""#),
        "a signed-in visitor's switch is the form that keeps the choice"
    );
    // A link followed while signed in (from a page kept from before, or
    // put on another site) sets this browser's cookie only: a GET changes
    // nothing on the account.
    let response = browser.get("/sprog?lang=en&next=%2Fkonto").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        browser
            .get_html("/konto")
            .await
            .contains("<html lang=\"en\">")
    );
    assert_eq!(
        account_lang(&app, &user.email).await,
        "da",
        "the account keeps Danish"
    );
}

#[tokio::test]
async fn a_signed_in_users_choice_is_kept_on_the_account() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/")])
        .await;
    assert_eq!(account_lang(&app, &user.email).await, "en");
}

#[tokio::test]
async fn every_page_has_a_skip_link_a_main_landmark_and_labelled_fields() {
    let app = spawn_app().await;
    for path in ["/", "/log-ind", "/konto/opret", "/konto/glemt-adgangskode"] {
        let html = app.browser().get_html(path).await;
        assert!(
            html.contains("class=\"skip-link\" href=\"#main\""),
            "{path}"
        );
        assert!(html.contains("<main id=\"main\""), "{path}");
        let doc = scraper::Html::parse_document(&html);
        let inputs =
            scraper::Selector::parse("input:not([type=hidden]), select, textarea").expect("css");
        for input in doc.select(&inputs) {
            let id = input.value().attr("id").expect("fields have ids");
            let label = scraper::Selector::parse(&format!("label[for=\"{id}\"]")).expect("css");
            assert!(
                doc.select(&label).next().is_some(),
                "{path}: field {id} has a label"
            );
        }
    }
}

#[test]
fn every_text_exists_in_both_languages() {
    let keys = |lang: &str| {
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(format!("templates/locales/{lang}")).expect("locale folder")
        {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl");
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =")
                    && !key.starts_with(' ')
                    && !key.starts_with('#')
                    && !key.is_empty()
                {
                    keys.insert(key.to_string());
                }
            }
        }
        keys
    };
    let da = keys("da");
    let en = keys("en");
    let only_da: Vec<_> = da.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&da).collect();
    assert!(only_da.is_empty(), "missing in English: {only_da:?}");
    assert!(only_en.is_empty(), "missing in Danish: {only_en:?}");

    // Every literal key a template asks for exists.
    let mut missing = Vec::new();
    for path in files_under("templates", "") {
        if !(path.ends_with(".html") || path.ends_with(".txt")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("template");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("t(key=\"") {
            // `get(key="...")` is a lookup, not a translation.
            let is_translation = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            rest = &rest[at + 7..];
            let key = rest.split('"').next().unwrap_or("");
            // Keys built from a prefix (`"role-" ~ role`) are checked below.
            if is_translation && !key.ends_with('-') && !da.contains(key) {
                missing.push(format!("{path}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "unknown keys: {missing:?}");

    // Keys built from stored codes: every code has its text.
    let mut built: Vec<String> = Vec::new();
    built.extend(Role::ALL.iter().map(|r| format!("role-{}", r.as_str())));
    built.extend(
        VolunteerStatus::ALL
            .iter()
            .map(|s| format!("volunteer-status-{}", s.as_str())),
    );
    built.extend(
        brobyg::domain::audit::Action::ALL
            .iter()
            .map(|a| format!("audit-action-{}", a.as_str())),
    );
    built.extend(
        brobyg::domain::audit::ObjectKind::ALL
            .iter()
            .map(|k| format!("audit-object-{}", k.as_str())),
    );
    built.extend(
        ["pending", "sent", "failed"]
            .iter()
            .map(|s| format!("message-status-{s}")),
    );
    for kind in [
        "verify_email",
        "confirm_new_email",
        "email_changed",
        "account_exists",
        "reset_password",
        "invitation",
        "coordinator_assigned",
    ] {
        built.push(format!("message-kind-{kind}"));
        built.push(format!("email-{}-subject", kind.replace('_', "-")));
    }
    for status in ["400", "403", "404", "405", "500", "csrf"] {
        built.push(format!("error-page-{status}-title"));
        built.push(format!("error-page-{status}-text"));
    }
    let absent: Vec<_> = built.iter().filter(|k| !da.contains(*k)).collect();
    assert!(absent.is_empty(), "no text for {absent:?}");
}

#[tokio::test]
async fn danish_course_text_in_the_english_interface_is_marked_danish() {
    let app = spawn_app().await;
    crate::genlaer::course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let browser = app.browser();
    browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/")])
        .await;
    let html = browser.get_html("/genlaer/lgbt").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(crate::helpers::attr(&html, "h1", "lang"), "da");
    let prose = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse(".prose").expect("selector");
    let langs: Vec<_> = prose
        .select(&selector)
        .map(|e| e.value().attr("lang"))
        .collect();
    assert_eq!(langs, vec![Some("da"), Some("da")], "description and goals");
    let list = browser.get_html("/genlaer").await;
    assert!(list.contains("<h2 lang=\"da\"><a href=\"/genlaer/lgbt\">"));
}
