//! Changing what is planned on the common page of any session
//! (`/koordinator/hold/{id}`): moving, adding and removing meetings, each
//! person told once with one updated invitation, and writing to the
//! participants.

use std::collections::HashMap;

use brobyg::db::outbox::OutboxRow;
use brobyg::db::sessions::{self, MeetingTimes};
use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use chrono::{Datelike, Duration, NaiveDateTime};
use reqwest::StatusCode;

use crate::helpers::{TestApp, TestUser, input_value, location, spawn_app, texts};
use crate::mail_support::*;
use crate::smtp::{ics_values, keep_ics_sample};

/// A meeting `days` ahead at 09:00 UTC.
fn day(days: i64) -> NaiveDateTime {
    let t = in_hours(24 * days);
    t.date().and_hms_opt(9, 0, 0).expect("time")
}

/// The outbox rows added since `before`, per recipient.
fn new_rows(app: &TestApp, before: usize) -> HashMap<String, Vec<OutboxRow>> {
    let mut per: HashMap<String, Vec<OutboxRow>> = HashMap::new();
    for row in app.outbox().into_iter().skip(before) {
        per.entry(row.to_email.clone()).or_default().push(row);
    }
    per
}

/// The invitation an outbox row carries: its METHOD and text.
fn invitation(row: &OutboxRow) -> (String, String) {
    let message = row.message().expect("message");
    let sender = "Social Sundhed <no-reply@brobyg.test>"
        .parse()
        .expect("sender");
    let (kind, text) =
        brobyg::mail::mime::calendar_of(row, &message, &sender).expect("carries an invitation");
    (kind.as_str().to_string(), text)
}

/// The coordinator's branch, from their account.
fn branch_of(app: &TestApp, user: &TestUser) -> i64 {
    tx(app, |c| brobyg::db::users::load_account(c, user.id))
        .expect("account")
        .branches[0]
}

/// An announced brobyggeraften in `branch` (its invitations sent), with
/// one meeting.
fn evening(app: &TestApp, branch: i64, at: NaiveDateTime) -> i64 {
    use brobyg::db::evenings::NewEvening;
    use brobyg::domain::evening::EveningKind;
    tx(app, |c| {
        brobyg::app::evenings::staff::announce(
            c,
            &NewEvening {
                kind: EveningKind::Branch,
                branch_id: Some(branch),
                title: "Brobyggeraften",
                topic: "Sundhedsvæsenet set fra borgerens side",
                speaker: "Mette Holm",
                location: "Åboulevarden 1, Aarhus",
                capacity: None,
                open_to_other_branches: false,
            },
            &MeetingTimes {
                starts_at: at,
                ends_at: at + Duration::hours(2),
                location: None,
                online_url: None,
            },
        )
    })
}

/// A session of `kind` in `branch` with two meetings (an evening has one),
/// and two people with a seat.
fn planned(app: &TestApp, kind: SessionKind, branch: i64, tag: &str) -> (i64, Vec<TestUser>) {
    let id = match kind {
        SessionKind::Evening => evening(app, branch, day(10)),
        _ => session_at(app, kind, Some(branch), None, &[day(10), day(17)]),
    };
    let people: Vec<TestUser> = (0..2)
        .map(|i| {
            let email = format!("{tag}-{i}@example.dk");
            let user = match kind {
                SessionKind::Evening | SessionKind::Supervision => {
                    app.qualified_volunteer(&email, branch)
                }
                _ => person(app, &email, &format!("Deltager {tag} {i}"), "da"),
            };
            enrol(app, id, &user);
            user
        })
        .collect();
    (id, people)
}

