//! An outbox row as an Internet message (RFC 5322 / MIME), ready to send.
//!
//! Layout, as calendar clients expect it (Outlook, Gmail, Apple Mail,
//! Thunderbird):
//!
//! ```text
//! multipart/alternative { text/plain, text/html }                 no calendar
//! multipart/mixed {                                               with one
//!   multipart/alternative { text/plain, text/html,
//!                           text/calendar; method=REQUEST|CANCEL },
//!   invite.ics (attachment)
//! }
//! multipart/mixed {                                               with a file
//!   multipart/alternative { text/plain, text/html },              (an invoice's
//!   faktura-2026-0001.pdf (attachment)                             PDF)
//! }
//! ```
//!
//! Calendar parts are base64: lettre would pick quoted-printable and the
//! decoded invitation would lose its CRLF line ends.

use std::time::SystemTime;

use lettre::Address;
use lettre::message::header::{ContentDisposition, ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use super::render::{self, RenderedEmail};
use crate::calendar::ics::{self, Kind, Person};
use crate::db::outbox::OutboxRow;
use crate::domain::events::{Links, Message};
use crate::templates::Templates;

/// Why a row cannot become a message. Always permanent: trying again
/// would give the same result.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("the stored message cannot be read: {0}")]
    Payload(#[from] serde_json::Error),
    #[error("the email cannot be rendered: {0}")]
    Render(#[from] tera::Error),
    #[error("invalid recipient address {0:?}")]
    Recipient(String),
    #[error("the email cannot be built: {0}")]
    Build(String),
}

/// The full Message-ID of a row: its stored local part at the sender's
/// domain.
pub fn message_id(local: &str, sender: &Mailbox) -> String {
    format!("<{local}@{}>", sender.email.domain())
}

/// The calendar object a row's message carries, if any: the invitation
/// text and its method.
pub fn calendar_of(row: &OutboxRow, message: &Message, sender: &Mailbox) -> Option<(Kind, String)> {
    let (method, session) = message.calendar()?;
    let site_name = sender.name.as_deref().unwrap_or("Social Sundhed");
    let text = ics::invitation(
        method,
        session,
        Person {
            name: &row.to_name,
            email: &row.to_email,
        },
        row.user_id,
        Person {
            name: site_name,
            email: sender.email.as_ref(),
        },
        // The row's creation time: every try of the same message carries
        // the same invitation.
        row.created_at,
    )?;
    Some((Kind::from(method), text))
}

/// The message an outbox row holds, as it leaves the site: with its links
/// made absolute (the row keeps paths).
pub fn message_of(row: &OutboxRow, links: &Links) -> Result<Message, serde_json::Error> {
    Ok(row.message()?.with_absolute_links(links))
}

/// Renders and assembles the message of an outbox row.
pub fn compose(
    templates: &Templates,
    row: &OutboxRow,
    sender: &Mailbox,
    links: &Links,
) -> Result<lettre::Message, ComposeError> {
    let message = message_of(row, links)?;
    let email = render::render(templates, &row.recipient(), &message)?;
    let calendar = calendar_of(row, &message, sender);
    let attachment = attachment_of(&message)?;
    let to_address: Address = row
        .to_email
        .parse()
        .map_err(|_| ComposeError::Recipient(row.to_email.clone()))?;
    let to = Mailbox::new(Some(row.to_name.clone()), to_address);
    // Replies reach the branch that arranges the session, not the robot.
    let reply_to = message
        .session()
        .and_then(|s| s.organizer.as_ref())
        .and_then(|o| {
            o.email
                .parse::<Address>()
                .ok()
                .map(|a| Mailbox::new(Some(format!("Social Sundhed {}", o.name)), a))
        });
    assemble(
        &email,
        sender,
        to,
        reply_to,
        message_id(&row.message_id, sender),
        Carried {
            calendar,
            attachment,
        },
        SystemTime::now(),
    )
}

/// A file the message carries besides an invitation: an invoice's PDF
/// (name, bytes), built when the message is sent from what it states.
pub fn attachment_of(message: &Message) -> Result<Option<(String, Vec<u8>)>, ComposeError> {
    match message {
        Message::InvoiceIssued { document } => {
            let bytes = crate::pdf::invoice::pdf(document)
                .map_err(|e| ComposeError::Build(e.to_string()))?;
            let name = match document.kind {
                crate::domain::billing::DocumentKind::Invoice => "faktura",
                crate::domain::billing::DocumentKind::CreditNote => "kreditnota",
            };
            Ok(Some((format!("{name}-{}.pdf", document.number), bytes)))
        }
        _ => Ok(None),
    }
}

/// What a message carries besides its text: an invitation (its kind and
/// text), a file (its name and bytes).
#[derive(Debug, Default)]
pub struct Carried {
    pub calendar: Option<(Kind, String)>,
    pub attachment: Option<(String, Vec<u8>)>,
}

/// Puts the parts together (see the module's layout).
pub fn assemble(
    email: &RenderedEmail,
    from: &Mailbox,
    to: Mailbox,
    reply_to: Option<Mailbox>,
    message_id: String,
    carried: Carried,
    date: SystemTime,
) -> Result<lettre::Message, ComposeError> {
    let build = |e: &dyn std::fmt::Display| ComposeError::Build(e.to_string());
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id))
        .date(date);
    if let Some(r) = reply_to {
        builder = builder.reply_to(r);
    }
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(email.text.clone()))
        .singlepart(SinglePart::html(email.html.clone()));
    let result = match (carried.calendar, carried.attachment) {
        (None, None) => builder.multipart(alternative),
        (None, Some((name, bytes))) => {
            let file = ContentType::parse(&format!("application/pdf; name=\"{name}\""))
                .map_err(|e| build(&e))?;
            let part = SinglePart::builder()
                .header(file)
                .header(ContentDisposition::attachment(&name))
                .header(ContentTransferEncoding::Base64)
                .body(bytes);
            builder.multipart(MultiPart::mixed().multipart(alternative).singlepart(part))
        }
        (Some((kind, ics)), _) => {
            let inline = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                kind.as_str()
            ))
            .map_err(|e| build(&e))?;
            let file = ContentType::parse("application/ics; name=\"invite.ics\"")
                .map_err(|e| build(&e))?;
            let calendar_part = SinglePart::builder()
                .header(inline)
                .header(ContentTransferEncoding::Base64)
                .body(ics.clone());
            let attachment = SinglePart::builder()
                .header(file)
                .header(ContentDisposition::attachment("invite.ics"))
                .header(ContentTransferEncoding::Base64)
                .body(ics);
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative.singlepart(calendar_part))
                    .singlepart(attachment),
            )
        }
    };
    result.map_err(|e| build(&e))
}
