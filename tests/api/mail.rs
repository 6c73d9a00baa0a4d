//! Delivery over real SMTP: what arrives (headers, encoding, both text
//! parts, the invitation), what happens when the server is down or
//! refuses, and that nothing is lost or sent twice.

use brobyg::db::now;
use brobyg::db::outbox::{self, Status};
use brobyg::db::sessions::MeetingTimes;
use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::delivery::{LEASE, MAX_ATTEMPTS};
use brobyg::domain::session::SessionKind;
use brobyg::mail::{mime, worker};
use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};
use crate::mail_support::*;
use crate::smtp::{Mode, TestSmtp, ics_values, keep_ics_sample, parse};

/// 07:00 UTC on Monday 29 March 2027, the day after the switch to summer
/// time: 09:00 in Copenhagen.
fn after_dst() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 3, 29)
        .and_then(|d| d.and_hms_opt(7, 0, 0))
        .expect("date")
}

#[tokio::test]
async fn an_enrolment_arrives_as_a_danish_email_with_an_invitation() {
    let (app, smtp) = app_and_smtp().await;
    let branch = branch(&app, "Aarhus Øst");
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(
        &app,
        SessionKind::Genlaer,
        Some(branch),
        None,
        &[after_dst()],
    );
    enrol(&app, session, &aase);
    let meeting = meeting_ids(&app, session)[0];

    let pass = app.deliver(&app.mailer()).await;
    assert_eq!(pass.sent, 1, "{pass:?}");
    let received = smtp.to("aase@example.dk");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].from, "no-reply@brobyg.test");
    let mail = parse(&received[0].data);

    // Headers, with æ, ø, å encoded and decoded again.
    assert_eq!(mail.subject, "Tilmeldt: Sårbarhed og sundhed – på tværs");
    assert!(
        mail.raw_subject.contains("=?utf-8?"),
        "{}",
        mail.raw_subject
    );
    assert!(!mail.raw_subject.contains('å'), "{}", mail.raw_subject);
    assert_eq!(
        mail.to,
        ("Åse Ørum".to_string(), "aase@example.dk".to_string())
    );
    assert!(!mail.raw.contains("To: Åse"), "the name is encoded");
    assert_eq!(
        mail.from,
        (
            "Social Sundhed".to_string(),
            "no-reply@brobyg.test".to_string()
        )
    );
    assert_eq!(mail.reply_to.as_deref(), Some("aarhus@brobyg.test"));
    let row = app.outbox().pop().expect("row");
    assert_eq!(mail.message_id, format!("{}@brobyg.test", row.message_id));
    assert_eq!(row.status.as_str(), "sent");
    assert!(row.sent_at.is_some());

    // Both texts, in Copenhagen time, signed by the branch.
    for body in [&mail.text, &mail.html] {
        assert!(body.contains("Kære Åse Ørum"), "{body}");
        assert!(
            body.contains("mandag den 29. marts 2027 kl. 09.00–12.00"),
            "{body}"
        );
        assert!(body.contains("Social Sundhed Aarhus Øst"), "{body}");
        assert!(body.contains("70 70 20 25"), "{body}");
    }
    assert!(mail.html.contains("<html lang=\"da\">"));

    // The invitation, inline and attached.
    assert_eq!(
        mail.structure,
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "text/calendar",
            "application/ics"
        ]
    );
    let (method, ics) = mail.calendar.clone().expect("a calendar part");
    assert_eq!(method, "REQUEST");
    assert!(mail.raw.contains("Content-Transfer-Encoding: base64"));
    assert!(
        ics.contains("\r\nMETHOD:REQUEST\r\n"),
        "CRLF line ends survive"
    );
    assert_eq!(
        ics_values(&ics, "UID"),
        [format!(
            "meeting-{meeting}-user-{}@brobyg.socialsundhed.dk",
            aase.id
        )]
    );
    assert_eq!(ics_values(&ics, "SEQUENCE"), ["0"]);
    assert_eq!(ics_values(&ics, "DTSTART"), ["20270329T070000Z"]);
    assert_eq!(ics_values(&ics, "DTEND"), ["20270329T100000Z"]);
    assert_eq!(ics_values(&ics, "ORGANIZER"), ["mailto:aarhus@brobyg.test"]);
    assert_eq!(ics_values(&ics, "ATTENDEE"), ["mailto:aase@example.dk"]);
    let (name, attached) = mail.attachment.clone().expect("an attachment");
    assert_eq!(name, "invite.ics");
    assert_eq!(attached, ics);
    keep_ics_sample("mail-enrolled-request", &ics);
}

