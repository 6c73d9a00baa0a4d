//! The secretariat manages regions, branches and users.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, input_value, location, path_of, spawn_app, texts};

#[tokio::test]
async fn regions_and_branches_are_created_and_validated() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;

    let response = admin.post_form("/admin/regioner", &[("name", "  ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&response.text().await.expect("body"), "#f-name-error"),
        vec!["Udfyld feltet."]
    );

    let response = admin
        .post_form("/admin/regioner", &[("name", "Sjælland")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = admin
        .post_form("/admin/regioner", &[("name", "sjælland")])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "names are unique"
    );
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "name").as_deref(), Some("sjælland"));

    let regions = admin.get_html("/admin/regioner").await;
    let region_id = regions
        .split("/admin/regioner/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("an edit link")
        .to_string();

    let response = admin
        .post_form(
            "/admin/afdelinger/ny",
            &[
                ("name", "Holbæk"),
                ("region_id", &region_id),
                ("email", "ikke-en-mail"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "name").as_deref(), Some("Holbæk"));
    assert_eq!(texts(&html, "#f-email-error").len(), 1);

    let response = admin
        .post_form(
            "/admin/afdelinger/ny",
            &[
                ("name", "Holbæk"),
                ("region_id", &region_id),
                ("email", "holbaek@brobyg.test"),
                ("is_head_office", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let list = admin.get_html("/admin/afdelinger").await;
    assert!(list.contains("Holbæk"));
    assert!(list.contains("Sjælland"));
}

#[tokio::test]
async fn an_invited_coordinator_chooses_a_password_and_sees_their_branch() {
    let app = spawn_app().await;
    let branch = app.create_branch("Roskilde");
    let (admin, _) = app.signed_in(Role::Admin).await;

    let response = admin
        .post_form(
            "/admin/brugere/inviter",
            &[("name", "Ny Koordinator"), ("email", "ny@example.dk")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a branch is required"
    );
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-branches-error"),
        vec!["Vælg mindst én afdeling."]
    );
    assert_eq!(
        input_value(&html, "email").as_deref(),
        Some("ny@example.dk")
    );

    let branch_id = branch.to_string();
    let response = admin
        .post_form(
            "/admin/brugere/inviter",
            &[
                ("name", "Ny Koordinator"),
                ("email", "ny@example.dk"),
                ("branches", &branch_id),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let Message::Invitation { link, branches } = app.last_message_to("ny@example.dk") else {
        panic!("expected an invitation");
    };
    assert_eq!(branches, vec!["Roskilde"]);
    let coordinator = app.browser();
    let path = path_of(&link);
    let html = coordinator.get_html(&path).await;
    assert!(html.contains("Velkommen til Brobyg"));
    let response = coordinator
        .post_form(
            &path,
            &[
                ("password", "koordinatorens-kodeord"),
                ("password_confirm", "koordinatorens-kodeord"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = coordinator.get_html("/koordinator").await;
    assert!(html.contains("Roskilde"));
}

#[tokio::test]
async fn an_administrator_assigns_branches_and_the_user_is_told() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let user = app.create_user("medarbejder@example.dk", &[], None);
    let (admin, _) = app.signed_in(Role::Admin).await;
    let (a, r) = (aarhus.to_string(), randers.to_string());
    let response = admin
        .post_form(
            &format!("/admin/brugere/{}/roller", user.id),
            &[("branches", &a), ("branches", &r)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let Message::CoordinatorAssigned { branches, .. } = app.last_message_to(&user.email) else {
        panic!("expected a notice");
    };
    assert_eq!(branches, vec!["Aarhus", "Randers"]);
    let browser = app.browser();
    browser.login(&user.email, PASSWORD).await;
    assert_eq!(
        browser
            .get(&format!("/koordinator/afdelinger/{randers}"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_deactivated_account_is_logged_out_at_once_and_cannot_log_in() {
    let app = spawn_app().await;
    let (admin, admin_user) = app.signed_in(Role::Admin).await;
    let (victim, user) = app.signed_in(Role::Professional).await;
    assert_eq!(victim.get("/konto").await.status(), StatusCode::OK);

    let response = admin
        .post_form(
            &format!("/admin/brugere/{}/status", user.id),
            &[("active", "0")],
        )
        .await;
    assert_eq!(location(&response), format!("/admin/brugere/{}", user.id));
    assert_eq!(victim.get("/konto").await.status(), StatusCode::SEE_OTHER);
    let response = app.browser().login(&user.email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.expect("body").contains("deaktiveret"));

    // The administrator cannot lock themselves out.
    admin
        .post_refused(
            &format!("/admin/brugere/{}/status", admin_user.id),
            &[("active", "0")],
        )
        .await;
    assert_eq!(admin.get("/admin").await.status(), StatusCode::OK);

    admin
        .post_form(
            &format!("/admin/brugere/{}/status", user.id),
            &[("active", "1")],
        )
        .await;
    assert_eq!(
        app.browser().login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn users_are_found_by_name_or_email() {
    let app = spawn_app().await;
    app.create_user("soeren.kierkegaard@example.dk", &[Role::Professional], None);
    app.create_user("karen.blixen@example.dk", &[Role::Professional], None);
    let (admin, _) = app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin/brugere?q=blixen").await;
    assert!(html.contains("karen.blixen@example.dk"));
    assert!(!html.contains("soeren.kierkegaard@example.dk"));
}

#[tokio::test]
async fn administrators_can_read_every_queued_email() {
    let app = spawn_app().await;
    app.browser()
        .post_form(
            "/konto/opret",
            &[
                ("name", "Læser Af Post"),
                ("email", "post@example.dk"),
                ("password", "et-langt-kodeord"),
                ("password_confirm", "et-langt-kodeord"),
            ],
        )
        .await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let list = admin.get_html("/admin/beskeder").await;
    assert!(list.contains("post@example.dk"));
    let id = app.outbox()[0].id;
    let html = admin.get_html(&format!("/admin/beskeder/{id}")).await;
    assert_eq!(texts(&html, "h1"), vec!["Bekræft din e-mailadresse"]);
    assert!(html.contains("Kære Læser Af Post"));
    assert!(
        html.contains("konto&#x2F;bekraeft&#x2F;"),
        "the link is shown"
    );
}

#[test]
fn every_kind_of_message_has_a_name_in_both_languages() {
    use brobyg::domain::{Code, Lang};
    let samples = brobyg::domain::events::samples();
    assert!(samples.len() > 40, "one sample of every kind");
    for message in &samples {
        for lang in Lang::ALL {
            let key = format!("message-kind-{}", message.kind());
            assert!(brobyg::i18n::exists(*lang, &key), "{key} in {lang:?}");
        }
    }
}

#[tokio::test]
async fn the_outbox_pages_by_fifty_with_subjects_recipients_and_named_kinds() {
    use brobyg::db::outbox;
    use brobyg::db::schema::outbox as outbox_table;
    use brobyg::domain::Lang;
    use brobyg::domain::events::{Recipient, samples};
    use diesel::prelude::*;

    let app = spawn_app().await;
    let kinds = samples();
    {
        let mut conn = app.db.conn().expect("connection");
        for i in 0..120 {
            let to = Recipient {
                user_id: None,
                email: format!("modtager{i}@example.dk"),
                name: format!("Modtager {i}"),
                language: Lang::Da,
            };
            outbox::enqueue(&mut conn, &to, &kinds[i % kinds.len()]).expect("enqueue");
        }
        // The oldest five failed for good.
        let oldest: Vec<i64> = outbox_table::table
            .order(outbox_table::id)
            .limit(5)
            .select(outbox_table::id)
            .load(&mut *conn)
            .expect("ids");
        diesel::update(outbox_table::table.filter(outbox_table::id.eq_any(&oldest)))
            .set((
                outbox_table::status.eq("failed"),
                outbox_table::last_error.eq("550 Mailbox unavailable"),
            ))
            .execute(&mut *conn)
            .expect("fail");
    }
    let (admin, _) = app.signed_in(Role::Admin).await;

    let first = admin.get_html("/admin/beskeder").await;
    assert!(!first.contains("message-kind-"), "no raw keys");
    assert_eq!(texts(&first, "tbody tr").len(), 50);
    assert_eq!(
        texts(&first, "thead th"),
        vec!["Emne", "Til", "Slags", "Status", "Oprettet", "Seneste fejl"]
    );
    // Newest first: the last one queued, with its subject and recipient.
    let subjects = texts(&first, "td.message-subject");
    assert_eq!(subjects.len(), 50);
    assert!(
        subjects
            .iter()
            .all(|s| !s.is_empty() && !s.starts_with("email-"))
    );
    assert!(texts(&first, "td.message-recipient")[0].contains("modtager119@example.dk"));
    assert_eq!(
        texts(&first, ".pager [aria-current=page]"),
        vec!["1–50 af 120"]
    );

    let last = admin.get_html("/admin/beskeder?side=3").await;
    assert_eq!(texts(&last, "tbody tr").len(), 20);
    assert!(texts(&last, "td.message-recipient")[19].contains("modtager0@example.dk"));

    let failed = admin.get_html("/admin/beskeder?status=failed").await;
    assert_eq!(texts(&failed, "tbody tr").len(), 5);
    assert!(texts(&failed, ".filters [aria-current=page]")[0].starts_with("Fejlet (5)"));
    assert_eq!(texts(&failed, ".pager").len(), 0, "one page: no pager");
    let pending = admin
        .get_html("/admin/beskeder?status=pending&side=3")
        .await;
    assert_eq!(texts(&pending, "tbody tr").len(), 15);
    assert_eq!(
        crate::helpers::attr(&pending, ".pager a[rel=prev]", "href"),
        "/admin/beskeder?status=pending&side=2",
        "the pager keeps the filter"
    );
}
