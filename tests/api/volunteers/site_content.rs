//! Content edited in the site: administrators publish a new version of the
//! confidentiality declaration (which reaches exactly the volunteers who
//! must sign it, with a deadline, while what anyone signed stays readable
//! as signed) and edit the preparation course's modules with a preview.

use brobyg::domain::Lang;
use brobyg::domain::Role;
use brobyg::domain::volunteer::VolunteerStatus;
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;

use super::support::{checklist, date_in};
use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, spawn_app, texts};
use crate::mail_support::app_and_smtp;
use crate::smtp::parse;

fn today() -> NaiveDate {
    brobyg::domain::time::local(brobyg::db::now()).date_naive()
}

fn short_date(date: NaiveDate) -> String {
    brobyg::i18n::format::short_date(Lang::Da, date.and_hms_opt(12, 0, 0).expect("noon"))
}

async fn log_in(app: &TestApp, user: &TestUser) -> Browser {
    let b = app.browser();
    b.login(&user.email, PASSWORD).await;
    b
}

fn kinds_to(app: &TestApp, email: &str, kind: &str) -> usize {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email && r.kind == kind)
        .count()
}

fn versions(app: &TestApp) -> i64 {
    use brobyg::db::schema::declaration_versions as d;
    let mut conn = app.db.conn().expect("connection");
    d::table.count().get_result(&mut conn).expect("count")
}

const NEW_BODY: &str = "Som brobygger lover jeg **fortrolighed** om alt, jeg hører.\n\n\
### 1. Beskeder\n\nBeskeder på telefonen slettes efter brug.\n\n<script>alert(1)</script>";