#[tokio::test]
async fn english_speakers_get_english_emails() {
    let (app, smtp) = app_and_smtp().await;
    let john = person(&app, "john@example.com", "John Smith", "en");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[after_dst()]);
    enrol(&app, session, &john);
    app.deliver(&app.mailer()).await;
    let mail = parse(&smtp.to("john@example.com")[0].data);
    assert_eq!(mail.subject, "Enrolled: Sårbarhed og sundhed – på tværs");
    assert!(mail.text.contains("Dear John Smith"));
    assert!(mail.text.contains("Monday 29 March 2027"), "{}", mail.text);
    assert!(
        mail.text.contains("Kind regards\nSocial Sundhed"),
        "{}",
        mail.text
    );
    // Without a branch the site itself organizes.
    let (_, ics) = mail.calendar.expect("calendar");
    assert_eq!(
        ics_values(&ics, "ORGANIZER"),
        ["mailto:no-reply@brobyg.test"]
    );
}

#[tokio::test]
async fn changes_update_and_cancellations_remove_the_same_calendar_entry() {
    let (app, smtp) = app_and_smtp().await;
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let bo = person(&app, "bo@example.dk", "Bo Æbelø", "da");
    let start = in_hours(24 * 20);
    let session = session_at(&app, SessionKind::Cohort, None, None, &[start]);
    enrol(&app, session, &aase);
    enrol(&app, session, &bo);
    let meeting = meeting_ids(&app, session)[0];
    app.deliver(&mailer).await;

    // The meeting moves an hour: an updated REQUEST, SEQUENCE raised.
    let moved = start + Duration::hours(1);
    tx(&app, |c| {
        brobyg::app::engine::reschedule_meeting(
            c,
            meeting,
            &MeetingTimes {
                starts_at: moved,
                ends_at: moved + Duration::hours(3),
                location: Some("Randers Bibliotek".into()),
                online_url: None,
            },
        )
    });
    app.deliver(&mailer).await;
    // Åse cancels: a CANCEL for her entry only.
    tx(&app, |c| {
        brobyg::app::engine::cancel(c, session, aase.id, None)
    })
    .expect("cancelled");
    app.deliver(&mailer).await;

    let uid = format!("meeting-{meeting}-user-{}@brobyg.socialsundhed.dk", aase.id);
    let calendars: Vec<(String, String)> = smtp
        .to("aase@example.dk")
        .iter()
        .map(|r| {
            parse(&r.data)
                .calendar
                .expect("every one carries a calendar")
        })
        .collect();
    let methods: Vec<&str> = calendars.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(methods, ["REQUEST", "REQUEST", "CANCEL"]);
    for (_, ics) in &calendars {
        assert_eq!(
            ics_values(ics, "UID"),
            std::slice::from_ref(&uid),
            "one entry, forever"
        );
    }
    let (_, update) = &calendars[1];
    assert_eq!(ics_values(update, "SEQUENCE"), ["1"]);
    assert_eq!(
        ics_values(update, "DTSTART"),
        [brobyg::calendar::ics::utc(moved)]
    );
    assert_eq!(ics_values(update, "LOCATION"), ["Randers Bibliotek"]);
    let (_, cancel) = &calendars[2];
    assert!(cancel.contains("\r\nMETHOD:CANCEL\r\n"));
    assert_eq!(ics_values(cancel, "STATUS"), ["CANCELLED"]);
    assert_eq!(ics_values(cancel, "SEQUENCE"), ["1"]);
    keep_ics_sample("mail-changed-request", update);
    keep_ics_sample("mail-withdrawal-cancel", cancel);

    // The whole session is cancelled: Bo's entry goes, with a higher SEQUENCE.
    tx(&app, |c| {
        brobyg::app::engine::cancel_session(c, session, Some("Sygdom"), aase.id)
    });
    app.deliver(&mailer).await;
    let last = parse(&smtp.to("bo@example.dk").last().expect("mail").data);
    assert_eq!(last.subject, "Aflyst: Sårbarhed og sundhed – på tværs");
    let (method, ics) = last.calendar.expect("calendar");
    assert_eq!(method, "CANCEL");
    assert_eq!(
        ics_values(&ics, "UID"),
        [format!(
            "meeting-{meeting}-user-{}@brobyg.socialsundhed.dk",
            bo.id
        )]
    );
    assert_eq!(ics_values(&ics, "SEQUENCE"), ["2"]);
    keep_ics_sample("mail-session-cancel", &ics);
}

