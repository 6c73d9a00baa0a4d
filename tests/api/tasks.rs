//! The coordinator's day: the task list on the start page, the emails that
//! reach staff at once, and the digest the worker sends once per period.

use brobyg::demo::PASSWORD as DEMO_PASSWORD;
use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::events::Message;
use brobyg::domain::tasks::TaskKind;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::genlaer::{VALID_EAN, course};
use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, spawn_app, spawn_app_with, texts};
use crate::supervision::support::activated_days_ago;
use crate::volunteers::support::{application_fields, post};

/// Every value of attribute `name` on the elements matching `css`.
fn attrs(html: &str, css: &str, name: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

fn kinds_on(html: &str) -> Vec<String> {
    attrs(html, ".task-group", "data-kind")
}

/// How many messages of `kind` went to `email`.
fn count_to(app: &TestApp, email: &str, kind: &str) -> usize {
    app.outbox()
        .iter()
        .filter(|r| r.to_email == email && r.kind == kind)
        .count()
}

async fn coordinator_browser(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    let r = browser.login(email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{email} logs in");
    browser
}

/// 07:05 Copenhagen time on the next Monday after today, in UTC (winter
/// or summer: Copenhagen is one or two hours ahead).
fn next_monday_at(hour: u32, minute: u32) -> NaiveDateTime {
    let today = brobyg::domain::time::local(Utc::now().naive_utc()).date_naive();
    let mut day = today + Duration::days(1);
    while day.weekday() != Weekday::Mon {
        day += Duration::days(1);
    }
    local(day, hour, minute)
}

fn local(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    use chrono::TimeZone;
    chrono_tz::Europe::Copenhagen
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).expect("time"))
        .single()
        .expect("an unambiguous time")
        .naive_utc()
}

#[tokio::test]
async fn the_demo_coordinator_sees_every_kind_of_task_each_with_a_working_link() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let browser = app.browser();
    browser
        .login("koordinator@brobyg.test", DEMO_PASSWORD)
        .await;
    let html = browser.get_html("/koordinator").await;
    let mut shown = kinds_on(&html);
    shown.sort();
    let mut expected: Vec<String> = TaskKind::ALL
        .iter()
        .filter(|k| **k != TaskKind::Erasure)
        .map(|k| k.as_str().to_string())
        .collect();
    expected.sort();
    assert_eq!(shown, expected, "every kind of task is on the demo page");
    let links = attrs(&html, ".task-list a", "href");
    assert!(links.len() >= expected.len());
    for link in links.iter().chain(&attrs(&html, ".task-more a", "href")) {
        let path = link.split('#').next().unwrap_or_default();
        assert_eq!(
            browser.get(path).await.status(),
            StatusCode::OK,
            "{link} opens"
        );
    }

    // The national secretariat also sees the erasure requests.
    let admin = app.browser();
    admin.login("admin@brobyg.test", DEMO_PASSWORD).await;
    let html = admin.get_html("/koordinator").await;
    assert!(kinds_on(&html).contains(&"erasure".to_string()));
}

#[tokio::test]
async fn counts_follow_danish_and_english_grammar_and_lead_to_the_list() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    app.many_volunteers(
        branch,
        brobyg::domain::volunteer::VolunteerStatus::Applicant,
        "ans",
        1,
    );
    app.many_volunteers(
        branch,
        brobyg::domain::volunteer::VolunteerStatus::Active,
        "akt",
        2,
    );
    let browser = coordinator_browser(&app, "k@example.dk").await;
    let html = browser.get_html("/koordinator").await;
    let counts = texts(&html, ".count-links a");
    assert!(counts.contains(&"1 ansøger".to_string()), "{counts:?}");
    assert!(counts.contains(&"2 aktive".to_string()), "{counts:?}");
    assert!(counts.contains(&"0 på pause".to_string()), "{counts:?}");
    assert!(
        attrs(&html, ".count-links a", "href")
            .contains(&format!("/koordinator/afdelinger/{branch}?status=active"))
    );
    assert_eq!(texts(&html, "#tasks-none").len(), 1, "nothing to do yet");

    browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/koordinator")])
        .await;
    let html = browser.get_html("/koordinator").await;
    let counts = texts(&html, ".count-links a");
    assert!(counts.contains(&"1 applicant".to_string()), "{counts:?}");
    assert!(counts.contains(&"2 active".to_string()), "{counts:?}");
}

