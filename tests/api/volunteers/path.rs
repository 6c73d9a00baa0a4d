//! The whole path over HTTP: apply, be accepted, enrol in a cohort, have
//! attendance registered (one module made up in another branch), read the
//! material, sign the declaration, become active, with the checklist
//! checked at every step.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::support::{
    assert_stored_readiness_is_live, checklist, date_in, has_happened, is_clear, meetings,
    module_id, module_lines, post, register, status_tag,
};
use crate::helpers::{PASSWORD, location, spawn_app, texts};

const NAME: &str = "Ahmad Rahimi";
const EMAIL: &str = "ahmad@example.dk";

fn declaration_line(version: i32) -> String {
    format!("Tavshedserklæring (version {version}) er ikke underskrevet")
}

#[tokio::test]
async fn an_applicant_becomes_an_active_brobygger_and_the_checklist_tells_the_truth() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k-aarhus@example.dk", &[Role::Coordinator], Some(aarhus));
    let randers_coordinator =
        app.create_user("k-randers@example.dk", &[Role::Coordinator], Some(randers));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let staff_randers = app.browser();
    staff_randers
        .login(&randers_coordinator.email, PASSWORD)
        .await;

    // 1. The application: account, volunteer record and receipt.
    let (me, user) = super::support::apply_and_log_in(&app, NAME, EMAIL, aarhus).await;
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Ansøger");
    let mut expected = vec!["Ansøgningen er ikke godkendt".to_string()];
    expected.extend(module_lines(&(1..=10).collect::<Vec<_>>()));
    expected.push(declaration_line(1));
    assert_eq!(checklist(&html), expected);
    assert!(html.contains("0 af 20 timer"));
    assert_eq!(
        me.get("/frivillig/materiale").await.status(),
        StatusCode::FORBIDDEN,
        "the material is for accepted volunteers"
    );

    // 2. The coordinator sees it, records the conversation and accepts.
    let pipeline = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    assert_eq!(texts(&pipeline, "#application-list a"), vec![NAME]);
    let line = texts(&pipeline, "#application-list li").remove(0);
    assert!(
        line.contains("Sygeplejerske, VIA University College"),
        "what they study: {line}"
    );
    assert!(!line.contains("samtale holdt"), "no intro yet: {line}");
    let application = {
        let doc = scraper::Html::parse_document(&pipeline);
        let a = scraper::Selector::parse("#application-list a").expect("css");
        doc.select(&a)
            .next()
            .and_then(|e| e.value().attr("href"))
            .expect("link")
            .to_string()
    };
    let response = staff
        .post_form(
            &format!("{application}/samtale"),
            &[
                ("intro_on", &date_in(0)),
                ("intro_outcome", "God samtale, klar til kurset."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let pipeline = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    let line = texts(&pipeline, "#application-list li").remove(0);
    assert!(line.contains("samtale holdt"), "the intro is held: {line}");
    super::support::assert_pending_application_counts_are_live(&app);
    let response = staff
        .post_form(&format!("{application}/godkend"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.last_message_to(EMAIL).kind(), "application_accepted");
    super::support::assert_pending_application_counts_are_live(&app);
    assert_stored_readiness_is_live(&app, user.id);
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Godkendt");
    assert_eq!(
        texts(&html, "#application-status")[0].split(" ·").next(),
        Some("Godkendt")
    );
    expected.remove(0);
    assert_eq!(
        checklist(&html),
        expected,
        "the application is no longer missing"
    );

    // 3. Cohorts: Aarhus teaches everything over six meetings; Randers
    // teaches module 5 again later.
    let mut fields: Vec<(String, String)> = vec![
        ("title".into(), "Forberedelseskursus, Aarhus".into()),
        ("location".into(), "Åboulevarden 1".into()),
        ("capacity".into(), "12".into()),
    ];
    let plan: [(i64, &str, &str, &[i32]); 6] = [
        (3, "16:30", "20:30", &[1, 2]),
        (4, "16:30", "20:30", &[3, 4]),
        (5, "17:00", "19:00", &[5]),
        (6, "17:00", "19:00", &[6]),
        (7, "16:30", "20:30", &[7, 8]),
        (8, "16:30", "20:30", &[9, 10]),
    ];
    for (i, (days, start, end, modules)) in plan.iter().enumerate() {
        let n = i + 1;
        fields.push((format!("date-{n}"), date_in(*days)));
        fields.push((format!("start-{n}"), start.to_string()));
        fields.push((format!("end-{n}"), end.to_string()));
        for m in *modules {
            fields.push((format!("modules-{n}"), module_id(*m)));
        }
    }
    let response = post(
        &staff,
        &format!("/koordinator/afdelinger/{aarhus}/hold"),
        &fields,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cohort: i64 = location(&response)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the new cohort's page");
    let randers_fields: Vec<(String, String)> = vec![
        ("title".into(), "Forberedelseskursus, Randers".into()),
        ("location".into(), "Regionshospitalet Randers".into()),
        ("capacity".into(), "".into()),
        ("date-1".into(), date_in(12)),
        ("start-1".into(), "17:00".into()),
        ("end-1".into(), "19:00".into()),
        ("modules-1".into(), module_id(5)),
    ];
    let response = post(
        &staff_randers,
        &format!("/koordinator/afdelinger/{randers}/hold"),
        &randers_fields,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let randers_cohort: i64 = location(&response)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the Randers cohort's page");

    // 4. The volunteer enrols in their branch's cohort and is in training.
    let page = me.get_html(&format!("/forberedelse/hold/{cohort}")).await;
    assert!(
        page.contains("Tavshedspligt og etik"),
        "the page shows the modules"
    );
    let response = me
        .post_form(&format!("/forberedelse/hold/{cohort}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.last_message_to(EMAIL).kind(), "enrolled");
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "I uddannelse");
    assert_eq!(checklist(&html), expected, "enrolling teaches nothing yet");

    // 5. The meetings take place; attendance, meeting by meeting: absent
    // from module 5.
    has_happened(&app, cohort);
    let ids = meetings(&app, cohort);
    for (i, meeting) in ids.iter().enumerate() {
        let status = if i == 2 { "absent" } else { "present" };
        let response = register(&staff, cohort, *meeting, &[(user.id, status, "")]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "meeting {i}");
    }
    let Message::AttendanceMissing { missing, .. } = app.last_message_to(EMAIL) else {
        panic!("the absence is told");
    };
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].title, "Tavshedspligt og etik");
    assert_stored_readiness_is_live(&app, user.id);
    let html = me.get_html("/frivillig").await;
    assert_eq!(
        checklist(&html),
        vec![
            "Mangler 2 timer: modul 5 (Tavshedspligt og etik)".to_string(),
            declaration_line(1)
        ]
    );
    assert!(html.contains("18 af 20 timer"));
    let row = texts(&html, &format!("#module-{}", module_id(5)))[0].clone();
    assert!(
        row.contains("Forberedelseskursus, Randers (Randers)"),
        "where module 5 is taught next: {row}"
    );

    // 6. The make-up in Randers, registered by Randers' coordinator.
    let response = me
        .post_form(
            &format!("/forberedelse/hold/{randers_cohort}/indhent"),
            &[("module", &module_id(5))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    has_happened(&app, randers_cohort);
    let randers_meeting = meetings(&app, randers_cohort)[0];
    let response = register(
        &staff,
        randers_cohort,
        randers_meeting,
        &[(user.id, "present", "")],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "Aarhus does not register Randers' attendance"
    );
    let response = register(
        &staff_randers,
        randers_cohort,
        randers_meeting,
        &[(user.id, "present", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = me.get_html("/frivillig").await;
    assert_eq!(checklist(&html), vec![declaration_line(1)]);
    assert!(html.contains("20 af 20 timer"));
    assert_stored_readiness_is_live(&app, user.id);

    // 7. The material, read in the site.
    let index = me.get_html("/frivillig/materiale").await;
    assert_eq!(texts(&index, ".module-list li a").len(), 10);
    let module = me
        .get_html(&format!("/frivillig/materiale/{}", module_id(5)))
        .await;
    assert!(module.contains("Modul 5: Tavshedspligt og etik"));
    assert!(module.contains("<h2>Refleksionsspørgsmål</h2>"));

    // 8. Activation is refused while something is missing, and says why.
    let volunteer_page = format!("/koordinator/brobyggere/{}", user.id);
    let response = staff
        .post_form(&format!("{volunteer_page}/aktiver"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let refused = response.text().await.expect("body");
    assert!(refused.contains("Brobyggeren kan ikke aktiveres endnu"));
    assert_eq!(checklist(&refused), vec![declaration_line(1)]);
    assert_eq!(status_tag(&me.get_html("/frivillig").await), "I uddannelse");

    // 9. The declaration: a wrong name is refused, then signed.
    let response = me
        .post_form(
            "/frivillig/tavshedserklaering",
            &[("name", "A. Rahimi"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        crate::helpers::input_value(&html, "name").as_deref(),
        Some("A. Rahimi")
    );
    assert!(texts(&html, "#f-name-error")[0].starts_with("Skriv dit fulde navn"));
    assert_eq!(
        checklist(&me.get_html("/frivillig").await),
        vec![declaration_line(1)],
        "nothing was signed"
    );
    assert_stored_readiness_is_live(&app, user.id);
    let response = me
        .post_form(
            "/frivillig/tavshedserklaering",
            &[("name", NAME), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = me.get_html("/frivillig").await;
    assert!(is_clear(&html), "every requirement is met");
    assert_eq!(
        status_tag(&html),
        "I uddannelse",
        "this branch lets a coordinator confirm"
    );
    assert_eq!(
        me.get("/frivillig/aktiv").await.status(),
        StatusCode::FORBIDDEN,
        "not active before the coordinator confirms"
    );
    let pipeline = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    assert_eq!(texts(&pipeline, "#ready-list a"), vec![NAME]);
    assert_stored_readiness_is_live(&app, user.id);

    // 10. Active.
    let response = staff
        .post_form(&format!("{volunteer_page}/aktiver"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.last_message_to(EMAIL).kind(), "volunteer_activated");
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Aktiv");
    assert!(is_clear(&html));
    let history: Vec<String> = texts(&html, ".history li strong");
    assert_eq!(
        history,
        vec!["Aktiv", "I uddannelse", "Godkendt", "Ansøger"],
        "every change is in the history, newest first"
    );
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);
    let roster = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/aktive"))
        .await;
    assert!(roster.contains(NAME));
    let coordinator_view = staff.get_html(&volunteer_page).await;
    assert!(
        is_clear(&coordinator_view),
        "the same checklist for the coordinator"
    );
    let graduates = staff
        .get_html(&format!("/koordinator/forberedelse/{cohort}"))
        .await;
    assert_eq!(
        texts(&graduates, "#graduates a"),
        vec![NAME],
        "became active in this cohort, not the make-up"
    );
    let kinds: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == EMAIL)
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            "application_received",
            "application_accepted",
            "enrolled",
            "attendance_missing",
            "enrolled",
            "volunteer_activated"
        ]
    );
}
