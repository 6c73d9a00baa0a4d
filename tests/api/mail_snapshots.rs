//! Snapshots of every email and invitation as the recipient's client reads
//! them (`tests/api/snapshots/`). Review a change with `cargo insta review`
//! or by reading the `.snap.new` files; volatile values are redacted.

use brobyg::db::outbox::OutboxRow;
use brobyg::domain::Code;
use brobyg::domain::events::samples;
use brobyg::domain::session::SessionKind;
use brobyg::mail::{mime, worker};
use brobyg::templates::Templates;
use chrono::NaiveDate;

use crate::mail_support::*;
use crate::smtp::{Parsed, keep_ics_sample, parse};

fn row(message: &brobyg::domain::events::Message, language: &str) -> OutboxRow {
    let at = NaiveDate::from_ymd_opt(2026, 3, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("date");
    OutboxRow {
        id: 1,
        kind: message.kind().into(),
        user_id: Some(7),
        to_email: "aase@example.dk".into(),
        to_name: "Åse Ørum".into(),
        language: brobyg::domain::Lang::parse(language).expect("language"),
        payload: serde_json::to_string(message).expect("json"),
        status: brobyg::db::outbox::Status::Pending,
        attempts: 0,
        next_attempt_at: at,
        last_error: None,
        sent_at: None,
        created_at: at,
        message_id: "snapshot".into(),
        locked_until: None,
        subject: None,
    }
}

/// The message as a reader sees it: decoded headers, the parts' layout,
/// both texts and the invitation.
fn readable(mail: &Parsed) -> String {
    let mut out = String::new();
    out.push_str(&format!("From: {} <{}>\n", mail.from.0, mail.from.1));
    out.push_str(&format!("To: {} <{}>\n", mail.to.0, mail.to.1));
    if let Some(r) = &mail.reply_to {
        out.push_str(&format!("Reply-To: {r}\n"));
    }
    out.push_str(&format!("Subject: {}\n", mail.subject));
    out.push_str(&format!("Message-ID: <{}>\n", mail.message_id));
    out.push_str(&format!("Parts: {}\n", mail.structure.join(" > ")));
    out.push_str("\n--- text/plain\n");
    out.push_str(&mail.text);
    out.push_str("\n--- text/html\n");
    out.push_str(&mail.html.replace("\r\n", "\n"));
    if let Some((method, ics)) = &mail.calendar {
        out.push_str(&format!("\n--- text/calendar; method={method}\n"));
        out.push_str(&ics.replace("\r\n", "\n"));
    }
    if let Some((name, _)) = &mail.attachment {
        out.push_str(&format!("\n--- attachment {name}\n"));
    }
    out
}

#[test]
fn every_email_and_invitation() {
    let templates = Templates::load().expect("templates");
    let sender = "Social Sundhed <no-reply@brobyg.test>"
        .parse()
        .expect("sender");
    let english = ["enrolled", "reminder", "verify_email"];
    for message in samples() {
        let kind = message.kind();
        for language in ["da", "en"] {
            if language == "en" && !english.contains(&kind) {
                continue;
            }
            let built = mime::compose(
                &templates,
                &row(&message, language),
                &sender,
                &brobyg::domain::events::Links::new("http://127.0.0.1:8080"),
            )
            .expect("built");
            let mail = parse(&built.formatted());
            if language == "da"
                && let Some((_, ics)) = &mail.calendar
            {
                keep_ics_sample(&format!("sample-{kind}"), ics);
            }
            insta::assert_snapshot!(format!("{kind}_{language}"), readable(&mail));
        }
    }
}

#[tokio::test]
async fn an_invitation_as_delivered_over_smtp() {
    let (app, smtp) = app_and_smtp().await;
    let branch = branch(&app, "Aarhus");
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let start = NaiveDate::from_ymd_opt(2027, 10, 31)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("date");
    let session = session_at(&app, SessionKind::Cohort, Some(branch), None, &[start]);
    enrol(&app, session, &aase);
    let pass = worker::run_once(&app.mailer(), brobyg::db::now())
        .await
        .expect("pass");
    assert_eq!(pass.sent, 1);
    let data = &smtp.to("aase@example.dk")[0].data;
    let raw = String::from_utf8_lossy(data);
    let headers = raw
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .replace("\r\n", "\n");
    let text = format!("{headers}\n\n{}", readable(&parse(data)));
    insta::with_settings!({filters => vec![
        (r"Date: .*", "Date: [date]"),
        (r"Message-ID: <[^>]+>", "Message-ID: <[message-id]>"),
        (r#"boundary="[^"]+""#, r#"boundary="[boundary]""#),
        (r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:[now]"),
        (r"meeting-\d+-user-\d+@", "meeting-[id]-user-[id]@"),
        (r"/forberedelse/hold/\d+", "/forberedelse/hold/[id]"),
    ]}, {
        insta::assert_snapshot!("delivered_enrolled_da", text);
    });
}