#[tokio::test]
async fn when_smtp_is_down_messages_wait_and_go_out_when_it_returns() {
    let port = TestSmtp::free_port();
    let app = app_with_smtp(port).await;
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    enrol(&app, session, &aase);

    let t0 = now();
    let pass = app.deliver_at(&mailer, t0).await;
    assert_eq!((pass.sent, pass.deferred, pass.failed), (0, 1, 0));
    let row = app.outbox().pop().expect("row");
    assert_eq!(row.status.as_str(), "pending");
    assert_eq!(row.attempts, 1);
    assert!(row.next_attempt_at > t0);
    assert!(row.last_error.is_some());
    // Not due again yet.
    assert_eq!(app.deliver_at(&mailer, t0).await.deferred, 0);

    // The server comes back, first saying "later" (4xx), then taking it.
    let smtp = TestSmtp::start_on(port);
    smtp.set_mode(Mode::Defer);
    let pass = app.deliver_at(&mailer, t0 + Duration::minutes(2)).await;
    assert_eq!(pass.deferred, 1, "a 4xx is temporary");
    let row = app.outbox().pop().expect("row");
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("451")),
        "{row:?}"
    );
    smtp.set_mode(Mode::Accept);
    let pass = app.deliver_at(&mailer, t0 + Duration::hours(1)).await;
    assert_eq!(pass.sent, 1);
    assert_eq!(smtp.to("aase@example.dk").len(), 1, "nothing lost");
    assert_eq!(app.outbox().pop().expect("row").status.as_str(), "sent");
}

#[tokio::test]
async fn temporary_failures_give_up_after_a_day_and_show_why() {
    let (app, smtp) = app_and_smtp().await;
    smtp.set_mode(Mode::Defer);
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    enrol(&app, session, &aase);
    let t0 = now();
    let mut at = t0;
    for _ in 0..MAX_ATTEMPTS {
        app.deliver_at(&mailer, at).await;
        at = app.outbox().pop().expect("row").next_attempt_at;
    }
    let row = app.outbox().pop().expect("row");
    assert_eq!(row.status.as_str(), "failed");
    assert_eq!(row.attempts, MAX_ATTEMPTS);
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.contains("gave up"))
    );
    assert!(
        row.next_attempt_at - t0 >= Duration::days(1),
        "tried for a day"
    );
}

