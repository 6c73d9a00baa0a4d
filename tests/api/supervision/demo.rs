//! The demo shows supervision from both sides.

use brobyg::demo::PASSWORD;

use super::support::{overview_rows, standing_on_page};
use crate::helpers::{spawn_app_with, texts};

#[tokio::test]
async fn the_demo_has_supervision_to_look_at() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;

    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let html = sara.get_html("/supervision").await;
    assert_eq!(standing_on_page(&html), "I orden", "attended last month");
    let mine = texts(&html, "#my-sessions li");
    assert_eq!(mine.len(), 1, "signed up for the next: {mine:?}");
    assert_eq!(texts(&html, "#open-request").len(), 1);
    let agenda = sara.get_html("/frivillig").await;
    assert!(
        texts(&agenda, "#agenda-past li")
            .iter()
            .any(|l| l.contains("Supervision"))
    );

    // Every active demo brobygger really is active: a held course and a
    // signed declaration, so no checklist where the agenda should be.
    for email in [
        "nadia.berg@brobyg.test",
        "lukas.winther@brobyg.test",
        "sofie.kjaer@brobyg.test",
    ] {
        let them = app.browser();
        them.login(email, PASSWORD).await;
        let page = them.get_html("/supervision").await;
        assert_eq!(standing_on_page(&page), "I orden", "{email}");
        assert!(texts(&page, ".checklist").is_empty(), "{email} is refused");
        let evenings = them.get_html("/aftener").await;
        assert!(
            !evenings.contains("Brobyggeraftener er for aktive"),
            "{email}"
        );
    }

    let staff = app.browser();
    staff.login("koordinator@brobyg.test", PASSWORD).await;
    let index = staff.get_html("/koordinator/supervision").await;
    assert!(index.contains("Randers"));
    let link = {
        let doc = scraper::Html::parse_document(&index);
        let a =
            scraper::Selector::parse("a[href^='/koordinator/supervision/oversigt']").expect("css");
        doc.select(&a)
            .next()
            .and_then(|e| e.value().attr("href"))
            .expect("the overview")
            .to_string()
    };
    let rows = overview_rows(&staff.get_html(&link).await);
    assert_eq!(rows[0], ("Maja Holt".to_string(), "overdue".to_string()));
    assert!(rows.contains(&("Emil Skov".to_string(), "paused".to_string())));
    let requests = staff.get_html("/koordinator/supervision/anmodninger").await;
    assert!(texts(&requests, "section.panel h2")[0].starts_with("Sara"));
    assert!(index.contains("(+1)"), "a full session with one waiting");
}
