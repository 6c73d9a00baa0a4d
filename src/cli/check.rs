//! `brobyg check`: whether these settings can run the site, before it is
//! started. One line per check, `OK` or `PROBLEM` with what is wrong in
//! plain words; any problem makes the command fail (exit code 1). Nothing
//! is changed: migrations are looked for, not run.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use secrecy::ExposeSecret as _;

use crate::config::{Environment, Settings, SettingsError, SmtpSecurity};
use crate::db::{Backend, pending_migrations};

/// How long the mail server gets to accept a connection.
const SMTP_TIMEOUT: Duration = Duration::from_secs(5);

/// Runs every check and writes one line per check to `out`. `Err` when
/// any check found a problem (after all of them have run).
pub fn run(settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut problems = 0;
    let mut report = |out: &mut dyn Write, what: &str, result: Result<String, String>| match result
    {
        Ok(fine) => writeln!(out, "OK       {what}: {fine}"),
        Err(wrong) => {
            problems += 1;
            writeln!(out, "PROBLEM  {what}: {wrong}")
        }
    };
    let setting_problems = settings.problems();
    let secret = setting_problems
        .iter()
        .find(|p| {
            matches!(
                p,
                SettingsError::DefaultSecretInProduction | SettingsError::SecretTooShort
            )
        })
        .map(ToString::to_string);
    report(
        out,
        "secret key",
        match secret {
            Some(wrong) => Err(wrong),
            None => Ok(secret_strength(settings)),
        },
    )?;
    report(out, "base URL", base_url(settings))?;
    let mail = setting_problems
        .iter()
        .find(|p| {
            matches!(
                p,
                SettingsError::NoMailInProduction
                    | SettingsError::SmtpWithoutHost
                    | SettingsError::FilesWithSmtpHost
            )
        })
        .map(ToString::to_string);
    report(
        out,
        "mail delivery",
        match mail {
            Some(wrong) => Err(wrong),
            None => Ok(match settings.smtp_host() {
                Some(host) => format!("SMTP through {host}"),
                None => format!(
                    "written as files to {} (nobody receives them)",
                    settings.mail_dir().display()
                ),
            }),
        },
    )?;
    report(out, "database", database(settings))?;
    if let Some(host) = settings.smtp_host() {
        report(out, "mail server", smtp_reachable(settings, host))?;
    }
    if problems > 0 {
        anyhow::bail!(
            "{problems} problem{} found",
            if problems == 1 { "" } else { "s" }
        );
    }
    writeln!(out, "Everything checked is in order.")?;
    Ok(())
}

fn secret_strength(settings: &Settings) -> String {
    let length = settings.secret_key.expose_secret().chars().count();
    if settings.environment == Environment::Production && length < 64 {
        format!("{length} characters (64 random ones are recommended for production)")
    } else {
        format!("{length} characters")
    }
}

/// `http(s)://host[:port]`, nothing after the host but an optional `/`, and
/// `https` in production (cookies are only `Secure` then).
fn base_url(settings: &Settings) -> Result<String, String> {
    let url = settings.base_url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(format!(
            "BASE_URL must start with http:// or https://, got {url:?}"
        ));
    };
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "BASE_URL must start with http:// or https://, got {url:?}"
        ));
    }
    let authority = rest.trim_end_matches('/');
    if authority.is_empty() {
        return Err(format!("BASE_URL names no host: {url:?}"));
    }
    if authority.contains(['/', '?', '#', ' ', '@']) {
        return Err(format!(
            "BASE_URL must be the site's address alone, like https://brobyg.example.dk, \
             without a path or anything else: {url:?}"
        ));
    }
    if settings.environment == Environment::Production && scheme != "https" {
        return Err(format!(
            "BASE_URL must be https:// in production (links in emails and secure cookies): {url:?}"
        ));
    }
    Ok(settings.base_url().to_string())
}

/// Reachable and migrated: every migration this version brings has run.
fn database(settings: &Settings) -> Result<String, String> {
    let url = settings.database_url();
    let backend = Backend::from_url(url.expose_secret()).map_err(|e| e.to_string())?;
    let pending = pending_migrations(&backend).map_err(|e| format!("{e:#}"))?;
    if pending.is_empty() {
        Ok(format!("{} answers and is migrated", backend.describe()))
    } else {
        Err(format!(
            "{} answers but lacks {} migration{} ({}); the site runs them when it starts",
            backend.describe(),
            pending.len(),
            if pending.len() == 1 { "" } else { "s" },
            pending.join(", ")
        ))
    }
}

/// A TCP connection to the mail server is enough: the conversation itself
/// is the worker's.
fn smtp_reachable(settings: &Settings, host: &str) -> Result<String, String> {
    let port = settings.smtp_port.unwrap_or(match settings.smtp_security {
        SmtpSecurity::Tls => 465,
        SmtpSecurity::Starttls => 587,
        SmtpSecurity::None => 25,
    });
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot look up {host}: {e}"))?;
    let mut last = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, SMTP_TIMEOUT) {
            Ok(_) => return Ok(format!("{host}:{port} accepts connections")),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => format!("cannot connect to {host}:{port}: {e}"),
        None => format!("{host} has no address"),
    })
}
