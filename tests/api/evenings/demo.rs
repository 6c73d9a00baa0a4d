//! The demo's evenings: what the demo accounts see.

use brobyg::demo::PASSWORD;
use chrono::Datelike;

use crate::helpers::{spawn_app_with, texts};

#[tokio::test]
async fn the_demo_has_evenings_answers_sign_ups_and_a_dashboard() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;

    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let list = sara.get_html("/aftener").await;
    let titles = texts(&list, "#evening-list li a");
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles[0].starts_with("Brobyggeraften: Sundhedsvæsenet"));
    assert!(titles.iter().any(|t| t.starts_with("Infoaften")));
    assert!(titles.iter().any(|t| t.starts_with("Landsdækkende")));
    assert_eq!(
        texts(&list, "#evening-list .reply")[0],
        "Du har svaret ja og har en plads."
    );

    let visitor = app.browser();
    let public = visitor.get_html("/aftener").await;
    assert_eq!(
        texts(&public, "#evening-list li a"),
        vec!["Infoaften: Bliv brobygger i Aarhus"]
    );

    let coordinator = app.browser();
    coordinator.login("koordinator@brobyg.test", PASSWORD).await;
    let staff = coordinator.get_html("/koordinator/aftener").await;
    // Aarhus's three (the national one is the secretariat's).
    assert_eq!(texts(&staff, ".evenings-table a").len(), 3);
    let overview = coordinator.get_html("/koordinator").await;
    let aarhus = texts(&overview, ".branch-links a");
    assert!(aarhus.iter().any(|l| l == "Overblik"));
    let doc = scraper::Html::parse_document(&overview);
    let css = scraper::Selector::parse(".branch-links a[href$=\"/oversigt\"]").expect("css");
    let link = doc
        .select(&css)
        .next()
        .and_then(|e| e.value().attr("href"))
        .expect("dashboard link")
        .to_string();
    let dashboard = coordinator.get_html(&link).await;
    let present = texts(&dashboard, "#evening-numbers [data-figure=present] dt");
    // The demo's held evening was 33 days ago: it counts if that was
    // this year.
    let now = chrono::Utc::now();
    if (now - chrono::Duration::days(34)).year() == now.year() {
        assert_eq!(present, vec!["3"]);
        assert_eq!(
            texts(&dashboard, "#evening-numbers [data-figure=rate] dt"),
            vec!["75 %"]
        );
    }
    for id in [
        "chart-statuses",
        "chart-supervision",
        "trend-people",
        "trend-genlaer",
        "trend-compliance",
    ] {
        assert_eq!(
            texts(&dashboard, &format!("table#{id} caption")).len(),
            1,
            "{id}"
        );
        // Twelve months, and something to show in them.
        if id.starts_with("trend") {
            assert_eq!(
                texts(&dashboard, &format!("#{id} tbody th")).len(),
                12,
                "{id}"
            );
            let cells = texts(&dashboard, &format!("#{id} tbody td"));
            assert!(
                cells
                    .iter()
                    .any(|c| c.chars().next().is_some_and(|d| ('1'..='9').contains(&d))),
                "{id}: {cells:?}"
            );
        }
    }
}
