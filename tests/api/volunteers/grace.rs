//! A requirement a branch adds (a børneattest) does not lock out its active
//! brobyggere: the settings page names them first, saving gives them a
//! deadline that they and the coordinators see and an email, and after the
//! deadline the requirement applies. New applicants get no grace.

use brobyg::domain::Lang;
use brobyg::domain::Role;
use brobyg::domain::events::Message;
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;

use super::support::{accepted_volunteer, checklist, status_tag};
use crate::helpers::{PASSWORD, TestApp, spawn_app, texts};

fn today() -> NaiveDate {
    brobyg::domain::time::local(brobyg::db::now()).date_naive()
}

fn short_date(date: NaiveDate) -> String {
    brobyg::i18n::format::short_date(Lang::Da, date.and_hms_opt(12, 0, 0).expect("noon"))
}

fn kinds_to(app: &TestApp, email: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .map(|r| r.kind)
        .collect()
}

#[tokio::test]
async fn a_new_requirement_gives_active_volunteers_a_deadline_not_a_lockout() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let emil = app.qualified_volunteer("emil@example.dk", branch);
    let anna = accepted_volunteer(&app, "anna@example.dk", branch, coordinator.id);
    let me = app.browser();
    me.login(&sara.email, PASSWORD).await;
    let emil_browser = app.browser();
    emil_browser.login(&emil.email, PASSWORD).await;
    let until = today() + Duration::days(30);
    emil_browser
        .post_form(
            "/frivillig/pause",
            &[(
                "until",
                &(today() + Duration::days(5)).format("%Y-%m-%d").to_string(),
            )],
        )
        .await;

    // Before saving: who would be affected, and until when.
    let settings = format!("/koordinator/afdelinger/{branch}/indstillinger");
    let page = staff.get_html(&settings).await;
    let lacking = texts(&page, "#child-certificate-lacking li");
    assert_eq!(lacking.len(), 2, "{lacking:?}");
    assert!(lacking[0].contains("Test emil@example.dk") && lacking[0].contains("Pause"));
    assert!(lacking[1].contains("Test sara@example.dk"));
    assert!(
        texts(&page, "#child-certificate-lacking p")[0].contains(&short_date(until)),
        "the deadline saving would give"
    );

    let response = staff
        .post_form(
            &settings,
            &[
                ("child_certificate", "on"),
                ("supervision_window_months", "6"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Sara stays active and may still go to supervision.
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);
    let line = format!("Mangler børneattest – frist {}", short_date(until));
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Aktiv");
    assert_eq!(texts(&html, ".checklist-grace li"), vec![line.clone()]);
    let theirs = staff
        .get_html(&format!("/koordinator/brobyggere/{}", sara.id))
        .await;
    assert_eq!(texts(&theirs, ".checklist-grace li"), vec![line.clone()]);
    let roster = staff
        .get_html(&format!("/koordinator/afdelinger/{branch}/aktive"))
        .await;
    assert!(
        texts(&roster, "#roster .tag-warn").contains(&line),
        "the roster shows the deadline"
    );
    let page = staff.get_html(&settings).await;
    assert!(
        texts(&page, "#child-certificate-lacking li")
            .iter()
            .all(|l| l.contains(&format!("frist {}", short_date(until))))
    );

    // Each of them is told once; the applicant gets no grace.
    let Message::RequirementGrace {
        deadline,
        branch: b,
        ..
    } = app.last_message_to(&sara.email)
    else {
        panic!("expected the grace email");
    };
    assert_eq!(deadline.date(), until);
    assert_eq!(b, "Aarhus");
    assert_eq!(
        kinds_to(&app, &emil.email)
            .iter()
            .filter(|k| *k == "requirement_grace")
            .count(),
        1
    );
    assert!(!kinds_to(&app, &anna.email).contains(&"requirement_grace".to_string()));
    let anna_browser = app.browser();
    anna_browser.login(&anna.email, PASSWORD).await;
    assert!(
        checklist(&anna_browser.get_html("/frivillig").await)
            .contains(&"Børneattest er ikke registreret".to_string())
    );
    // Saving again sends nothing new.
    let before = app.outbox().len();
    staff
        .post_form(
            &settings,
            &[
                ("child_certificate", "on"),
                ("supervision_window_months", "6"),
            ],
        )
        .await;
    assert_eq!(app.outbox().len(), before);

    // After the deadline the requirement applies, and the gate says why.
    {
        use brobyg::db::schema::requirement_grace as g;
        let mut conn = app.db.conn().expect("connection");
        diesel::update(g::table.filter(g::user_id.eq(sara.id)))
            .set(g::deadline.eq(today() - Duration::days(1)))
            .execute(&mut conn)
            .expect("deadline moved");
    }
    let refused = me.get("/frivillig/aktiv").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        checklist(&refused.text().await.expect("body")),
        vec!["Børneattest er ikke registreret"]
    );
}
