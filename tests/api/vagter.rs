//! Vagter (the duty rota): coordinators define weekly slots and days off,
//! active brobyggere take the vagter they make (one place for one person,
//! whatever the concurrency), give them away until 48 hours before, and a
//! pause releases them. No form of the feature has a free-text field.

use brobyg::db::duty;
use brobyg::domain::Role;
use brobyg::domain::events::{CalendarMethod, Message};
use brobyg::domain::session::SessionKind;
use chrono::{Datelike, Duration, NaiveDate};
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, TestUser, texts};
use crate::supervision::support::{Branch, branch, signed_in};
use crate::volunteers::support::accepted_volunteer;

fn today() -> NaiveDate {
    brobyg::domain::time::local(brobyg::db::now()).date_naive()
}

fn weekday(d: NaiveDate) -> String {
    d.weekday().number_from_monday().to_string()
}

fn plan_path(b: &Branch) -> String {
    format!("/koordinator/afdelinger/{}/vagtplan", b.id)
}

fn rota_path(b: &Branch) -> String {
    format!("/koordinator/afdelinger/{}/vagter", b.id)
}

/// A weekly slot on `day`'s weekday from `from` to `to`, 9–12, wanting
/// `wanted`; the page answers with a redirect.
async fn add_slot(b: &Branch, day: NaiveDate, from: NaiveDate, to: NaiveDate, wanted: &str) {
    let response = b
        .staff
        .post_form(
            &plan_path(b),
            &[
                ("weekday", &weekday(day)),
                ("start", "09:00"),
                ("end", "12:00"),
                ("programme", "health"),
                ("wanted", wanted),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "slot saved");
}

/// The branch's open vagter from today on, in time order.
fn vagter(app: &TestApp, branch: i64) -> Vec<duty::Vagt> {
    let mut conn = app.db.conn().expect("connection");
    duty::vagter(&mut conn, &[branch], today(), today() + Duration::days(400)).expect("vagter")
}

/// One vagt on `day` (a slot of one day) wanting `wanted`: its session id.
async fn one_vagt(b: &Branch, day: NaiveDate, wanted: &str) -> i64 {
    add_slot(b, day, day, day, wanted).await;
    let list = vagter(&b.app, b.id);
    list.iter()
        .filter(|v| v.day == day)
        .map(|v| v.session.id)
        .max()
        .expect("the new vagt")
}

async fn active(app: &TestApp, email: &str, branch: i64) -> (TestUser, crate::helpers::Browser) {
    let user = app.qualified_volunteer(email, branch);
    let browser = signed_in(app, &user).await;
    (user, browser)
}

fn confirmed(app: &TestApp, session: i64) -> i32 {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::sessions::find(&mut conn, session)
        .expect("session")
        .confirmed_count
}

fn flashes(html: &str) -> Vec<String> {
    texts(html, ".flash")
}

#[tokio::test]
async fn slots_and_days_off_make_the_right_vagter() {
    let b = branch().await;
    let first = today() + Duration::days(1);
    let last = first + Duration::days(27);
    add_slot(&b, first + Duration::days(2), first, last, "2").await;
    let expected: Vec<NaiveDate> = (0..28)
        .map(|i| first + Duration::days(i))
        .filter(|d| d.weekday() == (first + Duration::days(2)).weekday())
        .collect();
    let days: Vec<NaiveDate> = vagter(&b.app, b.id).iter().map(|v| v.day).collect();
    assert_eq!(days, expected, "one vagt a week in the period");
    assert_eq!(expected.len(), 4);
    let list = vagter(&b.app, b.id);
    assert!(list.iter().all(|v| v.session.kind == SessionKind::Duty));
    assert!(list.iter().all(|v| v.session.capacity == Some(2)));
    let rota = b.staff.get_html(&rota_path(&b)).await;
    assert_eq!(texts(&rota, "#rota tbody tr").len(), 4);

    // A day off cancels that day's vagt; undoing it brings it back.
    let off = expected[1].to_string();
    let response = b
        .staff
        .post_form(&format!("{}/fridage", plan_path(&b)), &[("day", &off)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let days: Vec<NaiveDate> = vagter(&b.app, b.id).iter().map(|v| v.day).collect();
    assert_eq!(days.len(), 3);
    assert!(!days.contains(&expected[1]));
    let plan = b.staff.get_html(&plan_path(&b)).await;
    assert_eq!(texts(&plan, "#day-off-list li").len(), 1);
    // A new slot on the same weekday makes no vagt that day either.
    add_slot(&b, expected[1], expected[1], expected[1], "1").await;
    assert_eq!(vagter(&b.app, b.id).len(), 3);
    let response = b
        .staff
        .post_form(
            &format!("{}/fridage/fortryd", plan_path(&b)),
            &[("day", &off)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let days: Vec<NaiveDate> = vagter(&b.app, b.id).iter().map(|v| v.day).collect();
    assert_eq!(
        days.iter().filter(|d| **d == expected[1]).count(),
        2,
        "both slots' vagter are back that day"
    );
    assert_eq!(days.len(), 5);
    // The vagt opened again is whole: its meeting is no longer cancelled.
    let back = vagter(&b.app, b.id)
        .into_iter()
        .find(|v| v.day == expected[1] && v.session.capacity == Some(2))
        .expect("the vagt opened again");
    let mut conn = b.app.db.conn().expect("connection");
    let meetings = brobyg::db::sessions::meetings(&mut conn, back.session.id).expect("meetings");
    assert!(meetings.iter().all(|m| m.cancelled_at.is_none()));
}

#[tokio::test]
async fn a_mistake_in_a_slot_is_shown_with_the_input_kept() {
    let b = branch().await;
    let day = today() + Duration::days(3);
    let response = b
        .staff
        .post_form(
            &plan_path(&b),
            &[
                ("weekday", &weekday(day)),
                ("start", "14:00"),
                ("end", "16:30"),
                ("programme", "social"),
                ("wanted", "0"),
                ("from", &day.to_string()),
                ("to", &(day + Duration::days(800)).to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-start-error"),
        vec!["Vagten skal ligge inden for telefonens åbningstid."]
    );
    assert_eq!(texts(&html, "#f-wanted-error").len(), 1);
    assert_eq!(
        texts(&html, "#f-to-error"),
        vec!["Perioden må højst være et år."]
    );
    assert!(html.contains(r#"value="16:30""#), "input kept");
    assert!(vagter(&b.app, b.id).is_empty(), "nothing was made");
}

#[tokio::test]
async fn only_the_branchs_coordinators_plan_and_see_its_rota() {
    let b = branch().await;
    let other_branch = b.app.create_branch("Randers");
    let other = b
        .app
        .create_user("anden@example.dk", &[Role::Coordinator], Some(other_branch));
    let stranger = signed_in(&b.app, &other).await;
    for path in [plan_path(&b), rota_path(&b)] {
        assert_eq!(stranger.get(&path).await.status(), StatusCode::FORBIDDEN);
    }
    let day = today() + Duration::days(5);
    let response = stranger
        .post_refused(
            &plan_path(&b),
            &[
                ("weekday", &weekday(day)),
                ("start", "09:00"),
                ("end", "12:00"),
                ("programme", "health"),
                ("wanted", "1"),
                ("from", &day.to_string()),
                ("to", &day.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = stranger
        .post_refused(
            &format!("{}/fridage", plan_path(&b)),
            &[("day", &day.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(vagter(&b.app, b.id).is_empty());

    // A vagt of this branch cannot be released from another's page.
    let id = one_vagt(&b, day, "1").await;
    let (sara, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let sara_id = sara.id.to_string();
    let response = stranger
        .post_refused(
            &format!("/koordinator/afdelinger/{other_branch}/vagter/{id}/frigiv"),
            &[("user_id", &sara_id)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(confirmed(&b.app, id), 1);

    // A brobygger of another branch cannot take it.
    let (_, elsewhere) = active(&b.app, "jens@example.dk", other_branch).await;
    let response = elsewhere.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nor a volunteer open the coordinators' pages.
    assert_eq!(me.get(&plan_path(&b)).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_active_brobygger_takes_a_vagt_and_gets_an_invitation() {
    let b = branch().await;
    let day = today() + Duration::days(4);
    let id = one_vagt(&b, day, "2").await;
    let (_, me) = active(&b.app, "sara@example.dk", b.id).await;
    let html = me.get_html("/vagter").await;
    assert_eq!(texts(&html, "#open-vagter tbody tr").len(), 1);
    assert!(texts(&html, "#my-vagter tbody tr").is_empty());

    let response = me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let message = b.app.last_message_to("sara@example.dk");
    let Message::Enrolled { session, .. } = &message else {
        panic!("expected the invitation, got {message:?}");
    };
    assert_eq!(session.kind, SessionKind::Duty);
    assert!(session.url.ends_with(&format!("/vagter/{id}")));
    assert!(matches!(
        message.calendar(),
        Some((CalendarMethod::Request, _))
    ));

    let html = me.get_html("/vagter").await;
    assert_eq!(flashes(&html).len(), 1);
    assert_eq!(texts(&html, "#my-vagter tbody tr").len(), 1);
    // Where they stand this month: the vagt counts if it is this month.
    let this_month = u8::from(day.month() == today().month());
    let standing = texts(&html, "#duty-target").join(" ");
    assert!(
        standing.contains(&format!("Du har {this_month} af 1–2 vagter i ")),
        "{standing}"
    );
    // The brobygger's agenda lists it with their other meetings.
    let agenda = me.get_html("/frivillig").await;
    let upcoming = texts(&agenda, "#agenda-upcoming li");
    assert!(
        upcoming
            .iter()
            .any(|l| l.contains("Vagt") && l.contains("Sundhedsbrobygning")),
        "{upcoming:?}"
    );
    // Taking it twice is refused.
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let html = me.get_html("/vagter").await;
    assert_eq!(flashes(&html), vec!["Du har allerede vagten."]);
    assert_eq!(confirmed(&b.app, id), 1);
}

#[tokio::test]
async fn the_rota_shows_empty_vagter_first_and_who_is_below_or_above_the_target() {
    let b = branch().await;
    // This month, if any day is left, so that the counts land in it.
    let day = if (today() + Duration::days(1)).month() == today().month() {
        today() + Duration::days(1)
    } else {
        today()
    };
    let taken = one_vagt(&b, day, "1").await;
    let empty = one_vagt(&b, day, "1").await;
    let later = one_vagt(&b, day, "1").await;
    let (_, sara) = active(&b.app, "sara@example.dk", b.id).await;
    let (_, _jens) = active(&b.app, "jens@example.dk", b.id).await;
    // The target is one a month: Sara takes two (above), Jens none (below).
    let response = b
        .staff
        .post_form(
            &format!("{}/indstillinger", plan_path(&b)),
            &[
                ("target_min", "1"),
                ("target_max", "1"),
                ("opens", "08:00"),
                ("closes", "15:30"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    if day > today() {
        sara.post_form(&format!("/vagter/{taken}/tag"), &[]).await;
        sara.post_form(&format!("/vagter/{later}/tag"), &[]).await;
        let html = b.staff.get_html(&rota_path(&b)).await;
        let first = texts(&html, "#rota tbody tr td.card-title");
        assert_eq!(first.len(), 3);
        assert!(html.contains(&format!(r#"id="vagt-{empty}""#)));
        let order: Vec<String> = {
            let doc = scraper::Html::parse_document(&html);
            let row = scraper::Selector::parse("#rota tbody tr").expect("selector");
            doc.select(&row)
                .map(|r| {
                    r.value()
                        .attr("data-staffing")
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(order, vec!["empty", "full", "full"], "empty first");
        let people: Vec<(String, String)> = {
            let doc = scraper::Html::parse_document(&html);
            let row = scraper::Selector::parse("#people tbody tr").expect("selector");
            let name = scraper::Selector::parse("td a").expect("selector");
            doc.select(&row)
                .map(|r| {
                    (
                        r.select(&name)
                            .next()
                            .map(|a| a.text().collect::<String>())
                            .unwrap_or_default(),
                        r.value()
                            .attr("data-standing")
                            .unwrap_or_default()
                            .to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].1, "below");
        assert!(people[0].0.contains("jens") || people[0].0.contains("Jens"));
        assert_eq!(people[1].1, "above");
        let me = sara.get_html("/vagter").await;
        assert!(
            texts(&me, "#duty-target")
                .join(" ")
                .contains("Du har 2 af 1–1 vagter i ")
        );
    }
}

#[tokio::test]
async fn a_big_branchs_rota_lists_its_people_a_page_at_a_time() {
    use brobyg::domain::volunteer::VolunteerStatus;
    let b = branch().await;
    let people = b
        .app
        .many_volunteers(b.id, VolunteerStatus::Active, "rota", 62);
    let names = |html: &str| texts(html, "#people tbody tr td a");
    let first = b.staff.get_html(&rota_path(&b)).await;
    let second = b.staff.get_html(&format!("{}?side=2", rota_path(&b))).await;
    assert_eq!(names(&first).len(), 50, "one page of people");
    assert_eq!(names(&second).len(), 12, "the rest on the next");
    let mut shown: Vec<String> = names(&first).into_iter().chain(names(&second)).collect();
    shown.sort();
    shown.dedup();
    assert_eq!(shown.len(), people.len(), "everyone once");
    assert!(
        texts(&first, "nav.pager").join(" ").contains("62"),
        "the pager tells the whole count"
    );
    assert!(first.contains("side=2"), "a link to the next page");
}

#[tokio::test]
async fn a_closed_account_is_not_on_the_rota() {
    use brobyg::domain::volunteer::VolunteerStatus;
    let b = branch().await;
    let people = b
        .app
        .many_volunteers(b.id, VolunteerStatus::Active, "rota", 3);
    brobyg::db::users::set_active(
        &mut b.app.db.conn().expect("connection"),
        people[1].id,
        false,
    )
    .expect("closed");
    let html = b.staff.get_html(&rota_path(&b)).await;
    let names = texts(&html, "#people tbody tr td a");
    assert_eq!(names.len(), 2, "the two open accounts: {names:?}");
    assert!(
        !names.iter().any(|n| n.contains(&people[1].email)),
        "the closed account is left out: {names:?}"
    );
}

#[tokio::test]
async fn the_not_active_are_refused_with_their_checklist() {
    let b = branch().await;
    let id = one_vagt(&b, today() + Duration::days(6), "2").await;
    // Paused.
    let (_, paused) = active(&b.app, "sara@example.dk", b.id).await;
    let until = (today() + Duration::days(20)).to_string();
    let response = paused
        .post_form("/frivillig/pause", &[("until", &until)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = paused.get("/vagter").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(html.contains("Du holder pause"), "the reason is given");
    let response = paused.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // In training: accepted, nothing done yet.
    let trainee = accepted_volunteer(&b.app, "ny@example.dk", b.id, b.coordinator.id);
    let me = b.app.browser();
    me.login(&trainee.email, PASSWORD).await;
    let response = me.get("/vagter").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(
        !texts(&html, ".checklist-list li").is_empty(),
        "what is missing"
    );
    let response = me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(confirmed(&b.app, id), 0);
}

#[tokio::test]
async fn a_pause_releases_the_vagter_held_and_tells_the_coordinator() {
    let b = branch().await;
    let id = one_vagt(&b, today() + Duration::days(6), "2").await;
    let (sara, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(confirmed(&b.app, id), 1);
    let until = (today() + Duration::days(20)).to_string();
    me.post_form("/frivillig/pause", &[("until", &until)]).await;
    assert_eq!(confirmed(&b.app, id), 0, "released");
    let told: Vec<Message> = b
        .app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == b.coordinator.email)
        .filter_map(|r| r.message().ok())
        .collect();
    assert!(
        told.iter().any(|m| matches!(
            m,
            Message::DutiesReleased { count: 1, volunteer, .. } if *volunteer == format!("Test {}", sara.email)
        )),
        "{told:?}"
    );
    let theirs: Vec<Message> = b
        .app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == sara.email)
        .filter_map(|r| r.message().ok())
        .collect();
    assert!(
        theirs.iter().any(|m| matches!(
            m,
            Message::EnrolmentCancelled { session, .. } if session.kind == SessionKind::Duty
        )),
        "the calendar entry is cancelled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_taking_the_last_place_at_once_get_one_place_and_one_refusal() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.workers = 4;
        s.database_pool_size = 8;
    })
    .await;
    let id_branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(id_branch));
    let staff = signed_in(&app, &coordinator).await;
    let b = Branch {
        app,
        id: id_branch,
        staff,
        coordinator,
    };
    let id = one_vagt(&b, today() + Duration::days(5), "1").await;
    let path = format!("/vagter/{id}/tag");
    let mut prepared = Vec::new();
    for i in 0..2 {
        let (_, me) = active(&b.app, &format!("v{i}@example.dk"), b.id).await;
        let html = me.get_html("/vagter").await;
        prepared.push((me, crate::helpers::csrf_in(&html)));
    }
    let requests = prepared.iter().map(|(me, token)| {
        me.client
            .post(me.url(&path))
            .form(&[("csrf", token.as_str())])
            .send()
    });
    for r in futures_util::future::join_all(requests).await {
        assert_eq!(r.expect("response").status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(confirmed(&b.app, id), 1, "one place");
    let mut said = Vec::new();
    for (me, _) in &prepared {
        said.extend(flashes(&me.get_html("/vagter").await));
    }
    said.sort();
    assert_eq!(
        said,
        vec![
            "Vagten er din. Du får en kalenderinvitation på mail.".to_string(),
            "Vagten er fuld: alle pladser er taget.".to_string(),
        ],
        "one place and one clear refusal"
    );
    let mut conn = b.app.db.conn().expect("connection");
    let (seated, waiting) =
        brobyg::db::enrolments::participants(&mut conn, id).expect("participants");
    assert_eq!((seated.len(), waiting.len()), (1, 0), "no waiting list");
}

#[tokio::test]
async fn a_vagt_given_away_goes_to_the_first_who_takes_it() {
    let b = branch().await;
    let id = one_vagt(&b, today() + Duration::days(7), "1").await;
    let (sara, giver) = active(&b.app, "sara@example.dk", b.id).await;
    let (jens, taker) = active(&b.app, "jens@example.dk", b.id).await;
    giver.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    // Full: Jens cannot take it yet.
    taker.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    assert_eq!(
        flashes(&taker.get_html("/vagter").await),
        vec!["Vagten er fuld: alle pladser er taget."]
    );
    let response = giver
        .post_form(&format!("/vagter/{id}/giv-vaek"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        b.app.last_message_to(&jens.email),
        Message::DutyOffered { .. }
    ));
    let html = taker.get_html("/vagter").await;
    assert_eq!(
        texts(&html, "#open-vagter tbody tr").len(),
        1,
        "offered to him"
    );
    taker.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let html = taker.get_html("/vagter").await;
    assert_eq!(
        flashes(&html),
        vec!["Du har overtaget vagten. Du får en kalenderinvitation på mail."]
    );
    assert_eq!(texts(&html, "#my-vagter tbody tr").len(), 1);
    let m = b.app.last_message_to(&jens.email);
    assert!(matches!(m, Message::Enrolled { .. }));
    let m = b.app.last_message_to(&sara.email);
    assert!(matches!(m, Message::DutyHandedOver { .. }), "{m:?}");
    assert!(matches!(m.calendar(), Some((CalendarMethod::Cancel, _))));
    let html = giver.get_html("/vagter").await;
    assert!(
        texts(&html, "#my-vagter tbody tr").is_empty(),
        "the giver is free"
    );
    assert_eq!(confirmed(&b.app, id), 1);
}

#[tokio::test]
async fn after_the_deadline_only_the_coordinator_releases() {
    let b = branch().await;
    // Tomorrow 9:00 is less than 48 hours away.
    let id = one_vagt(&b, today() + Duration::days(1), "1").await;
    let (sara, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    me.post_form(&format!("/vagter/{id}/giv-vaek"), &[]).await;
    let html = me.get_html("/vagter").await;
    assert_eq!(
        flashes(&html),
        vec![
            "Fristen for at give vagten væk er overskredet (48 timer før). Kontakt din koordinator."
        ]
    );
    assert_eq!(confirmed(&b.app, id), 1);
    let rota = b.staff.get_html(&rota_path(&b)).await;
    assert!(rota.contains(&sara.email));
    let response = b
        .staff
        .post_form(
            &format!("{}/{id}/frigiv", rota_path(&b)),
            &[("user_id", &sara.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(confirmed(&b.app, id), 0);
    assert!(matches!(
        b.app.last_message_to(&sara.email),
        Message::EnrolmentCancelled { by_staff: true, .. }
    ));
}

#[tokio::test]
async fn the_generic_session_page_puts_nobody_on_a_full_vagts_waiting_list() {
    let b = branch().await;
    let id = one_vagt(&b, today() + Duration::days(5), "1").await;
    let (_, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let jens = b.app.qualified_volunteer("jens@example.dk", b.id);
    let response = b
        .staff
        .post_refused(
            &format!("/koordinator/hold/{id}/tilmeld"),
            &[("email", &jens.email)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut conn = b.app.db.conn().expect("connection");
    let (seated, waiting) =
        brobyg::db::enrolments::participants(&mut conn, id).expect("participants");
    assert_eq!((seated.len(), waiting.len()), (1, 0));
}

/// Every form of the feature, parsed: only choices, numbers, dates, times
/// and hidden values; never a text field or a text area.
#[tokio::test]
async fn no_form_of_the_feature_has_a_free_text_field() {
    let b = branch().await;
    let id = one_vagt(&b, today() + Duration::days(5), "2").await;
    one_vagt(&b, today() + Duration::days(6), "1").await;
    let off = (today() + Duration::days(30)).to_string();
    b.staff
        .post_form(&format!("{}/fridage", plan_path(&b)), &[("day", &off)])
        .await;
    let (_, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let pages = [
        me.get_html("/vagter").await,
        b.staff.get_html(&plan_path(&b)).await,
        b.staff.get_html(&rota_path(&b)).await,
    ];
    let allowed = [
        "hidden", "number", "date", "time", "checkbox", "radio", "submit",
    ];
    let mut forms_seen = 0;
    for html in &pages {
        let doc = scraper::Html::parse_document(html);
        let form = scraper::Selector::parse("main form").expect("selector");
        let input = scraper::Selector::parse("input").expect("selector");
        let area = scraper::Selector::parse("textarea").expect("selector");
        for f in doc.select(&form) {
            let action = f.value().attr("action").unwrap_or_default();
            if !(action.starts_with("/vagter") || action.contains("/vagt")) {
                continue;
            }
            forms_seen += 1;
            assert_eq!(f.select(&area).count(), 0, "a text area in {action}");
            for i in f.select(&input) {
                let kind = i.value().attr("type").unwrap_or("text");
                assert!(
                    allowed.contains(&kind),
                    "{action} has an input of type {kind}"
                );
            }
        }
    }
    assert!(
        forms_seen >= 6,
        "the feature's forms were all seen: {forms_seen}"
    );
}

/// The figures the monthly statistics and the annual report read.
#[tokio::test]
async fn coverage_counts_vagter_covered_uncovered_and_full() {
    let b = branch().await;
    let day = today() + Duration::days(3);
    let full = one_vagt(&b, day, "1").await;
    let half = one_vagt(&b, day, "2").await;
    one_vagt(&b, day, "1").await;
    let (_, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{full}/tag"), &[]).await;
    let (_, other) = active(&b.app, "jens@example.dk", b.id).await;
    other.post_form(&format!("/vagter/{half}/tag"), &[]).await;
    let mut conn = b.app.db.conn().expect("connection");
    let c = duty::coverage(&mut conn, &[b.id], day, day).expect("coverage");
    assert_eq!(
        c,
        duty::Coverage {
            vagter: 3,
            covered: 2,
            uncovered: 1,
            fully_staffed: 1,
        }
    );
    let year = duty::held_in_year(&mut conn, &[b.id], day.year()).expect("year");
    assert_eq!((year.vagter, year.places), (2, 2));
    let none = duty::coverage(&mut conn, &[b.id + 1000], day, day).expect("coverage");
    assert_eq!(none, duty::Coverage::default());

    // The branch's month page for its coordinators shows the same figures.
    let month = format!("{:04}-{:02}", day.year(), day.month());
    let html = b
        .staff
        .get_html(&format!(
            "/koordinator/afdelinger/{}/brobygninger?maaned={month}",
            b.id
        ))
        .await;
    assert_eq!(
        texts(
            &html,
            "#duty-vagter, #duty-covered, #duty-uncovered, #duty-fully-staffed"
        ),
        vec!["3", "2", "1", "1"]
    );
    // And the year's figures count the vagter with someone on them.
    let html = b
        .staff
        .get_html(&format!(
            "/koordinator/statistik?aar={}&afdeling={}",
            day.year(),
            b.id
        ))
        .await;
    assert_eq!(texts(&html, "#vagter, #vagter-places"), vec!["2", "2"]);
}

#[tokio::test]
async fn removing_a_slot_cancels_its_coming_vagter_and_tells_those_on_them() {
    let b = branch().await;
    let day = today() + Duration::days(8);
    let id = one_vagt(&b, day, "1").await;
    let (sara, me) = active(&b.app, "sara@example.dk", b.id).await;
    me.post_form(&format!("/vagter/{id}/tag"), &[]).await;
    let slot = vagter(&b.app, b.id)[0].slot_id;
    let plan = b.staff.get_html(&plan_path(&b)).await;
    assert_eq!(texts(&plan, "#slot-list tbody tr").len(), 1);
    let response = b
        .staff
        .post_form(&format!("{}/{slot}/fjern", plan_path(&b)), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(vagter(&b.app, b.id).is_empty(), "its vagt is cancelled");
    assert!(matches!(
        b.app.last_message_to(&sara.email),
        Message::SessionCancelled { had_seat: true, .. }
    ));
    let plan = b.staff.get_html(&plan_path(&b)).await;
    assert!(texts(&plan, "#slot-list tbody tr").is_empty());
}

#[tokio::test]
async fn the_target_is_checked_and_kept_when_wrong() {
    let b = branch().await;
    let response = b
        .staff
        .post_form(
            &format!("{}/indstillinger", plan_path(&b)),
            &[
                ("target_min", "3"),
                ("target_max", "2"),
                ("opens", "09:00"),
                ("closes", "08:00"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#f-target_max-error").len(), 1);
    assert_eq!(texts(&html, "#f-closes-error").len(), 1);
    assert!(html.contains(r#"value="3""#), "input kept");
    b.staff
        .post_form(
            &format!("{}/indstillinger", plan_path(&b)),
            &[
                ("target_min", "2"),
                ("target_max", "3"),
                ("opens", "09:00"),
                ("closes", "15:00"),
            ],
        )
        .await;
    let mut conn = b.app.db.conn().expect("connection");
    let s = duty::settings(&mut conn, b.id).expect("settings");
    assert_eq!(
        (s.target.min, s.target.max, s.opens, s.closes),
        (2, 3, 540, 900)
    );
    // Saving the activation settings (which rewrites the row) keeps them.
    brobyg::db::volunteer_settings::save(
        &mut conn,
        b.id,
        &brobyg::domain::activation::BranchRequirements::default(),
        b.coordinator.id,
    )
    .expect("save");
    let kept = duty::settings(&mut conn, b.id).expect("settings");
    assert_eq!(kept, s);
}
