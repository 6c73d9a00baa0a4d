//! A real SMTP server on loopback for the tests (mailin), that keeps what
//! it receives and can be told to refuse for a while (4xx) or for good
//! (5xx); and small readers for what it received.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::{Handler, Response, Server, SslConfig, response};

/// What the server answers to each recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 451: try again later.
    Defer,
    /// 550: never.
    Reject,
}

/// One message as the server got it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Clone)]
struct Capture {
    inbox: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
    current: Option<Received>,
}

impl Handler for Capture {
    // Refusals come at RCPT: after a refused DATA, mailin would read the
    // next commands as message text.
    fn rcpt(&mut self, _to: &str) -> Response {
        match *self.mode.lock().expect("mode") {
            Mode::Defer => response::INTERNAL_ERROR,
            Mode::Reject => response::NO_MAILBOX,
            Mode::Accept => response::OK,
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received {
            from: from.to_string(),
            to: to.to_vec(),
            data: Vec::new(),
        });
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(r) = self.current.as_mut() {
            r.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Some(r) = self.current.take() {
            self.inbox.lock().expect("inbox").push(r);
        }
        response::OK
    }
}

pub struct TestSmtp {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
}

impl TestSmtp {
    /// A server on a free loopback port.
    pub fn start() -> TestSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        TestSmtp::serve(listener)
    }

    /// A port where nothing listens yet (a server that is down), and
    /// `start_on` later brings it up.
    pub fn free_port() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("address").port()
    }

    pub fn start_on(port: u16) -> TestSmtp {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
        TestSmtp::serve(listener)
    }

    fn serve(listener: TcpListener) -> TestSmtp {
        let port = listener.local_addr().expect("address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(Mutex::new(Mode::Accept));
        let handler = Capture {
            inbox: inbox.clone(),
            mode: mode.clone(),
            current: None,
        };
        let mut server = Server::new(handler);
        server
            .with_name("smtp.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            .with_num_threads(16)
            .with_tcp_listener(listener);
        // `serve` runs for the rest of the test binary; its error type is
        // not `Send`, so it is dropped inside the thread.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        TestSmtp { port, inbox, mode }
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().expect("mode") = mode;
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().expect("inbox").clone()
    }

    /// The messages received for `email`.
    pub fn to(&self, email: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.to.iter().any(|t| t == email))
            .collect()
    }
}

/// What tests look at in a received message.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub raw: String,
    pub subject: String,
    pub raw_subject: String,
    pub from: (String, String),
    pub to: (String, String),
    pub reply_to: Option<String>,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// Every part's content type, in order, as `type/subtype`.
    pub structure: Vec<String>,
    /// The `method` of the inline `text/calendar` part and its text.
    pub calendar: Option<(String, String)>,
    /// The attachment's name and text.
    pub attachment: Option<(String, String)>,
}

pub fn parse(data: &[u8]) -> Parsed {
    let message = MessageParser::default().parse(data).expect("a message");
    let addr = |a: Option<&mail_parser::Address>| {
        let first = a.and_then(|a| a.first()).expect("an address");
        (
            first.name().unwrap_or_default().to_string(),
            first.address().unwrap_or_default().to_string(),
        )
    };
    let mut structure = Vec::new();
    let mut calendar = None;
    let mut attachment = None;
    for part in &message.parts {
        let Some(ct) = part.content_type() else {
            continue;
        };
        let full = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default());
        if full == "text/calendar" && part.attachment_name().is_none() {
            calendar = Some((
                ct.attribute("method").unwrap_or_default().to_string(),
                String::from_utf8_lossy(part.contents()).into_owned(),
            ));
        }
        if let Some(name) = part.attachment_name() {
            attachment = Some((
                name.to_string(),
                String::from_utf8_lossy(part.contents()).into_owned(),
            ));
        }
        structure.push(full);
    }
    Parsed {
        raw: String::from_utf8_lossy(data).into_owned(),
        subject: message.subject().unwrap_or_default().to_string(),
        raw_subject: message
            .header_raw("Subject")
            .unwrap_or_default()
            .trim()
            .to_string(),
        from: addr(message.from()),
        to: addr(message.to()),
        reply_to: message
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string),
        message_id: message.message_id().unwrap_or_default().to_string(),
        text: message
            .body_text(0)
            .unwrap_or_default()
            .replace("\r\n", "\n"),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        structure,
        calendar,
        attachment,
    }
}

/// An iCalendar text's properties as (name with parameters, value), with
/// folded lines joined, for assertions.
pub fn ics_lines(text: &str) -> Vec<(String, String)> {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The values of property `name` (parameters ignored).
pub fn ics_values(text: &str, name: &str) -> Vec<String> {
    ics_lines(text)
        .into_iter()
        .filter(|(k, _)| k.split(';').next() == Some(name))
        .map(|(_, v)| v)
        .collect()
}

/// Keeps a generated calendar for the independent check in CI
/// (`scripts/check_ics.py` over `target/ics-samples/`).
pub fn keep_ics_sample(name: &str, text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ics-samples");
    std::fs::create_dir_all(&dir).expect("sample folder");
    std::fs::write(dir.join(format!("{name}.ics")), text).expect("sample");
}