#[tokio::test]
async fn a_permanent_rejection_is_marked_failed_and_an_administrator_sends_it_again() {
    let (app, smtp) = app_and_smtp().await;
    smtp.set_mode(Mode::Reject);
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    enrol(&app, session, &aase);
    let pass = app.deliver(&mailer).await;
    assert_eq!(pass.failed, 1);
    let row = app.outbox().pop().expect("row");
    assert_eq!(row.status.as_str(), "failed");
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("550")),
        "{row:?}"
    );
    assert_eq!(
        app.deliver(&mailer).await,
        worker::Pass::default(),
        "it stays stopped"
    );

    let (admin, _) = app.signed_in(Role::Admin).await;
    let list = admin.get_html("/admin/beskeder?status=failed").await;
    assert!(list.contains("aase@example.dk"));
    assert!(list.contains("Mailbox unavailable"), "the reason is shown");
    let page = admin.get_html(&format!("/admin/beskeder/{}", row.id)).await;
    assert!(page.contains(&format!("/admin/beskeder/{}/igen", row.id)));
    assert!(page.contains("BEGIN:VCALENDAR"), "the invitation is shown");

    // Other roles may not.
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    for path in ["/admin/beskeder", "/admin/beskeder/filer"] {
        assert_eq!(
            coordinator.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let response = coordinator
        .post_form(&format!("/admin/beskeder/{}/igen", row.id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.outbox().pop().expect("row").status.as_str(), "failed");

    let response = admin
        .post_form(&format!("/admin/beskeder/{}/igen", row.id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let row = app.outbox().pop().expect("row");
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 0));
    smtp.set_mode(Mode::Accept);
    assert_eq!(app.deliver(&mailer).await.sent, 1);
    assert_eq!(smtp.to("aase@example.dk").len(), 1);
}

#[tokio::test]
async fn a_worker_that_dies_mid_send_leaves_at_most_one_duplicate_with_the_same_message_id() {
    let (app, smtp) = app_and_smtp().await;
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    enrol(&app, session, &aase);

    // A worker takes the message, sends it, and dies before recording it.
    let t0 = now();
    let taken = tx(&app, |c| outbox::claim(c, t0, 10, t0 + LEASE));
    assert_eq!(taken.len(), 1);
    let message = mime::compose(
        &app.state.templates,
        &taken[0],
        mailer.sender(),
        mailer.links(),
    )
    .expect("built");
    mailer
        .transport()
        .send(&message, &worker::file_name(&taken[0]))
        .await
        .expect("sent");

    // While its lease lasts, nobody else takes it; afterwards someone does.
    assert_eq!(
        app.deliver_at(&mailer, t0 + Duration::minutes(1))
            .await
            .sent,
        0
    );
    assert_eq!(
        app.deliver_at(&mailer, t0 + LEASE + Duration::seconds(1))
            .await
            .sent,
        1
    );
    let ids: Vec<String> = smtp
        .to("aase@example.dk")
        .iter()
        .map(|r| parse(&r.data).message_id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ids[0], ids[1],
        "the duplicate is recognisably the same message"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_share_one_outbox_and_send_each_message_once() {
    let (app, smtp) = app_and_smtp().await;
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    for i in 0..30 {
        let p = person(
            &app,
            &format!("p{i}@example.dk"),
            &format!("Deltager {i}"),
            "da",
        );
        enrol(&app, session, &p);
    }
    let (a, b) = (app.mailer(), app.mailer());
    let at = now();
    let (pa, pb) = tokio::join!(worker::run_once(&a, at), worker::run_once(&b, at));
    let (pa, pb) = (pa.expect("pass"), pb.expect("pass"));
    assert_eq!(pa.sent + pb.sent, 30, "{pa:?} {pb:?}");
    let mut ids: Vec<String> = smtp
        .received()
        .iter()
        .map(|r| parse(&r.data).message_id)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "no message twice");
    assert!(app.outbox().iter().all(|r| r.status == Status::Sent));
}

#[tokio::test]
async fn without_smtp_emails_are_written_as_files_that_administrators_can_read() {
    let app = spawn_app().await;
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let session = session_at(&app, SessionKind::Genlaer, None, None, &[in_hours(24 * 10)]);
    enrol(&app, session, &aase);
    assert_eq!(app.deliver(&app.mailer()).await.sent, 1);

    let dir = app.state.settings.mail_dir();
    let files: Vec<String> = std::fs::read_dir(&dir)
        .expect("mail folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("-enrolled.eml"));
    let written = parse(&std::fs::read(dir.join(&files[0])).expect("file"));
    assert_eq!(written.subject, "Tilmeldt: Sårbarhed og sundhed – på tværs");
    assert!(written.calendar.is_some());

    let (admin, _) = app.signed_in(Role::Admin).await;
    let list = admin.get_html("/admin/beskeder/filer").await;
    assert!(list.contains(&files[0]));
    let download = admin
        .get(&format!("/admin/beskeder/filer/{}", files[0]))
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["content-type"], "message/rfc822");
    assert!(
        download
            .text()
            .await
            .expect("body")
            .contains("Subject: Tilmeldt: =?utf-8?")
    );
    for bad in ["..%2Fbrobyg.sqlite3", "brobyg.sqlite3", "x.eml"] {
        let r = admin.get(&format!("/admin/beskeder/filer/{bad}")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let anonymous = app.browser().get("/admin/beskeder/filer").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    let r = volunteer
        .get(&format!("/admin/beskeder/filer/{}", files[0]))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_background_worker_sends_what_requests_queue() {
    let smtp = TestSmtp::start();
    let app = crate::helpers::spawn_app_with(|s| {
        s.smtp_host = Some("127.0.0.1".into());
        s.smtp_port = Some(smtp.port);
        s.smtp_security = brobyg::config::SmtpSecurity::None;
        s.mail_worker = true;
        // Only woken passes during the test.
        s.mail_poll_seconds = 3600;
    })
    .await;
    let signals = app.state.mail_worker.clone().expect("a worker");
    let mut passes = signals.passes();
    let response = app
        .browser()
        .post_form(
            "/konto/opret",
            &[
                ("name", "Søren Ågård"),
                ("email", "soeren@example.dk"),
                ("password", crate::helpers::PASSWORD),
                ("password_confirm", crate::helpers::PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    signals.wake();
    let drained = |app: &TestApp| {
        let rows = app.outbox();
        !rows.is_empty() && rows.iter().all(|r| r.status == Status::Sent)
    };
    for _ in 0..20 {
        if drained(&app) {
            break;
        }
        tokio::time::timeout(std::time::Duration::from_secs(10), passes.changed())
            .await
            .expect("the worker makes passes")
            .expect("the worker runs");
        signals.wake();
    }
    assert!(drained(&app), "{:?}", app.outbox());
    let mail = parse(&smtp.to("soeren@example.dk")[0].data);
    assert_eq!(mail.subject, "Bekræft din e-mailadresse");
    assert!(mail.text.contains("/konto/bekraeft/"));
    assert!(mail.calendar.is_none());
    assert_eq!(
        mail.structure,
        ["multipart/alternative", "text/plain", "text/html"]
    );
}