#[tokio::test]
async fn a_coordinator_sees_the_tasks_of_their_own_branches_only() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    for (name, email, branch) in [
        ("Alma Aarhus", "alma@example.dk", aarhus),
        ("Rasmus Randers", "rasmus@example.dk", randers),
    ] {
        let r = post(
            &app.browser(),
            "/bliv-brobygger",
            &application_fields(name, email, branch),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let browser = coordinator_browser(&app, "k@example.dk").await;
    let html = browser.get_html("/koordinator").await;
    assert_eq!(kinds_on(&html), vec!["intro_conversation"]);
    assert_eq!(texts(&html, ".task-list a"), vec!["Alma Aarhus"]);
    assert_eq!(
        texts(&html, "#task-intro_conversation"),
        vec!["1 ansøger venter på en introsamtale"]
    );
    let link = attrs(&html, ".task-list a", "href").remove(0);
    assert_eq!(browser.get(&link).await.status(), StatusCode::OK);
}

/// Seven active brobyggere overdue for supervision by 400, 410, … 460
/// days, the branches taking turns.
fn seven_overdue(app: &TestApp, branches: &[i64]) -> Vec<TestUser> {
    (0..7)
        .map(|i| {
            let branch = branches[i % branches.len()];
            let u = app.qualified_volunteer(&format!("late{i}@example.dk"), branch);
            activated_days_ago(app, u.id, 400 + 10 * i as i64);
            u
        })
        .collect()
}

/// The start page lists the five longest overdue of `seven_overdue`,
/// longest first, and counts all seven.
fn assert_seven_overdue_longest_first(html: &str, late: &[TestUser]) {
    let longest_first: Vec<String> = late
        .iter()
        .rev()
        .take(5)
        .map(|u| format!("Test {}", u.email))
        .collect();
    assert_eq!(
        texts(html, "[data-kind=overdue_supervision] .task-list a"),
        longest_first
    );
    assert_eq!(
        texts(html, "#task-overdue_supervision"),
        vec!["7 brobyggere er over tiden til supervision"]
    );
}

/// Who is overdue for supervision is read from the stored due dates: the
/// longest overdue first, five lines and the full count, nobody of another
/// branch and nobody supervised in time.
#[tokio::test]
async fn overdue_supervision_lists_the_longest_overdue_first_with_the_full_count() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let late = seven_overdue(&app, &[aarhus]);
    let recent = app.qualified_volunteer("new@example.dk", aarhus);
    activated_days_ago(&app, recent.id, 10);
    let other = app.qualified_volunteer("randers@example.dk", randers);
    activated_days_ago(&app, other.id, 900);

    let browser = coordinator_browser(&app, "k@example.dk").await;
    let html = browser.get_html("/koordinator").await;
    assert_seven_overdue_longest_first(&html, &late);
    assert_eq!(
        texts(&html, "[data-kind=overdue_supervision] .task-more a"),
        vec!["Se alle 7"]
    );
}

/// A kind is counted only when its first lines fill the list (a shorter
/// list is all of them): the count stays right just below, at and just
/// above the five lines, in one branch and across two.
#[tokio::test]
async fn a_kind_is_counted_right_below_at_and_above_a_full_list() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let both = app.create_user("kk@example.dk", &[Role::Coordinator], Some(aarhus));
    {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::set_coordinator_branches(&mut conn, both.id, &[aarhus, randers])
            .expect("two branches");
    }
    let one = coordinator_browser(&app, "k@example.dk").await;
    let two = coordinator_browser(&app, "kk@example.dk").await;
    for n in 1..=6_i64 {
        // The odd ones in Randers: the coordinator of both counts them all.
        let branch = if n % 2 == 0 { aarhus } else { randers };
        let u = app.qualified_volunteer(&format!("late{n}@example.dk"), branch);
        activated_days_ago(&app, u.id, 400 + n);
        if n < 4 {
            continue;
        }
        let aarhus_only = n / 2;
        for (browser, count) in [(&one, aarhus_only), (&two, n)] {
            let html = browser.get_html("/koordinator").await;
            let lines = texts(&html, "[data-kind=overdue_supervision] .task-list a");
            assert_eq!(lines.len() as i64, count.min(5), "{n} overdue: {lines:?}");
            assert_eq!(
                texts(&html, "#task-overdue_supervision"),
                vec![format!("{count} brobyggere er over tiden til supervision")],
                "{n} overdue"
            );
            let more = texts(&html, "[data-kind=overdue_supervision] .task-more a");
            let expected = if count > 5 {
                vec![format!("Se alle {count}")]
            } else {
                Vec::new()
            };
            assert_eq!(more, expected, "{n} overdue");
        }
    }
}

