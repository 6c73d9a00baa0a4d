//! The demo's brobyggere: what the demo accounts see first.

use brobyg::demo::PASSWORD;
use reqwest::StatusCode;

use super::support::{checklist, is_clear, status_tag};
use crate::helpers::{attr, spawn_app_with, texts};

#[tokio::test]
async fn the_demo_shows_every_step_of_the_path() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;

    let ahmad = app.browser();
    ahmad.login("ansoeger@brobyg.test", PASSWORD).await;
    let html = ahmad.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "I uddannelse");
    assert!(html.contains("10 af 20 timer"), "half-way");
    let lines = checklist(&html);
    assert!(
        lines[0].starts_with("Mangler 2 timer: modul 3"),
        "{lines:?}"
    );
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Tavshedserklæring (version 1) er ikke underskrevet")
    );
    let missed = texts(&html, "#module-social-ulighed")[0].clone();
    assert!(
        missed.contains("Randers") && missed.contains("Tag modulet her"),
        "{missed}"
    );

    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let html = sara.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Aktiv");
    assert!(is_clear(&html));
    assert!(html.contains("Version 1 underskrevet"));
    assert_eq!(texts(&html, ".history li strong").len(), 4, "a history");
    assert_eq!(sara.get("/frivillig/aktiv").await.status(), StatusCode::OK);

    let coordinator = app.browser();
    coordinator.login("koordinator@brobyg.test", PASSWORD).await;
    let overview = coordinator.get_html("/koordinator").await;
    let links = texts(&overview, ".branch-links a");
    assert!(
        links.iter().any(|l| l == "Brobyggere (2 nye ansøgere)"),
        "{links:?}"
    );
    assert!(
        links.iter().any(|l| l == "Brobyggere (1 ny ansøger)"),
        "{links:?}"
    );
    let aarhus = texts(&overview, "section.panel > h3 a");
    assert_eq!(aarhus, vec!["Aarhus", "Randers"]);
    let pipeline = coordinator
        .get_html(&attr(&overview, ".branch-links a", "href"))
        .await;
    assert_eq!(texts(&pipeline, "#application-list a").len(), 2);
    assert!(pipeline.contains("Emil Skov"), "on a break");
    // Alumni are counted on the pipeline and listed on the branch's roster.
    assert!(!pipeline.contains("Ida Lund"));
    let alumni = coordinator
        .get_html(&attr(
            &pipeline,
            "section[aria-labelledby=alumni] a",
            "href",
        ))
        .await;
    assert_eq!(
        texts(&alumni, "#roster tbody td:first-child a"),
        vec!["Ida Lund"]
    );
}

/// Freja's break ended yesterday: the worker's first pass makes her active
/// and tells her and the coordinators.
#[tokio::test]
async fn the_demo_has_a_break_that_the_worker_ends() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let freja = app.browser();
    freja.login("freja.dahl@brobyg.test", PASSWORD).await;
    assert_eq!(status_tag(&freja.get_html("/frivillig").await), "Pause");
    let pass = app.deliver(&app.mailer()).await;
    assert_eq!(pass.pauses, 1);
    assert_eq!(status_tag(&freja.get_html("/frivillig").await), "Aktiv");
    assert!(
        app.outbox()
            .iter()
            .any(|r| r.to_email == "freja.dahl@brobyg.test" && r.kind == "pause_ended")
    );
    assert_eq!(
        app.last_message_but_digest_to("koordinator@brobyg.test")
            .kind(),
        "volunteer_pause_ended"
    );
}

/// Jonas is active in Randers, which requires a børneattest he lacks: he is
/// in grace, and may still go to supervision.
#[tokio::test]
async fn the_demo_has_a_volunteer_in_grace() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let jonas = app.browser();
    jonas.login("jonas.kragh@brobyg.test", PASSWORD).await;
    let html = jonas.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Aktiv");
    let grace = texts(&html, ".checklist-grace li");
    assert!(
        grace.len() == 1 && grace[0].starts_with("Mangler børneattest – frist"),
        "{grace:?}"
    );
    assert_eq!(jonas.get("/frivillig/aktiv").await.status(), StatusCode::OK);
}

/// The administrator has edited module 5 in the site: the list shows the
/// edit, brobyggere read the note, and the declaration's versions come
/// from the files with version 1 required.
#[tokio::test]
async fn the_demo_has_content_edited_in_the_site() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let admin = app.browser();
    admin.login("admin@brobyg.test", PASSWORD).await;
    let list = admin.get_html("/admin/forberedelseskursus").await;
    let rows = texts(&list, "#modules tbody tr");
    assert_eq!(rows.len(), 10);
    assert!(!rows[4].contains("Som fra start"), "{}", rows[4]);
    assert!(rows[0].contains("Som fra start"), "{}", rows[0]);
    let versions = admin.get_html("/admin/tavshedserklaering").await;
    assert!(versions.contains("Alle skal have underskrevet version 1."));
    let sara = app.browser();
    sara.login("frivillig@brobyg.test", PASSWORD).await;
    let module = sara.get_html("/frivillig/materiale/tavshedspligt").await;
    assert!(module.contains("Nyt i år"), "the note is read");
}
