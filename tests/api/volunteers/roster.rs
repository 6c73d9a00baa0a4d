//! What activation unlocks for coordinators: the branch's roster of active
//! brobyggere as a page and a CSV file, and the branch's settings; and who
//! is refused on every brobygger route.

use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::volunteer::VolunteerStatus;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, attr, spawn_app, texts};

#[tokio::test]
async fn the_roster_lists_active_brobyggere_for_the_branchs_coordinators_only() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.qualified_volunteer("søren@example.dk", aarhus);
    app.qualified_volunteer("odense@example.dk", odense);
    super::support::accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;

    let page = format!("/koordinator/afdelinger/{aarhus}/aktive");
    let html = staff.get_html(&page).await;
    let names = texts(&html, "#roster tbody td a");
    assert_eq!(
        names,
        vec!["Test søren@example.dk"],
        "only active, only Aarhus"
    );
    let response = staff.get(&format!("{page}.csv")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.expect("body");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Navn;E-mail;Telefon;Uddannelse;Uddannelsessted;Aktiv siden;Tavshedserklæring (version)"
    );
    assert!(lines[1].starts_with(
        "Test søren@example.dk;søren@example.dk;20 30 40 50;Medicin;Aarhus Universitet;"
    ));
    assert!(lines[1].ends_with(";1"));
    assert_eq!(lines.len(), 3, "one row and the final line end");

    let (other, _) = app.signed_in(Role::Coordinator).await;
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    let (professional, _) = app.signed_in(Role::Professional).await;
    for browser in [&other, &volunteer, &professional] {
        for path in [page.clone(), format!("{page}.csv")] {
            assert_eq!(
                browser.get(&path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    assert_eq!(
        staff
            .get(&format!("/koordinator/afdelinger/{odense}/aktive.csv"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (admin, _) = app.signed_in(Role::Admin).await;
    assert!(
        admin
            .get_html(&format!("/koordinator/afdelinger/{odense}/aktive"))
            .await
            .contains("odense@example.dk")
    );
}

#[tokio::test]
async fn every_brobygger_route_refuses_the_wrong_people() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let anna = super::support::accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let (other, _) = app.signed_in(Role::Coordinator).await;
    let (volunteer, other_volunteer) = app.signed_in(Role::Volunteer).await;
    let (professional, _) = app.signed_in(Role::Professional).await;
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;

    // Coordinator pages of Aarhus: its coordinators only.
    let coordinator_pages = [
        format!("/koordinator/afdelinger/{aarhus}/brobyggere"),
        format!("/koordinator/afdelinger/{aarhus}/indstillinger"),
        format!("/koordinator/afdelinger/{aarhus}/hold"),
        format!("/koordinator/brobyggere/{}", anna.id),
    ];
    for path in &coordinator_pages {
        assert_eq!(staff.get(path).await.status(), StatusCode::OK, "{path}");
        for browser in [&other, &volunteer, &professional, &me] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    for action in ["aktiver", "pause", "tilbage", "alumne", "boerneattest"] {
        let path = format!("/koordinator/brobyggere/{}/{action}", anna.id);
        for browser in [&other, &me] {
            let response = browser
                .post_form(
                    &path,
                    &[("until", "2030-01-01"), ("checked_on", "2026-01-01")],
                )
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
        }
    }
    let response = other
        .post_form(
            &format!("/koordinator/afdelinger/{aarhus}/indstillinger"),
            &[("auto_activate", "on")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        !staff
            .get_html(&format!("/koordinator/afdelinger/{aarhus}/indstillinger"))
            .await
            .contains("checked"),
        "nothing changed"
    );
    let mut conn = app.db.conn().expect("connection");
    let status = brobyg::db::volunteers::find(&mut conn, anna.id)
        .expect("query")
        .expect("volunteer")
        .status;
    assert_eq!(status.as_str(), "approved", "untouched");

    // A volunteer's own pages: volunteers only; each sees their own.
    for path in [
        "/frivillig",
        "/frivillig/tavshedserklaering",
        "/frivillig/aktiv",
    ] {
        for browser in [&staff, &professional] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    assert_eq!(
        professional.get("/frivillig/materiale").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.get("/frivillig/materiale").await.status(),
        StatusCode::OK,
        "staff teach it"
    );
    let own = me.get_html("/frivillig").await;
    assert!(!own.contains(&other_volunteer.email));
    for path in [
        "/admin/tavshedserklaering",
        "/admin/forberedelseskursus",
        "/admin/forberedelseskursus/rolle",
    ] {
        for browser in [&staff, &me, &professional] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    let anonymous = app.browser();
    for path in [
        "/frivillig",
        "/frivillig/materiale",
        "/koordinator/brobyggere/1",
    ] {
        assert_eq!(
            anonymous.get(path).await.status(),
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
    assert_eq!(
        anonymous.get("/bliv-brobygger").await.status(),
        StatusCode::OK
    );
}

/// A large branch's list of volunteers: a page at a time, by name, with the
/// count in each status as filters and a search by name or email.
#[tokio::test]
async fn the_branch_list_is_paged_filtered_and_searchable() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.many_volunteers(aarhus, VolunteerStatus::Active, "aktiv", 53);
    app.many_volunteers(aarhus, VolunteerStatus::Paused, "pause", 2);
    app.many_volunteers(odense, VolunteerStatus::Active, "odense", 1);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let list = format!("/koordinator/afdelinger/{aarhus}");
    let names = |html: &str| texts(html, "#roster tbody td:first-child a");

    let first = staff.get_html(&list).await;
    let shown = names(&first);
    assert_eq!(shown.len(), 50, "one page");
    assert_eq!(shown[0], "Test aktiv01@example.dk", "by name");
    assert!(
        first.contains("1–50 af 55"),
        "where the page is in the whole"
    );
    assert_eq!(
        texts(&first, "#status-filter a"),
        vec!["Alle (55)", "Aktiv (53)", "Pause (2)"],
        "the count in each status, only Aarhus"
    );
    let next = attr(&first, ".pager a[rel=next]", "href");
    let second = staff.get_html(&next).await;
    assert_eq!(
        names(&second),
        vec![
            "Test aktiv51@example.dk",
            "Test aktiv52@example.dk",
            "Test aktiv53@example.dk",
            "Test pause01@example.dk",
            "Test pause02@example.dk",
        ]
    );
    assert!(second.contains("51–55 af 55"));
    // A page past the end shows the last one.
    assert_eq!(
        names(&staff.get_html(&format!("{list}?side=9")).await).len(),
        5
    );

    let paused = attr(&first, "#status-filter a[data-status=paused]", "href");
    let paused = staff.get_html(&paused).await;
    assert_eq!(
        names(&paused),
        vec!["Test pause01@example.dk", "Test pause02@example.dk"]
    );
    assert!(
        !paused.contains("class=\"pager\""),
        "one page needs no pager"
    );

    // Part of a name or an email, any case, kept in the field; the status
    // filter stays as it was.
    let found = staff
        .get_html(&format!("{list}?status=active&q=AKTIV0%25"))
        .await;
    assert!(names(&found).is_empty(), "% is a character, not a wildcard");
    let found = staff
        .get_html(&format!("{list}?status=active&q=AKTIV1"))
        .await;
    assert_eq!(names(&found).len(), 10, "aktiv10 … aktiv19");
    assert!(found.contains("value=\"AKTIV1\""));
    let none = staff.get_html(&format!("{list}?q=nobody")).await;
    assert!(none.contains("Ingen brobyggere passer til søgningen."));

    // Another branch's coordinator is refused, whatever the filters.
    let other = app.create_user("o@example.dk", &[Role::Coordinator], Some(odense));
    let outsider = app.browser();
    outsider.login(&other.email, PASSWORD).await;
    let refused = outsider.get(&format!("{list}?status=active&side=2")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

/// The list's order follows a name changed afterwards (the branch keeps a
/// copy of each name for its lists, kept equal by the database).
#[tokio::test]
async fn a_new_name_moves_a_volunteer_in_the_branch_list() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let people = app.many_volunteers(aarhus, VolunteerStatus::Active, "aktiv", 3);
    let me = app.browser();
    me.login(&people[0].email, PASSWORD).await;
    let response = me
        .post_form(
            "/konto/oplysninger",
            &[
                ("name", "Zenia Østergaard"),
                ("phone", ""),
                ("language", "da"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let names = |html: &str| texts(html, "#roster tbody td:first-child a");
    for list in [
        format!("/koordinator/afdelinger/{aarhus}"),
        format!("/koordinator/afdelinger/{aarhus}?status=active"),
    ] {
        assert_eq!(
            names(&staff.get_html(&list).await),
            vec![
                "Test aktiv02@example.dk",
                "Test aktiv03@example.dk",
                "Zenia Østergaard"
            ],
            "{list}"
        );
    }
}

/// The roster page shows fifty at a time; its CSV file has everyone.
#[tokio::test]
async fn the_roster_page_is_paged_and_its_csv_is_whole() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.many_volunteers(aarhus, VolunteerStatus::Active, "aktiv", 52);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let page = format!("/koordinator/afdelinger/{aarhus}/aktive");
    let names = |html: &str| texts(html, "#roster tbody td:first-child a");

    let first = staff.get_html(&page).await;
    assert_eq!(names(&first).len(), 50);
    assert!(first.contains("1–50 af 52"));
    let second = staff
        .get_html(&attr(&first, ".pager a[rel=next]", "href"))
        .await;
    assert_eq!(
        names(&second),
        vec!["Test aktiv51@example.dk", "Test aktiv52@example.dk"]
    );
    let csv = staff
        .get(&format!("{page}.csv"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        csv.trim_end().split("\r\n").count(),
        53,
        "header and 52 rows"
    );
}

/// The pipeline lists the first fifty in training, and of those on a
/// break, with the totals, and links to the branch's full list for each
/// status.
#[tokio::test]
async fn the_pipeline_shows_the_first_fifty_in_training() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.many_volunteers(aarhus, VolunteerStatus::InTraining, "kursist", 55);
    app.many_volunteers(aarhus, VolunteerStatus::Alumni, "tidligere", 3);
    app.many_volunteers(aarhus, VolunteerStatus::Paused, "pause", 52);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;

    let html = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    // The paused too: a page of them, the count of all, and the way to
    // the rest.
    let paused = texts(&html, "section[aria-labelledby=paused] li a");
    assert_eq!(paused.len(), 50);
    assert_eq!(
        paused.first().map(String::as_str),
        Some("Test pause01@example.dk")
    );
    assert_eq!(
        paused.last().map(String::as_str),
        Some("Test pause50@example.dk"),
        "the first fifty by name, chosen before the names are joined"
    );
    assert_eq!(texts(&html, "#paused"), vec!["På pause (52)"]);
    assert!(html.contains("Viser de første 50 af 52."));
    assert_eq!(
        attr(&html, "section[aria-labelledby=paused] .hint a", "href"),
        format!("/koordinator/afdelinger/{aarhus}?status=paused")
    );
    let training = texts(
        &html,
        "section[aria-labelledby=training] tbody td:first-child a",
    );
    assert_eq!(training.len(), 50);
    assert!(html.contains("Viser de første 50 af 55."));
    let all = attr(&html, "section[aria-labelledby=training] .hint a", "href");
    assert_eq!(
        all,
        format!("/koordinator/afdelinger/{aarhus}?status=in_training")
    );
    let listed = staff.get_html(&all).await;
    assert!(listed.contains("1–50 af 55"), "the branch list, filtered");
    assert_eq!(texts(&html, "#alumni"), vec!["Alumner (3)"]);
}

/// Those ready to activate are listed by name whichever of the two
/// statuses they are in, the first fifty of them, with how many there are;
/// a ready volunteer's readiness can run out (`ready_until`).
#[tokio::test]
async fn the_ready_are_listed_by_name_across_both_statuses() {
    use brobyg::db::schema::volunteers as v;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let approved = app.many_volunteers(aarhus, VolunteerStatus::Approved, "b-godkendt", 26);
    let training = app.many_volunteers(aarhus, VolunteerStatus::InTraining, "a-kursist", 26);
    let lapsed = app.many_volunteers(aarhus, VolunteerStatus::InTraining, "0-udloebet", 1);
    app.many_volunteers(aarhus, VolunteerStatus::InTraining, "0-ikke-klar", 2);
    // Stored as the gate would: the readiness itself is tested in
    // readiness.rs; this is about the list.
    let mut conn = app.db.conn().expect("connection");
    let ready: Vec<i64> = approved.iter().chain(&training).map(|u| u.id).collect();
    diesel::update(v::table.filter(v::user_id.eq_any(&ready)))
        .set(v::ready.eq(true))
        .execute(&mut conn)
        .expect("ready");
    let yesterday = chrono::Utc::now().date_naive() - chrono::Days::new(1);
    diesel::update(v::table.find(lapsed[0].id))
        .set((v::ready.eq(true), v::ready_until.eq(Some(yesterday))))
        .execute(&mut conn)
        .expect("ready until yesterday");
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;

    let html = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    let listed = texts(&html, "#ready-list a");
    // By name, the not ready (whose names come first) left out.
    let expected: Vec<String> = (1..=26)
        .map(|i| format!("Test a-kursist{i:02}@example.dk"))
        .chain((1..=24).map(|i| format!("Test b-godkendt{i:02}@example.dk")))
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(texts(&html, "#ready"), vec!["Klar til aktivering (52)"]);
    // The rest of the 55 in the pipeline: the lapsed one and the two not
    // ready (counted from the kept counts less the ready).
    assert_eq!(
        texts(&html, "#training"),
        vec!["Godkendt og i uddannelse (3)"]
    );
}

/// The pipeline's lists name people by the copy of the name kept beside
/// each volunteer: a name changed on the account page moves the person to
/// their new place in each list at once.
#[tokio::test]
async fn a_new_name_moves_a_volunteer_in_the_pipelines_lists() {
    use brobyg::db::schema::volunteers as v;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let training = app.many_volunteers(aarhus, VolunteerStatus::InTraining, "kursist", 3);
    let ready = app.many_volunteers(aarhus, VolunteerStatus::Approved, "klar", 3);
    let paused = app.many_volunteers(aarhus, VolunteerStatus::Paused, "pause", 3);
    {
        let mut conn = app.db.conn().expect("connection");
        let ids: Vec<i64> = ready.iter().map(|u| u.id).collect();
        diesel::update(v::table.filter(v::user_id.eq_any(&ids)))
            .set(v::ready.eq(true))
            .execute(&mut conn)
            .expect("ready");
    }
    for (who, name) in [
        (&training[2], "Aase Kursist"),
        (&ready[2], "Aase Klar"),
        (&paused[2], "Aase Pause"),
    ] {
        let me = app.browser();
        me.login(&who.email, PASSWORD).await;
        let response = me
            .post_form(
                "/konto/oplysninger",
                &[("name", name), ("phone", ""), ("language", "da")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
    }
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let html = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    assert_eq!(
        texts(
            &html,
            "section[aria-labelledby=training] tbody td:first-child a"
        ),
        vec![
            "Aase Kursist",
            "Test kursist01@example.dk",
            "Test kursist02@example.dk"
        ]
    );
    assert_eq!(
        texts(&html, "#ready-list a"),
        vec![
            "Aase Klar",
            "Test klar01@example.dk",
            "Test klar02@example.dk"
        ]
    );
    assert_eq!(
        texts(&html, "section[aria-labelledby=paused] li a"),
        vec![
            "Aase Pause",
            "Test pause01@example.dk",
            "Test pause02@example.dk"
        ]
    );
}