/// A coordinator of two branches sees one list of each kind, in one order
/// across both: the lists are read a branch at a time and merged, so the
/// first five are the first of both branches together, not of either.
#[tokio::test]
async fn a_coordinator_of_two_branches_sees_their_first_in_one_order() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let viborg = app.create_branch("Viborg");
    let k = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::set_coordinator_branches(&mut conn, k.id, &[aarhus, randers])
            .expect("two branches");
    }
    // Viborg's brobygger is the longest overdue of all but not this
    // coordinator's.
    let late = seven_overdue(&app, &[aarhus, randers]);
    let elsewhere = app.qualified_volunteer("viborg@example.dk", viborg);
    activated_days_ago(&app, elsewhere.id, 900);
    // Applications, the branches taking turns, oldest first.
    for (i, branch) in [randers, aarhus, aarhus, randers, aarhus, randers, randers]
        .into_iter()
        .enumerate()
    {
        let r = post(
            &app.browser(),
            "/bliv-brobygger",
            &application_fields(&format!("Ansøger {i}"), &format!("a{i}@example.dk"), branch),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    {
        // One second apart, so that "oldest" does not rest on the ids.
        use brobyg::db::schema::{users, volunteer_applications as apps};
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        for i in 0..7 {
            let id: i64 = users::table
                .filter(users::email.eq(format!("a{i}@example.dk")))
                .select(users::id)
                .first(&mut *conn)
                .expect("applicant");
            let at = Utc::now().naive_utc() - Duration::hours(100) + Duration::seconds(i);
            diesel::update(apps::table.filter(apps::user_id.eq(id)))
                .set(apps::created_at.eq(at))
                .execute(&mut *conn)
                .expect("dated");
        }
    }

    let browser = coordinator_browser(&app, "k@example.dk").await;
    let html = browser.get_html("/koordinator").await;
    assert_seven_overdue_longest_first(&html, &late);
    let oldest_first: Vec<String> = (0..5).map(|i| format!("Ansøger {i}")).collect();
    assert_eq!(
        texts(&html, "[data-kind=intro_conversation] .task-list a"),
        oldest_first
    );
    assert_eq!(
        texts(&html, "#task-intro_conversation"),
        vec!["7 ansøgere venter på en introsamtale"]
    );
}

#[tokio::test]
async fn new_applications_bookings_and_supervision_requests_reach_the_branch_at_once() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.create_user("quiet@example.dk", &[Role::Coordinator], Some(aarhus));
    app.create_user("r@example.dk", &[Role::Coordinator], Some(randers));
    app.create_user("admin@example.dk", &[Role::Admin], None);
    // A regional coordinator of Aarhus's region hears of it too.
    let regional = app.create_user("region@example.dk", &[], None);
    {
        let mut conn = app.db.conn().expect("connection");
        let region = brobyg::db::branches::find(&mut conn, aarhus)
            .expect("branch")
            .region_id;
        brobyg::db::users::set_coordinator_regions(&mut conn, regional.id, &[region])
            .expect("region");
    }

    // One coordinator chose the digest only.
    let quiet = coordinator_browser(&app, "quiet@example.dk").await;
    let r = quiet
        .post_form("/konto/notifikationer", &[("digest", "weekly")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let r = post(
        &app.browser(),
        "/bliv-brobygger",
        &application_fields("Alma Aarhus", "alma@example.dk", aarhus),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count_to(&app, "k@example.dk", "new_application"), 1);
    assert_eq!(count_to(&app, "region@example.dk", "new_application"), 1);
    assert_eq!(count_to(&app, "quiet@example.dk", "new_application"), 0);
    assert_eq!(count_to(&app, "r@example.dk", "new_application"), 0);
    assert_eq!(count_to(&app, "admin@example.dk", "new_application"), 0);
    match app.last_message_to("k@example.dk") {
        Message::NewApplication {
            applicant, link, ..
        } => {
            assert_eq!(applicant, "Alma Aarhus");
            let browser = coordinator_browser(&app, "k@example.dk").await;
            assert_eq!(browser.get(&link).await.status(), StatusCode::OK);
        }
        other => panic!("expected the new application, got {other:?}"),
    }

    // A national course's booking goes to the administrators; a branch's
    // to its coordinators.
    let c = course(&app, "visitatorer", "Social ulighed for visitatorer", None);
    let (booker, requester) = app.signed_in(Role::Professional).await;
    let cs = c.to_string();
    for branch in [String::new(), randers.to_string()] {
        let r = booker
            .post_form(
                "/genlaer/bestil",
                &[
                    ("course", cs.as_str()),
                    ("organisation", "Præhospitalet Region Midtjylland"),
                    ("organisation_kind", "region"),
                    ("branch", branch.as_str()),
                    ("wished_from", "2027-03-01"),
                    ("wished_to", "2027-04-30"),
                    ("participants", "2"),
                    ("place", "Olof Palmes Allé 34, Aarhus N"),
                    ("contact_name", "Birgitte Dahl"),
                    ("contact_email", requester.email.as_str()),
                    ("contact_phone", ""),
                    ("invoice_kind", "ean"),
                    ("ean", VALID_EAN),
                    ("cvr", ""),
                    ("invoice_address", ""),
                    ("reference", "Kursus 2027"),
                    ("message", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "booking for {branch:?}");
    }
    assert_eq!(count_to(&app, "admin@example.dk", "new_booking"), 1);
    assert_eq!(count_to(&app, "r@example.dk", "new_booking"), 1);
    assert_eq!(count_to(&app, "k@example.dk", "new_booking"), 0);

    // A supervision request goes to those who want it at once.
    let volunteer = app.qualified_volunteer("sofie@example.dk", aarhus);
    let browser = app.browser();
    browser.login(&volunteer.email, PASSWORD).await;
    let r = browser.post_form("/supervision/anmod", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count_to(&app, "k@example.dk", "supervision_request_received"),
        1
    );
    assert_eq!(
        count_to(&app, "quiet@example.dk", "supervision_request_received"),
        0
    );

    // Nothing is sent twice by the worker.
    let before = app.outbox().len();
    let mailer = app.mailer();
    app.deliver(&mailer).await;
    app.deliver(&mailer).await;
    let after: Vec<String> = app.outbox()[before..]
        .iter()
        .map(|r| r.kind.clone())
        .collect();
    assert!(
        after.iter().all(|k| k == "task_digest"),
        "only digests are new: {after:?}"
    );
}

/// A branch with a coordinator and one pending application.
async fn branch_with_an_applicant(app: &TestApp) {
    let branch = app.create_branch("Aarhus");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let r = post(
        &app.browser(),
        "/bliv-brobygger",
        &application_fields("Alma Aarhus", "alma@example.dk", branch),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_weekly_digest_goes_out_once_a_week_from_monday_morning() {
    let app = spawn_app().await;
    branch_with_an_applicant(&app).await;
    // A coordinator with nothing to do gets nothing.
    let other = app.create_branch("Randers");
    app.create_user("idle@example.dk", &[Role::Coordinator], Some(other));
    let mailer = app.mailer();
    let digests = |app: &TestApp| count_to(app, "k@example.dk", "task_digest");

    let monday = next_monday_at(6, 55);
    app.deliver_at(&mailer, monday).await;
    assert_eq!(digests(&app), 0, "not before seven");

    let pass = app
        .deliver_at(&mailer, monday + Duration::minutes(10))
        .await;
    assert_eq!(pass.digests, 1);
    assert_eq!(digests(&app), 1);
    match app.last_message_to("k@example.dk") {
        Message::TaskDigest { groups, weekly, .. } => {
            assert!(weekly);
            assert_eq!(groups.len(), 1);
            assert_eq!(groups[0].kind, TaskKind::IntroConversation);
            assert_eq!(groups[0].lines[0].subject, "Alma Aarhus");
        }
        other => panic!("expected the digest, got {other:?}"),
    }
    let sent = app
        .outbox()
        .into_iter()
        .rev()
        .find(|r| r.kind == "task_digest")
        .expect("the digest");
    assert_eq!(sent.status.as_str(), "sent");

    // Later that day, and on Wednesday: the same week, no second digest.
    app.deliver_at(&mailer, monday + Duration::hours(5)).await;
    app.deliver_at(&mailer, monday + Duration::days(2)).await;
    assert_eq!(digests(&app), 1);
    assert_eq!(count_to(&app, "idle@example.dk", "task_digest"), 0);

    // The next Monday brings the next one.
    app.deliver_at(&mailer, monday + Duration::days(7) + Duration::minutes(10))
        .await;
    assert_eq!(digests(&app), 2);
}

#[tokio::test]
async fn a_daily_digest_goes_out_every_morning_and_never_means_never() {
    let app = spawn_app().await;
    branch_with_an_applicant(&app).await;
    let browser = coordinator_browser(&app, "k@example.dk").await;
    let r = browser
        .post_form(
            "/konto/notifikationer",
            &[("digest", "daily"), ("immediate", "on")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html("/konto/notifikationer").await;
    assert_eq!(
        attrs(&page, "input[name=digest][checked]", "value"),
        vec!["daily"]
    );
    let mailer = app.mailer();
    let digests = |app: &TestApp| count_to(app, "k@example.dk", "task_digest");
    let tomorrow =
        brobyg::domain::time::local(Utc::now().naive_utc()).date_naive() + Duration::days(1);
    app.deliver_at(&mailer, local(tomorrow, 7, 1)).await;
    app.deliver_at(&mailer, local(tomorrow, 15, 0)).await;
    assert_eq!(digests(&app), 1);
    app.deliver_at(&mailer, local(tomorrow + Duration::days(1), 8, 0))
        .await;
    assert_eq!(digests(&app), 2);
    match app.last_message_to("k@example.dk") {
        Message::TaskDigest { weekly, .. } => assert!(!weekly),
        other => panic!("expected the digest, got {other:?}"),
    }

    let r = browser
        .post_form("/konto/notifikationer", &[("digest", "never")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.deliver_at(&mailer, local(tomorrow + Duration::days(2), 8, 0))
        .await;
    app.deliver_at(&mailer, next_monday_at(7, 30) + Duration::days(7))
        .await;
    assert_eq!(digests(&app), 2);
}

#[tokio::test]
async fn the_email_choice_keeps_what_was_typed_and_is_for_staff_only() {
    let app = spawn_app().await;
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    let r = coordinator
        .post_form(
            "/konto/notifikationer",
            &[("digest", "monthly"), ("immediate", "on")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-digest-error"),
        vec!["Vælg en af mulighederne."]
    );
    assert_eq!(
        attrs(&html, "input[name=immediate][checked]", "value"),
        vec!["on"]
    );

    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    assert_eq!(
        volunteer.get("/konto/notifikationer").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        volunteer
            .post_refused("/konto/notifikationer", &[("digest", "daily")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

/// A pause coming to its end within two weeks is a task (the coordinator
/// plans the volunteer back in); a long pause, an earlier short one since
/// replaced by a long one, and another branch's pause are not.
#[tokio::test]
async fn pauses_ending_soon_are_tasks_and_long_pauses_are_not() {
    use brobyg::app::volunteers::activation;
    use brobyg::domain::volunteer::StatusChange;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let k = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let today = brobyg::domain::time::local(Utc::now().naive_utc()).date_naive();
    let pause = |email: &str, branch: i64, days: &[i64]| {
        let u = app.qualified_volunteer(email, branch);
        let mut conn = app.db.conn().expect("connection");
        let curriculum = brobyg::app::site_content::curriculum(&mut conn).expect("curriculum");
        for (i, d) in days.iter().enumerate() {
            if i > 0 {
                activation::make_active(
                    &mut conn,
                    &curriculum,
                    u.id,
                    StatusChange::Resume,
                    Some(k.id),
                    None,
                )
                .expect("query")
                .expect("resumed");
            }
            activation::pause(&mut conn, u.id, today + Duration::days(*d), None, k.id)
                .expect("query")
                .expect("paused");
        }
        u
    };
    let soon = pause("soon@example.dk", aarhus, &[5]);
    pause("long@example.dk", aarhus, &[60]);
    pause("again@example.dk", aarhus, &[3, 90]);
    pause("randers@example.dk", randers, &[2]);
    // A closed account is nobody's task, however soon its pause ends.
    let closed = pause("closed@example.dk", aarhus, &[1]);
    brobyg::db::users::set_active(&mut app.db.conn().expect("connection"), closed.id, false)
        .expect("closed");

    let browser = coordinator_browser(&app, "k@example.dk").await;
    let html = browser.get_html("/koordinator").await;
    assert_eq!(
        texts(&html, "[data-kind=pause_ending] .task-list a"),
        vec![format!("Test {}", soon.email)]
    );
    assert_eq!(
        attrs(&html, "[data-kind=pause_ending] .task-list a", "href"),
        vec![format!("/koordinator/brobyggere/{}", soon.id)]
    );

    // Back from the pause: no longer a task.
    {
        let mut conn = app.db.conn().expect("connection");
        let curriculum = brobyg::app::site_content::curriculum(&mut conn).expect("curriculum");
        activation::make_active(
            &mut conn,
            &curriculum,
            soon.id,
            StatusChange::Resume,
            Some(k.id),
            None,
        )
        .expect("query")
        .expect("resumed");
    }
    let html = browser.get_html("/koordinator").await;
    assert!(!kinds_on(&html).contains(&"pause_ending".to_string()));

    // A pause begun by an older binary during a rolling upgrade has no
    // stored last day; the next start-up keeps it from the history row.
    let upgrade = pause("upgrade@example.dk", aarhus, &[4]);
    {
        use brobyg::db::schema::volunteers;
        use diesel::prelude::*;
        diesel::update(volunteers::table.find(upgrade.id))
            .set(volunteers::pause_until.eq(None::<chrono::NaiveDate>))
            .execute(&mut *app.db.conn().expect("connection"))
            .expect("as an older binary left it");
    }
    brobyg::app::volunteers::readiness::fill_missing(&app.db).expect("start-up");
    let html = browser.get_html("/koordinator").await;
    assert_eq!(
        texts(&html, "[data-kind=pause_ending] .task-list a"),
        vec![format!("Test {}", upgrade.email)]
    );
}

/// A meeting held with seats taken is a task until its attendance is
/// saved, and only until then: the task reads the meeting's mark, which
/// saving the sheet sets.
#[tokio::test]
async fn a_meeting_asks_for_attendance_until_the_sheet_is_saved() {
    use brobyg::domain::session::SessionKind;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let session = app.create_session(SessionKind::Cohort, Some(aarhus), Some(10), -1);
    // Held too, but nobody had a seat: nothing to register.
    app.create_session(SessionKind::Cohort, Some(aarhus), Some(10), -2);
    let anna = app.create_user("anna@example.dk", &[Role::Volunteer], Some(aarhus));
    app.enrol(session, anna.id);
    // Held with a seat taken, but another branch's, or cancelled: not
    // this coordinator's task.
    let randers = app.create_branch("Randers");
    let elsewhere = app.create_session(SessionKind::Cohort, Some(randers), Some(10), -1);
    app.enrol(elsewhere, anna.id);
    let cancelled = app.create_session(SessionKind::Cohort, Some(aarhus), Some(10), -1);
    app.enrol(cancelled, anna.id);
    {
        use brobyg::db::schema::sessions;
        use brobyg::domain::session::SessionStatus;
        use diesel::prelude::*;
        diesel::update(sessions::table.find(cancelled))
            .set(sessions::status.eq(SessionStatus::Cancelled))
            .execute(&mut *app.db.conn().expect("connection"))
            .expect("cancelled");
    }
    let meeting = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, session).expect("meetings")[0].id
    };
    let sheet = format!("/koordinator/hold/{session}/moeder/{meeting}/fremmoede");
    let browser = coordinator_browser(&app, "k@example.dk").await;
    let waiting = |html: &str| attrs(html, "[data-kind=attendance] .task-list a", "href");

    let html = browser.get_html("/koordinator").await;
    assert_eq!(waiting(&html), vec![sheet.clone()]);

    let response = browser
        .post_form(&sheet, &[(&format!("status-{}", anna.id), "absent")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = browser.get_html("/koordinator").await;
    assert!(waiting(&html).is_empty(), "registered, even as absent");
    assert!(!kinds_on(&html).contains(&"attendance".to_string()));
}

/// A session that is over and still open is a task until it is marked
/// held, the one that ended first at the top: not a session held or
/// cancelled, one still to come, one over before the weeks the list looks
/// back over, nor another branch's. The list reads only the open sessions
/// from their own index, so this checks that it still finds the right ones.
#[tokio::test]
async fn a_session_over_is_a_task_until_it_is_marked_held() {
    use brobyg::domain::session::{SessionKind, SessionStatus};
    use brobyg::domain::tasks::ATTENDANCE_LOOKBACK_DAYS;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let session = |branch: i64, days: i64| {
        app.create_session(SessionKind::Cohort, Some(branch), Some(10), days)
    };
    let yesterday = session(aarhus, -1);
    let last_week = session(aarhus, -7);
    let held = session(aarhus, -3);
    let cancelled = session(aarhus, -3);
    session(aarhus, 2);
    session(aarhus, -ATTENDANCE_LOOKBACK_DAYS - 2);
    let randers = app.create_branch("Randers");
    session(randers, -1);
    {
        use brobyg::db::schema::sessions;
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        for (id, status) in [
            (held, SessionStatus::Held),
            (cancelled, SessionStatus::Cancelled),
        ] {
            diesel::update(sessions::table.find(id))
                .set(sessions::status.eq(status))
                .execute(&mut *conn)
                .expect("status");
        }
    }
    let browser = coordinator_browser(&app, "k@example.dk").await;
    let to_mark = |html: &str| attrs(html, "[data-kind=mark_held] .task-list a", "href");
    let page = |id: i64| format!("/koordinator/hold/{id}");

    let html = browser.get_html("/koordinator").await;
    assert_eq!(to_mark(&html), vec![page(last_week), page(yesterday)]);

    let response = browser
        .post_form(&format!("{}/afholdt", page(last_week)), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = browser.get_html("/koordinator").await;
    assert_eq!(to_mark(&html), vec![page(yesterday)], "marked held, gone");
}

/// The start page reads each kind of task in a fixed number of statements
/// (the pool counts them, the look-up of the signed-in account included):
/// more people in the branch add none. The demo's page sent 40 before
/// this was counted; the applications took six and are three, the pauses
/// ending two and are one (`volunteers.pause_until`). Three
/// lists (the overdue, and both kinds of applications) are read a branch
/// at a time (`db::across`), so each of the demo coordinator's two
/// branches adds three. A new statement here fails and has to be argued
/// for. With nothing overdue, the overdue invoices' list reads no branch
/// names (it did on every view). Since 7 December the coordinator's regions
/// come with the account, and the branches with their rows, which the
/// list of branches used to read again: two fewer. Since 8 December a
/// kind is counted only when its first lines fill the list: the demo's
/// five short lists count themselves (37 statements became 32).
#[tokio::test]
async fn the_start_page_sends_a_fixed_number_of_statements() {
    use brobyg::domain::volunteer::VolunteerStatus;
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    // PostgreSQL adds the pool's `SELECT 1` on a check-out after a pause.
    let branches = 2;
    let budget = 26 + 3 * branches + u64::from(app.is_postgres());
    let browser = app.browser();
    browser
        .login("koordinator@brobyg.test", DEMO_PASSWORD)
        .await;
    let page = || async {
        let before = app.db.statements();
        let html = browser.get_html("/koordinator").await;
        (app.db.statements() - before, html)
    };
    let (sent, html) = page().await;
    eprintln!("the demo coordinator's start page: {sent} statements");
    assert!(sent <= budget, "{sent} statements, budget {budget}");
    assert!(kinds_on(&html).contains(&"attendance".to_string()));
    assert!(kinds_on(&html).contains(&"overdue_invoice".to_string()));

    let branch = {
        use brobyg::db::schema::{coordinator_branches as cb, users};
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        cb::table
            .inner_join(users::table)
            .filter(users::email.eq("koordinator@brobyg.test"))
            .select(cb::branch_id)
            .order(cb::branch_id)
            .first::<i64>(&mut *conn)
            .expect("a branch")
    };
    app.many_volunteers(branch, VolunteerStatus::Active, "akt", 30);
    app.many_volunteers(branch, VolunteerStatus::Paused, "pau", 30);
    // Adding them can take over a second on a busy machine, and the
    // pool asks a connection that lay idle that long `SELECT 1` first:
    // a view just before, as the sign-in was before the first.
    page().await;
    let (more, _) = page().await;
    assert!(
        more <= sent,
        "{more} statements with sixty more people, {sent} before"
    );

    // The demo's overdue invoice paid: with nothing overdue, no statement
    // reads the branches' names for that list.
    {
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        let paid = diesel::sql_query("UPDATE invoices SET status = 'paid' WHERE status = 'sent'")
            .execute(&mut *conn)
            .expect("paid");
        assert!(paid > 0, "the demo has a sent invoice");
    }
    page().await;
    let (nothing_overdue, html) = page().await;
    assert!(!kinds_on(&html).contains(&"overdue_invoice".to_string()));
    assert!(
        nothing_overdue < more,
        "{nothing_overdue} statements with nothing overdue, {more} with an overdue invoice"
    );
}