#[tokio::test]
async fn moving_a_meeting_sends_one_updated_invitation_per_person_for_every_kind() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    for (n, kind) in [
        SessionKind::Genlaer,
        SessionKind::Cohort,
        SessionKind::Supervision,
        SessionKind::Evening,
    ]
    .into_iter()
    .enumerate()
    {
        let (id, people) = planned(&app, kind, branch, &format!("k{n}"));
        let meeting = meeting_ids(&app, id)[0];
        let page = browser
            .get_html(&format!("/koordinator/hold/{id}/moeder/{meeting}"))
            .await;
        let told = texts(&page, ".notice p").join(" ");
        let name = tx(&app, |c| brobyg::db::users::find(c, people[0].id)).name;
        assert!(told.contains(&name), "{kind:?}: {told}");
        let before = app.outbox().len();
        let new_day = day(12);
        let r = browser
            .post_form(
                &format!("/koordinator/hold/{id}/moeder/{meeting}"),
                &[
                    ("date", &new_day.format("%Y-%m-%d").to_string()),
                    ("start", "14:00"),
                    ("end", "16:30"),
                    ("location", "Lokale 2, Åboulevarden 1"),
                    ("online_url", &format!("https://meet.example.dk/k{n}")),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{kind:?}");
        assert_eq!(location(&r), format!("/koordinator/hold/{id}"));
        let rows = new_rows(&app, before);
        for p in &people {
            let mine = rows.get(&p.email).map(Vec::as_slice).unwrap_or_default();
            assert_eq!(mine.len(), 1, "{kind:?}: one email to {}", p.email);
            assert_eq!(mine[0].kind, "session_changed", "{kind:?}");
            let (method, ics) = invitation(&mine[0]);
            assert_eq!(method, "REQUEST", "{kind:?}");
            let uid = format!("meeting-{meeting}-user-{}@brobyg.socialsundhed.dk", p.id);
            let lines = brobyg_event(&ics, &uid);
            assert!(lines.contains(&"SEQUENCE:1".to_string()), "{kind:?}: {ics}");
            assert!(
                lines.iter().any(|l| l.starts_with("DTSTART:")
                    && l.contains(&format!(
                        "{:04}{:02}{:02}T1",
                        new_day.year(),
                        new_day.month(),
                        new_day.day()
                    ))),
                "{kind:?}: {ics}"
            );
            assert!(ics.contains("Lokale 2"), "{kind:?}");
            let link = format!("https://meet.example.dk/k{n}");
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with("DESCRIPTION:") && l.contains(&link)),
                "{kind:?}: the meeting's own link: {ics}"
            );
            keep_ics_sample(&format!("meeting-moved-{n}-{}", p.id), &ics);
        }
        // Nobody else heard of it, but the evening's unanswered invitees.
        if kind != SessionKind::Evening {
            assert_eq!(rows.len(), people.len(), "{kind:?}: {:?}", rows.keys());
        }
        let stored = tx(&app, |c| sessions::meeting(c, meeting));
        assert_eq!(stored.sequence, 1);
        assert_eq!(stored.location.as_deref(), Some("Lokale 2, Åboulevarden 1"));
        assert_eq!(
            stored.online_url,
            Some(format!("https://meet.example.dk/k{n}"))
        );
    }
}

/// A move form's fields: the meeting at `date` `start`–`end`, online at
/// `url`.
fn online<'a>(
    date: &'a str,
    start: &'a str,
    end: &'a str,
    url: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("date", date),
        ("start", start),
        ("end", end),
        ("location", "Online"),
        ("online_url", url),
    ]
}

