//! Where messages go: an SMTP server (lettre), or, with no server
//! configured, `.eml` files in a folder that developers and administrators
//! can read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret as _;

use crate::config::{Settings, SmtpSecurity};
use crate::domain::delivery::Failure;

/// Why a message did not go out, and whether to try again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct DeliveryError {
    pub failure: Failure,
    pub reason: String,
}

impl DeliveryError {
    pub fn permanent(reason: impl Into<String>) -> Self {
        DeliveryError {
            failure: Failure::Permanent,
            reason: reason.into(),
        }
    }

    pub fn temporary(reason: impl Into<String>) -> Self {
        DeliveryError {
            failure: Failure::Temporary,
            reason: reason.into(),
        }
    }
}

pub enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        server: String,
    },
    Files(PathBuf),
}

/// Longer than any healthy SMTP conversation, shorter than a worker's lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

impl Transport {
    /// SMTP when `smtp_host` is set, else files under `<data_dir>/mail/`.
    /// Call it inside the Tokio runtime that will send: the SMTP connection
    /// pool starts a task there.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Transport> {
        let Some(host) = settings
            .smtp_host
            .as_deref()
            .filter(|h| !h.trim().is_empty())
        else {
            return Ok(Transport::Files(settings.mail_dir()));
        };
        let host = host.trim();
        let port = settings.smtp_port.unwrap_or(match settings.smtp_security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::None => 25,
        });
        let tls = match settings.smtp_security {
            SmtpSecurity::None => Tls::None,
            SmtpSecurity::Tls => Tls::Wrapper(TlsParameters::new(host.to_string())?),
            SmtpSecurity::Starttls => Tls::Required(TlsParameters::new(host.to_string())?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let (Some(user), Some(password)) = (&settings.smtp_user, &settings.smtp_password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose_secret().to_string(),
            ));
        }
        Ok(Transport::Smtp {
            transport: builder.build(),
            server: format!("{host}:{port}"),
        })
    }

    /// For logs and the administrators' page.
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp { server, .. } => format!("SMTP {server}"),
            Transport::Files(dir) => format!("files in {}", dir.display()),
        }
    }

    /// Sends one message. `file_name` names it in the folder, so that a
    /// message written again replaces its earlier copy.
    pub async fn send(
        &self,
        message: &lettre::Message,
        file_name: &str,
    ) -> Result<(), DeliveryError> {
        match self {
            Transport::Smtp { transport, .. } => match transport.send(message.clone()).await {
                Ok(_) => Ok(()),
                Err(e) => Err(DeliveryError {
                    failure: Failure::from_smtp_code(e.status().map(u16::from)),
                    reason: crate::error::error_chain(&e),
                }),
            },
            Transport::Files(dir) => write_file(dir, file_name, &message.formatted())
                .map_err(|e| DeliveryError::temporary(format!("{}: {e}", dir.display()))),
        }
    }
}

/// Written beside and then renamed, so a reader never sees half a message.
fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name))
}

/// Whether a name can be one of our `.eml` files (and nothing else, such as
/// a path): for the administrators' download.
pub fn is_eml_name(name: &str) -> bool {
    name.ends_with(".eml")
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !name.contains("..")
}

/// A written message in the folder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EmlFile {
    pub name: String,
    pub size: u64,
}

/// The `.eml` files in the folder, newest name first (names begin with the
/// time the message was queued).
pub fn eml_files(dir: &Path) -> std::io::Result<Vec<EmlFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_eml_name(&name) {
            files.push(EmlFile {
                name,
                size: entry.metadata()?.len(),
            });
        }
    }
    files.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_eml_names_are_served() {
        assert!(is_eml_name("20260301-120000-17-enrolled.eml"));
        assert!(!is_eml_name("../brobyg.sqlite3"));
        assert!(!is_eml_name("..eml"));
        assert!(!is_eml_name(".x.eml.tmp"));
        assert!(!is_eml_name("a/b.eml"));
        assert!(!is_eml_name("brobyg.sqlite3"));
    }

    // The SMTP pool starts a task: it needs a runtime, as in the worker.
    #[tokio::test]
    async fn without_a_host_messages_go_to_files_in_the_data_folder() {
        let t = Transport::from_settings(&Settings::default()).expect("transport");
        assert!(matches!(t, Transport::Files(ref d) if d == Path::new("data/mail")));
        let smtp = Transport::from_settings(&Settings {
            smtp_host: Some("smtp.example.dk".into()),
            ..Settings::default()
        })
        .expect("transport");
        assert_eq!(smtp.describe(), "SMTP smtp.example.dk:587");
    }
}