#[tokio::test]
async fn a_published_declaration_reaches_exactly_those_who_must_sign_with_the_deadline() {
    let (app, smtp) = app_and_smtp().await;
    let branch = app.create_branch("Aarhus");
    let other = app.create_branch("Odense");
    let (admin, _) = app.signed_in(Role::Admin).await;
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let emil = app.qualified_volunteer("emil@example.dk", other);
    let kursist = &app.many_volunteers(branch, VolunteerStatus::InTraining, "kursist", 1)[0];
    let pause = &app.many_volunteers(branch, VolunteerStatus::Paused, "pause", 1)[0];
    let applicant = &app.many_volunteers(branch, VolunteerStatus::Applicant, "ansoeger", 1)[0];
    let alumne = &app.many_volunteers(branch, VolunteerStatus::Alumni, "alumne", 1)[0];
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let odense_coordinator = app.create_user("o@example.dk", &[Role::Coordinator], Some(other));

    // The page no longer sends anyone to a folder.
    let page = admin.get_html("/admin/tavshedserklaering").await;
    assert!(!page.contains("course-material"), "no folder hint");
    assert!(page.contains("Skriv version 3"));

    // A preview shows the text as volunteers will read it, keeps the
    // input and saves nothing.
    let deadline = today() + Duration::days(20);
    let deadline_field = deadline.format("%Y-%m-%d").to_string();
    let fields = |action: &'static str| {
        vec![
            ("title", "Tavshedserklæring 2027"),
            ("body", NEW_BODY),
            ("require", "on"),
            ("deadline", deadline_field.as_str()),
            ("action", action),
        ]
    };
    let before = app.outbox().len();
    let response = admin
        .post_form("/admin/tavshedserklaering/ny", &fields("preview"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    let preview = texts(&html, "#preview article strong");
    assert_eq!(preview, vec!["fortrolighed"]);
    assert!(!html.contains("<script>alert"), "raw HTML is cleaned away");
    assert_eq!(
        crate::helpers::input_value(&html, "title").as_deref(),
        Some("Tavshedserklæring 2027")
    );
    assert!(texts(&html, "textarea#f-body")[0].contains("Beskeder på telefonen"));
    assert_eq!(versions(&app), 2, "a preview saves nothing");
    assert_eq!(app.outbox().len(), before);

    // A past deadline is refused with the input kept.
    let past = (today() - Duration::days(1)).format("%Y-%m-%d").to_string();
    let response = admin
        .post_form(
            "/admin/tavshedserklaering/ny",
            &[
                ("title", "Tavshedserklæring 2027"),
                ("body", NEW_BODY),
                ("require", "on"),
                ("deadline", &past),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("Fristen skal ligge efter i dag"));
    assert!(texts(&html, "textarea#f-body")[0].contains("Beskeder på telefonen"));
    assert_eq!(versions(&app), 2);

    // Coordinators may not publish.
    let staff = log_in(&app, &coordinator).await;
    assert_eq!(
        staff
            .post_form("/admin/tavshedserklaering/ny", &fields("publish"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Published and required at once.
    let response = admin
        .post_form("/admin/tavshedserklaering/ny", &fields("publish"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(versions(&app), 3);
    let page = admin.get_html("/admin/tavshedserklaering").await;
    assert!(page.contains("Alle skal have underskrevet version 3."));

    // The mail worker sends each volunteer who must sign exactly one email
    // with the deadline; nobody else gets one.
    let pass = app.deliver_at(&app.mailer(), brobyg::db::now()).await;
    assert!(pass.sent >= 4, "{pass:?}");
    let must_sign = [&sara, &emil, kursist, pause];
    for who in must_sign {
        let mails = smtp.to(&who.email);
        let to_sign: Vec<_> = mails
            .iter()
            .map(|m| parse(&m.data))
            .filter(|m| m.subject.contains("underskriv version 3"))
            .collect();
        assert_eq!(to_sign.len(), 1, "{}", who.email);
        assert!(
            to_sign[0].text.contains(&short_date(deadline)),
            "{}",
            to_sign[0].text
        );
        assert!(to_sign[0].text.contains("/frivillig/tavshedserklaering"));
        assert_eq!(kinds_to(&app, &who.email, "declaration_to_sign"), 1);
    }
    for who in [applicant, alumne, &coordinator, &odense_coordinator] {
        assert_eq!(
            kinds_to(&app, &who.email, "declaration_to_sign"),
            0,
            "{}",
            who.email
        );
    }

    // Sara stays active until the deadline, and sees it.
    let me = log_in(&app, &sara).await;
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);
    let dashboard = me.get_html("/frivillig").await;
    assert_eq!(
        texts(&dashboard, ".checklist-grace li"),
        vec![format!(
            "Mangler at underskrive den nye tavshedserklæring – frist {}",
            short_date(deadline)
        )]
    );

    // The version she signed is still shown exactly as she signed it.
    let v1 = brobyg::content::preparation::load().expect("material");
    let v1 = v1.declaration(1).expect("version 1");
    let form = me.get_html("/frivillig/tavshedserklaering").await;
    assert!(form.contains("Tavshedserklæring 2027") && form.contains("Version 3"));
    let signed_v1 = me.get_html("/frivillig/tavshedserklaering/1").await;
    assert!(signed_v1.contains(&v1.html), "version 1's exact text");
    assert!(!signed_v1.contains("Beskeder på telefonen slettes"));
    assert_eq!(
        me.get("/frivillig/tavshedserklaering/3").await.status(),
        StatusCode::NOT_FOUND,
        "not signed yet"
    );
    me.post_form(
        "/frivillig/tavshedserklaering",
        &[("name", "Test sara@example.dk"), ("confirm", "yes")],
    )
    .await;
    let signed_v3 = me.get_html("/frivillig/tavshedserklaering/3").await;
    assert!(signed_v3.contains("Beskeder på telefonen slettes"));
    assert!(
        me.get_html("/frivillig/tavshedserklaering/1")
            .await
            .contains(&v1.html)
    );
    assert!(texts(&me.get_html("/frivillig").await, ".checklist-grace li").is_empty());

    // Her coordinators read the same; another branch's may not.
    let theirs = format!("/koordinator/brobyggere/{}/tavshedserklaering/1", sara.id);
    assert!(staff.get_html(&theirs).await.contains(&v1.html));
    let odense = log_in(&app, &odense_coordinator).await;
    assert_eq!(odense.get(&theirs).await.status(), StatusCode::FORBIDDEN);

    // After the deadline the new version applies to Emil as to anyone.
    {
        use brobyg::db::schema::requirement_grace as g;
        let mut conn = app.db.conn().expect("connection");
        diesel::update(g::table.filter(g::user_id.eq(emil.id)))
            .set(g::deadline.eq(today() - Duration::days(1)))
            .execute(&mut conn)
            .expect("deadline moved");
    }
    let emil_browser = log_in(&app, &emil).await;
    let refused = emil_browser.get("/frivillig/aktiv").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        checklist(&refused.text().await.expect("body")),
        vec!["Tavshedserklæring (version 3) er ikke underskrevet"]
    );
}

#[tokio::test]
async fn requiring_a_published_version_later_skips_those_who_signed_it() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let (admin, _) = app.signed_in(Role::Admin).await;
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let tom = app.qualified_volunteer("tom@example.dk", branch);

    // Published without requiring it: nobody is asked.
    let response = admin
        .post_form(
            "/admin/tavshedserklaering/ny",
            &[
                ("title", "Version tre"),
                ("body", NEW_BODY),
                ("deadline", &date_in(30)),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(kinds_to(&app, &sara.email, "declaration_to_sign"), 0);
    {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::declarations::sign(&mut conn, tom.id, 3, "Test tom@example.dk")
            .expect("signed");
    }

    // Requiring it asks for a deadline; one that is missing is refused.
    let response = admin
        .post_form("/admin/tavshedserklaering", &[("version", "3")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = admin
        .post_form(
            "/admin/tavshedserklaering",
            &[("version", "3"), ("deadline", &date_in(10))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(kinds_to(&app, &sara.email, "declaration_to_sign"), 1);
    assert_eq!(
        kinds_to(&app, &tom.email, "declaration_to_sign"),
        0,
        "already signed"
    );
    // Requiring the same version again is refused and sends nothing.
    let response = admin
        .post_form(
            "/admin/tavshedserklaering",
            &[("version", "3"), ("deadline", &date_in(10))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(kinds_to(&app, &sara.email, "declaration_to_sign"), 1);
}

#[tokio::test]
async fn administrators_edit_a_module_with_a_preview_and_validation() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let (admin, _) = app.signed_in(Role::Admin).await;
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let material = brobyg::content::preparation::load().expect("material");
    let first = &material.modules()[0];
    let path = format!("/admin/forberedelseskursus/{}", first.module.id);

    let list = admin.get_html("/admin/forberedelseskursus").await;
    assert_eq!(
        texts(&list, "#modules tbody tr").len(),
        material.modules().len()
    );
    let form = admin.get_html(&path).await;
    assert_eq!(
        crate::helpers::input_value(&form, "hours").as_deref(),
        Some("2")
    );
    assert!(!texts(&form, "#hours-explained").is_empty(), "explained");

    // Non-administrators are refused.
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    assert_eq!(staff.get(&path).await.status(), StatusCode::FORBIDDEN);
    let new_body = first
        .markdown
        .replace("## Formål", "## Formål\n\nEt **nyt** afsnit.");
    assert_eq!(
        staff
            .post_form(
                &path,
                &[
                    ("title", "Ny titel"),
                    ("hours", "2"),
                    ("body", &new_body),
                    ("action", "save"),
                ],
            )
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // A preview renders the text under the form and saves nothing.
    let response = admin
        .post_form(
            &path,
            &[
                ("title", "Ny titel"),
                ("hours", "2,5"),
                ("body", &new_body),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains("Et <strong>nyt</strong> afsnit."));
    assert_eq!(
        crate::helpers::input_value(&html, "hours").as_deref(),
        Some("2,5")
    );
    let reader = log_in(&app, &sara).await;
    let read = reader
        .get_html(&format!("/frivillig/materiale/{}", first.module.id))
        .await;
    assert!(!read.contains("Et <strong>nyt</strong> afsnit."));

    // Mistakes keep the input and say what is wrong.
    for (hours, body, message) in [
        ("2,1", new_body.as_str(), "kvarte timer"),
        ("11", new_body.as_str(), "kvarte timer"),
        ("2", "Kun en linje", "skal have afsnittene"),
    ] {
        let response = admin
            .post_form(
                &path,
                &[
                    ("title", "Ny titel"),
                    ("hours", hours),
                    ("body", body),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{hours}"
        );
        let html = response.text().await.expect("body");
        assert!(html.contains(message), "{hours}: {message}");
        assert_eq!(
            crate::helpers::input_value(&html, "title").as_deref(),
            Some("Ny titel")
        );
    }

    // Saved: the volunteers read the new title, hours and text.
    let before = app.audit_count();
    let response = admin
        .post_form(
            &path,
            &[
                ("title", "Ny titel"),
                ("hours", "2,5"),
                ("body", &new_body),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count(), before + 1);
    let read = reader
        .get_html(&format!("/frivillig/materiale/{}", first.module.id))
        .await;
    assert!(read.contains("Et <strong>nyt</strong> afsnit."));
    assert!(read.contains("Ny titel"));
    let index = reader.get_html("/frivillig/materiale").await;
    assert!(index.contains("Ny titel"));
    assert!(index.contains("2,5 timer"), "{index}");
    // Sara attended every meeting: she has still completed the course.
    assert_eq!(
        reader.get("/frivillig/aktiv").await.status(),
        StatusCode::OK
    );
    // An unknown module is not found.
    assert_eq!(
        admin
            .get("/admin/forberedelseskursus/findes-ikke")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
