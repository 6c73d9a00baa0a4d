//! `brobyg admin create` and `brobyg admin list`: the first administrator
//! of a new site, and who the administrators are.

use std::io::{BufRead, Write};

use anyhow::{Context as _, anyhow, bail};
use diesel::Connection as _;

use crate::app::accounts::{self, AdministratorMade};
use crate::app::audit::Actor;
use crate::config::Settings;
use crate::db::{Db, users};
use crate::domain::events::Links;
use crate::domain::{EmailAddress, names, password};

/// How the new administrator's password is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordChoice {
    /// Typed by the operator (at the terminal or on stdin).
    Given(String),
    /// A one-time link, valid 24 hours, printed for the operator to hand
    /// over; its owner chooses the password.
    Link,
}

/// Makes a verified, active administrator and writes what was done (and the
/// link, for `PasswordChoice::Link`) to `out`. An address that already has
/// an account, an invalid address or name and a password the site would not
/// accept are refused with an `Err` saying why.
pub fn create(
    db: &Db,
    settings: &Settings,
    email: &str,
    name: &str,
    choice: PasswordChoice,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email)
        .map_err(|_| anyhow!("{:?} is not a valid email address", email.trim()))?;
    let name = names::person_name(name)
        .map_err(|_| anyhow!("{:?} is not a usable name (1–200 characters)", name.trim()))?;
    let hash = match &choice {
        PasswordChoice::Given(given) => {
            let given = password::new_password(given, given).map_err(|why| {
                anyhow!(match why.0 {
                    "error-password-too-short" => format!(
                        "the password is too short: at least {} characters",
                        password::MIN_LENGTH
                    ),
                    "error-too-long" => format!(
                        "the password is too long: at most {} characters",
                        password::MAX_LENGTH
                    ),
                    _ => "the password holds characters that cannot be used".to_string(),
                })
            })?;
            Some(
                crate::auth::password::hash(&given)
                    .map_err(|e| anyhow!("could not hash the password: {e}"))?,
            )
        }
        PasswordChoice::Link => None,
    };
    let mut conn = db.conn()?;
    let made = db_write(&mut conn, |c| {
        accounts::create_administrator(c, &Actor::system(), &email, &name, hash.as_deref())
    })?;
    match made {
        AdministratorMade::Taken => bail!(
            "{} already has an account; no administrator was created \
             (der findes allerede en konto med den adresse)",
            email.as_str()
        ),
        AdministratorMade::Made { link: None, .. } => {
            writeln!(
                out,
                "Administrator {name} <{}> created; they can log in at {}/log-ind",
                email.as_str(),
                settings.base_url()
            )?;
        }
        AdministratorMade::Made {
            link: Some(path), ..
        } => {
            writeln!(
                out,
                "Administrator {name} <{}> created. Send them this link to choose a password \
                 (valid for 24 hours, once):",
                email.as_str()
            )?;
            writeln!(out, "{}", Links::new(settings.base_url()).absolute(&path))?;
        }
    }
    Ok(())
}

/// One transaction, as the site's writes are.
fn db_write<T>(
    conn: &mut crate::db::DbConnection,
    f: impl FnOnce(&mut crate::db::DbConnection) -> Result<T, crate::app::Error>,
) -> anyhow::Result<T> {
    conn.transaction(f)
        .map_err(|e| anyhow!(e).context("writing to the database failed"))
}

/// Lists the administrators: name, address, when made, whether two-factor
/// login is on (and whether the account is deactivated).
pub fn list(db: &Db, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut conn = db.conn()?;
    let admins = users::administrators(&mut conn).context("reading the administrators")?;
    if admins.is_empty() {
        writeln!(
            out,
            "No administrators yet: make one with `brobyg admin create`."
        )?;
        return Ok(());
    }
    let name_width = admins.iter().map(|a| a.name.chars().count()).max();
    let email_width = admins.iter().map(|a| a.email.chars().count()).max();
    let (nw, ew) = (
        name_width.unwrap_or(4).max(4),
        email_width.unwrap_or(5).max(5),
    );
    writeln!(
        out,
        "{:nw$}  {:ew$}  {:16}  two-factor",
        "name", "email", "created"
    )?;
    for a in &admins {
        writeln!(
            out,
            "{:nw$}  {:ew$}  {:16}  {}{}",
            a.name,
            a.email,
            a.created_at.format("%Y-%m-%d %H:%M").to_string(),
            if a.two_factor { "on" } else { "off" },
            if a.deactivated { " (deactivated)" } else { "" },
        )?;
    }
    Ok(())
}

/// The password for `create` from stdin: the first line, without its line
/// ending (`--password-stdin`, and when stdin is not a terminal).
pub fn read_password_line(input: &mut dyn BufRead) -> anyhow::Result<String> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("no password on stdin");
    }
    Ok(password)
}

/// Asks for the password twice at the terminal, without echoing it.
pub fn prompt_password() -> anyhow::Result<String> {
    let first = rpassword::prompt_password("Password: ").context("reading the password")?;
    let again = rpassword::prompt_password("Password again: ").context("reading the password")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

/// The password as the command line asks for it: from stdin when told to
/// or when stdin is not a terminal, else at the terminal.
pub fn password_from_stdin_or_terminal(from_stdin: bool) -> anyhow::Result<String> {
    use std::io::IsTerminal as _;
    let stdin = std::io::stdin();
    if from_stdin || !stdin.is_terminal() {
        read_password_line(&mut stdin.lock())
    } else {
        prompt_password()
    }
}