#[tokio::test]
async fn a_meeting_moved_online_alone_tells_everyone_with_its_link_and_the_others_keep_the_sessions()
 {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let (id, people) = planned(&app, SessionKind::Cohort, branch, "online");
    let ids = meeting_ids(&app, id);
    let (meeting, other) = (ids[0], ids[1]);
    let kept = tx(&app, |c| sessions::meeting(c, meeting));
    let (date, start) = brobyg::domain::time::to_form(kept.starts_at);
    let (_, end) = brobyg::domain::time::to_form(kept.ends_at);
    let path = format!("/koordinator/hold/{id}/moeder/{meeting}");
    // The meeting as it is, online at `url`.
    let fields = |url| online(&date, &start, &end, url);

    // Only the link changes: that is a change, told once to each.
    let before = app.outbox().len();
    let link = "https://møde.example.dk/aften-2";
    let r = browser.post_form(&path, &fields(link)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rows = new_rows(&app, before);
    for p in &people {
        assert_eq!(rows[&p.email].len(), 1, "one email to {}", p.email);
        let body = rows[&p.email][0].message().expect("message");
        let (_, ics) = invitation(&rows[&p.email][0]);
        let moved = brobyg_event(
            &ics,
            &format!("meeting-{meeting}-user-{}@brobyg.socialsundhed.dk", p.id),
        );
        assert!(
            moved
                .iter()
                .any(|l| l.starts_with("DESCRIPTION:") && l.contains(link)),
            "{ics}"
        );
        assert!(moved.contains(&"LOCATION:Online".to_string()), "{ics}");
        let unmoved = brobyg_event(
            &ics,
            &format!("meeting-{other}-user-{}@brobyg.socialsundhed.dk", p.id),
        );
        assert!(
            !unmoved.iter().any(|l| l.contains(link)),
            "the other meeting has no link: {ics}"
        );
        let email = brobyg::mail::render::render(
            &app.state.templates,
            &rows[&p.email][0].recipient(),
            &body,
        )
        .expect("renders");
        assert!(
            email.text.contains(link),
            "the email names the link: {}",
            email.text
        );
        // Tera escapes the slashes in HTML; a mail client reads them back.
        assert!(email.html.contains("aften-2"), "{}", email.html);
    }
    // The coordinator's page shows it, and the form has it to change.
    let html = browser.get_html(&format!("/koordinator/hold/{id}")).await;
    assert!(
        texts(&html, "a").iter().any(|t| t == link),
        "the meeting's link"
    );
    let form = browser.get_html(&path).await;
    assert_eq!(input_value(&form, "online_url").as_deref(), Some(link));

    // Saving the same again changes nothing, tells nobody and logs nothing.
    let before = app.outbox().len();
    browser.post_refused(&path, &fields(link)).await;
    assert_eq!(app.outbox().len(), before);

    // Not a web address: refused on the form, with what was typed kept.
    let r = browser.post_form(&path, &fields("møde i teams")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(
        input_value(&html, "online_url").as_deref(),
        Some("møde i teams")
    );
    assert_eq!(app.outbox().len(), before);
    assert_eq!(
        tx(&app, |c| sessions::meeting(c, meeting))
            .online_url
            .as_deref(),
        Some(link)
    );
}

/// The lines of the VEVENT with this UID.
fn brobyg_event(ics: &str, uid: &str) -> Vec<String> {
    let unfolded = ics.replace("\r\n ", "");
    unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("UID:{uid}")))
        .unwrap_or_else(|| panic!("no event {uid} in {ics}"))
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn an_evening_change_tells_each_person_once_and_reaches_those_who_have_not_answered() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let coming = app.qualified_volunteer("kommer@example.dk", branch);
    let silent = app.qualified_volunteer("tavs@example.dk", branch);
    let declined = app.qualified_volunteer("nej@example.dk", branch);
    let id = evening(&app, branch, day(10));
    let answer = |user: &TestUser, a: brobyg::domain::evening::Answer| {
        let mut conn = app.db.conn().expect("connection");
        let conn: &mut brobyg::db::DbConnection = &mut conn;
        diesel::Connection::transaction(conn, |c| {
            brobyg::app::evenings::answer(c, id, user.id, a)
                .map_err(|_| diesel::result::Error::RollbackTransaction)
        })
        .expect("answered");
    };
    answer(&coming, brobyg::domain::evening::Answer::Yes);
    answer(&declined, brobyg::domain::evening::Answer::No);
    let before = app.outbox().len();
    // Time and place at once, on the evening's own form.
    let new_day = day(11);
    let r = browser
        .post_form(
            &format!("/koordinator/aftener/{id}/rediger"),
            &[
                ("title", "Brobyggeraften"),
                ("topic", "Sundhedsvæsenet set fra borgerens side"),
                ("speaker", "Mette Holm"),
                ("date", &new_day.format("%Y-%m-%d").to_string()),
                ("start", "18:00"),
                ("end", "20:00"),
                ("location", "Randers Bibliotek"),
                ("capacity", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rows = new_rows(&app, before);
    let to_coming = &rows[&coming.email];
    assert_eq!(to_coming.len(), 1, "one email, not one per change");
    assert_eq!(to_coming[0].kind, "session_changed");
    let (method, _) = invitation(&to_coming[0]);
    assert_eq!(method, "REQUEST");
    let to_silent = &rows[&silent.email];
    assert_eq!(to_silent.len(), 1);
    assert_eq!(to_silent[0].kind, "evening_changed");
    let brobyg::domain::events::Message::EveningChanged { session, .. } =
        to_silent[0].message().expect("message")
    else {
        panic!("an evening change");
    };
    assert_eq!(session.location, "Randers Bibliotek");
    assert!(!rows.contains_key(&declined.email), "a no stays a no");
}

#[tokio::test]
async fn removing_a_meeting_cancels_that_meeting_alone_and_names_the_module_left_without_a_date() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let material = brobyg::content::preparation::load().expect("course material");
    let modules: Vec<String> = material
        .curriculum
        .modules()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let times = |d: i64| MeetingTimes {
        starts_at: day(d),
        ends_at: day(d) + Duration::hours(3),
        location: None,
        online_url: None,
    };
    let id = tx(&app, |c| {
        brobyg::db::cohorts::create(
            c,
            &brobyg::db::cohorts::NewCohort {
                branch_id: branch,
                title: "Forberedelseskursus efterår",
                location: "Aarhus",
                capacity: None,
                enrol_deadline: None,
            },
            &[
                (times(10), vec![modules[0].clone()]),
                (times(17), vec![modules[1].clone()]),
            ],
        )
    });
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let bo = person(&app, "bo@example.dk", "Bo Æbelø", "da");
    enrol(&app, id, &aase);
    enrol(&app, id, &bo);
    let [first, second] = meeting_ids(&app, id)[..] else {
        panic!("two meetings");
    };
    let label = material
        .curriculum
        .module(&modules[0])
        .map(|m| m.title.clone())
        .expect("module");

    let confirm = browser
        .get_html(&format!("/koordinator/hold/{id}/moeder/{first}/fjern"))
        .await;
    assert!(confirm.contains(&label), "the module is named before");
    assert!(texts(&confirm, ".notice p").join(" ").contains("Åse Ørum"));
    let before = app.outbox().len();
    let r = browser
        .post_form(&format!("/koordinator/hold/{id}/moeder/{first}/fjern"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rows = new_rows(&app, before);
    assert_eq!(rows.len(), 2);
    for p in [&aase, &bo] {
        let mine = &rows[&p.email];
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].kind, "meeting_removed");
        let (method, ics) = invitation(&mine[0]);
        assert_eq!(method, "CANCEL");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
        assert_eq!(
            ics_values(&ics, "UID"),
            vec![format!(
                "meeting-{first}-user-{}@brobyg.socialsundhed.dk",
                p.id
            )]
        );
        assert_eq!(ics_values(&ics, "SEQUENCE"), vec!["1".to_string()]);
        assert_eq!(ics_values(&ics, "STATUS"), vec!["CANCELLED".to_string()]);
        keep_ics_sample(&format!("meeting-removed-{}", p.id), &ics);
    }
    let page = browser.get_html(&format!("/koordinator/hold/{id}")).await;
    assert!(
        texts(&page, ".notice li")
            .iter()
            .any(|t| t.contains(&label)),
        "the session page says the module needs a new date"
    );
    let stored = tx(&app, |c| sessions::meeting(c, first));
    assert!(stored.cancelled_at.is_some());
    assert_eq!(stored.sequence, 1);
    let span = tx(&app, |c| sessions::find(c, id));
    assert_eq!(span.starts_at, day(17), "the session now starts later");

    // The last meeting stays: cancel the session instead.
    let before = app.outbox().len();
    let r = browser
        .post_refused(
            &format!("/koordinator/hold/{id}/moeder/{second}/fjern"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&format!("/koordinator/hold/{id}")).await;
    assert!(page.contains("eneste mødegang"), "says why");
    assert_eq!(app.outbox().len(), before);
    assert!(
        tx(&app, |c| sessions::meeting(c, second))
            .cancelled_at
            .is_none()
    );
}

#[tokio::test]
async fn adding_a_meeting_on_the_common_page_sends_the_new_meeting_to_everyone() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let (id, people) = planned(&app, SessionKind::Supervision, branch, "add");
    let before = app.outbox().len();
    let when = day(24);
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/moeder"),
            &[
                ("date", &when.format("%d.%m.%Y").to_string()),
                ("start", "10"),
                ("end", "12"),
                ("location", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rows = new_rows(&app, before);
    for p in &people {
        assert_eq!(rows[&p.email].len(), 1);
        let (method, ics) = invitation(&rows[&p.email][0]);
        assert_eq!(method, "REQUEST");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3, "all three meetings");
    }
    assert_eq!(meeting_ids(&app, id).len(), 3);

    // A mistake: the form again, 422, with what was typed.
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/moeder"),
            &[
                ("date", "2027-02-30"),
                ("start", "10"),
                ("end", "12"),
                ("location", "Et sted"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(input_value(&html, "location").as_deref(), Some("Et sted"));
    assert_eq!(input_value(&html, "date").as_deref(), Some("2027-02-30"));
    assert_eq!(meeting_ids(&app, id).len(), 3);
}

#[tokio::test]
async fn a_move_with_a_mistake_keeps_the_input_and_changes_nothing() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let (id, _) = planned(&app, SessionKind::Genlaer, branch, "bad");
    let meeting = meeting_ids(&app, id)[0];
    let before = app.outbox().len();
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/moeder/{meeting}"),
            &[
                ("date", "2027-03-03"),
                ("start", "14:00"),
                ("end", "13:00"),
                ("location", "Lokale 7"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(input_value(&html, "start").as_deref(), Some("14:00"));
    assert_eq!(input_value(&html, "location").as_deref(), Some("Lokale 7"));
    assert!(html.contains("field-error"));
    assert_eq!(app.outbox().len(), before);
    assert_eq!(tx(&app, |c| sessions::meeting(c, meeting)).sequence, 0);
}

#[tokio::test]
async fn writing_to_the_participants_reaches_the_seated_and_if_asked_the_waiting_list() {
    let app = spawn_app().await;
    let (browser, coordinator) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &coordinator);
    let id = session_at(&app, SessionKind::Genlaer, Some(branch), Some(2), &[day(9)]);
    let people: Vec<TestUser> = (0..3)
        .map(|i| {
            let p = person(
                &app,
                &format!("p{i}@example.dk"),
                &format!("Person {i}"),
                "da",
            );
            enrol(&app, id, &p);
            p
        })
        .collect();
    let form = browser
        .get_html(&format!("/koordinator/hold/{id}/skriv"))
        .await;
    assert!(
        form.contains("waiting_list"),
        "the waiting list may be added"
    );

    let before = app.outbox().len();
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/skriv"),
            &[
                ("subject", "Husk frokost"),
                ("body", "Kære alle\r\n\r\nTag frokost med."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rows = new_rows(&app, before);
    assert_eq!(rows.len(), 2, "the two with a seat");
    assert!(!rows.contains_key(&people[2].email));
    assert!(
        rows.values()
            .flatten()
            .all(|r| r.kind == "participants_message")
    );

    let before = app.outbox().len();
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/skriv"),
            &[
                ("subject", "Flyttet lokale"),
                ("body", "Vi er i lokale 3."),
                ("waiting_list", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(new_rows(&app, before).len(), 3, "and the waiting list");

    let page = browser.get_html(&format!("/koordinator/hold/{id}")).await;
    let listed = texts(&page, "#messages ~ .table-scroll td").join(" ");
    assert!(listed.contains("Husk frokost") && listed.contains("Flyttet lokale"));
    assert!(listed.contains("3 modtagere"), "{listed}");

    // Nothing to say: 422, the body kept.
    let r = browser
        .post_form(
            &format!("/koordinator/hold/{id}/skriv"),
            &[("subject", " "), ("body", "Bare tekst")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("Bare tekst"));
}

#[tokio::test]
async fn another_branchs_coordinator_may_not_change_the_plan_or_write() {
    let app = spawn_app().await;
    let (_, owner) = app.signed_in(Role::Coordinator).await;
    let (other, _) = app.signed_in(Role::Coordinator).await;
    let branch = branch_of(&app, &owner);
    let (id, _) = planned(&app, SessionKind::Cohort, branch, "auth");
    let meeting = meeting_ids(&app, id)[0];
    let before = app.outbox().len();
    for path in [
        format!("/koordinator/hold/{id}/moeder/{meeting}"),
        format!("/koordinator/hold/{id}/moeder/{meeting}/fjern"),
        format!("/koordinator/hold/{id}/skriv"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let moved = [
        ("date", "2027-03-03"),
        ("start", "10"),
        ("end", "12"),
        ("location", ""),
    ];
    for (path, fields) in [
        (
            format!("/koordinator/hold/{id}/moeder/{meeting}"),
            &moved[..],
        ),
        (
            format!("/koordinator/hold/{id}/moeder/{meeting}/fjern"),
            &[][..],
        ),
        (format!("/koordinator/hold/{id}/moeder"), &moved[..]),
        (
            format!("/koordinator/hold/{id}/skriv"),
            &[("subject", "Hej"), ("body", "Hej")][..],
        ),
    ] {
        let r = other.post_refused(&path, fields).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.outbox().len(), before);

    // A meeting of another session, under this one's address: not found.
    let (mine, mine_user) = app.signed_in(Role::Coordinator).await;
    let mine_branch = branch_of(&app, &mine_user);
    let (my_session, _) = planned(&app, SessionKind::Genlaer, mine_branch, "mine");
    let r = mine
        .get(&format!("/koordinator/hold/{my_session}/moeder/{meeting}"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_demo_shows_a_moved_meeting_and_a_message_to_the_participants() {
    let app = crate::helpers::spawn_app_with(|s| s.demo = Some(true)).await;
    let outbox = app.outbox();
    assert!(
        outbox
            .iter()
            .any(|r| r.to_email == "fagperson@brobyg.test" && r.kind == "session_changed"),
        "the professional has the moved meeting's updated invitation"
    );
    let message = outbox
        .iter()
        .find(|r| r.kind == "participants_message")
        .expect("a message to the participants");
    let session = message
        .message()
        .expect("message")
        .session()
        .map(|s| s.id)
        .expect("about a session");
    let coordinator = app.browser();
    coordinator
        .login("koordinator@brobyg.test", brobyg::demo::PASSWORD)
        .await;
    let page = coordinator
        .get_html(&format!("/koordinator/hold/{session}"))
        .await;
    assert!(page.contains("Parkering ved Østervold"));
}
