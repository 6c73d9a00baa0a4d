//! The volunteer's own page is the page every brobygger opens: it reads
//! what it shows once, and nothing it already has.

use brobyg::domain::Role;
use chrono::Duration;
use reqwest::StatusCode;

use super::support::pause_until;
use crate::helpers::{PASSWORD, spawn_app};

/// Every statement the page sends is counted by the pool, the look-up of
/// the signed-in account included. Before issue 20's work it sent 33:
/// the volunteer record three times, the signatures and the pause twice,
/// the waiting list when waiting nowhere, and the branches a volunteer
/// does not coordinate; until 4 December also where missing modules are
/// taught next when none are missing, and until 7 December the branch's
/// open cohorts, which only those in training are offered; until 8
/// December the branch, read after the record instead of with it. A new
/// statement on this page fails here and has to be argued for; a longer
/// history must not add any.
#[tokio::test]
async fn the_volunteers_page_sends_no_statement_it_does_not_need() {
    let app = spawn_app().await;
    // PostgreSQL adds the pool's `SELECT 1` on a check-out after a pause.
    let budget = 20 + u64::from(app.is_postgres());
    let branch = app.create_branch("Aarhus");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let me = app.browser();
    me.login(&sara.email, PASSWORD).await;
    let page = || async {
        let before = app.db.statements();
        let response = me.get("/frivillig").await;
        assert_eq!(response.status(), StatusCode::OK);
        let html = response.text().await.expect("body");
        (app.db.statements() - before, html)
    };
    let (sent, html) = page().await;
    eprintln!("an active volunteer's page: {sent} statements");
    assert!(sent <= budget, "{sent} statements, budget {budget}");
    // Cohorts to enrol in are for those on the way (`cohorts.rs`).
    assert!(!html.contains("som du kan tilmelde dig"));
    // Asked for again with nothing written in between, the course's
    // modules are not read again (`site_content::current_curriculum`).
    let (again, _) = page().await;
    eprintln!("the same page again: {again} statements");
    assert!(again < budget, "{again} statements, budget {}", budget - 1);

    // A pause adds to the history, and the page shows its end from it.
    let until = brobyg::domain::time::local(brobyg::db::now()).date_naive() + Duration::days(10);
    let response = pause_until(&me, until).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (sent, html) = page().await;
    eprintln!("a paused volunteer's page: {sent} statements");
    assert!(sent <= budget, "{sent} statements, budget {budget}");
    let shown = brobyg::i18n::format::short_date(
        brobyg::domain::Lang::Da,
        until.and_hms_opt(12, 0, 0).expect("noon"),
    );
    assert!(
        html.contains(&format!("til og med {shown}")),
        "the pause's last day, {shown}, is on the page"
    );
}
