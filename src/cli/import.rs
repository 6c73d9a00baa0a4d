//! `brobyg import volunteers FILE.csv` and `brobyg import coordinators
//! FILE.csv`: the people Social Sundhed had before Brobyg (`app::imports`).
//!
//! Without `--apply` the command is a dry run: it prints every row with
//! what would happen and every problem, and writes nothing. With it, the
//! file is read and checked again and imported in one transaction. Any
//! problem is an `Err` (exit code 1) after the list of problems, and
//! nothing is written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use diesel::Connection as _;

use crate::app::audit::Actor;
use crate::app::imports::{self, Kind, Preview, Summary};
use crate::db::Db;
use crate::domain::Lang;
use crate::domain::import::Action;
use crate::i18n;

/// Who imports from the command line: no account, so the history says
/// "kommandolinjen".
fn actor() -> Actor {
    Actor {
        user_id: None,
        client: "kommandolinjen".into(),
    }
}

/// Reads `path` and prints the dry run; with `apply`, imports it. Problems
/// are printed and returned as an `Err`.
pub fn run(
    db: &Db,
    kind: Kind,
    path: &Path,
    apply: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut conn = db.conn()?;
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !apply {
        let preview = imports::preview_in(&mut conn, kind, &bytes)
            .map_err(|e| anyhow!(e).context("reading the database"))?;
        print_preview(&preview, out)?;
        refuse_problems(&preview)?;
        writeln!(
            out,
            "Tørkørsel: intet er gemt. Kør igen med --apply for at importere \
             (dry run: nothing was written; run again with --apply)."
        )?;
        return Ok(());
    }
    let result = conn
        .transaction(|c| imports::apply_in(c, kind, &bytes, &actor(), &label))
        .map_err(|e| anyhow!(e).context("writing to the database failed"))?;
    match result {
        Ok(summary) => print_summary(&summary, out),
        Err(preview) => {
            print_preview(&preview, out)?;
            refuse_problems(&preview)
        }
    }
}

fn action_text(action: Option<Action>) -> &'static str {
    match action {
        Some(Action::Create) => "opret",
        Some(Action::Update) => "opdatér",
        Some(Action::Unchanged) => "uændret",
        None => "fejl",
    }
}

/// Every row with its action, then every problem with line, column and
/// reason (in Danish, as on the site).
pub fn print_preview(preview: &Preview, out: &mut dyn Write) -> anyhow::Result<()> {
    for row in &preview.rows {
        writeln!(
            out,
            "linje {:>5}  {:<8}  {} <{}>",
            row.line,
            action_text(row.action),
            row.name,
            row.email
        )?;
    }
    writeln!(
        out,
        "{} oprettes, {} opdateres, {} uændrede, {} problemer",
        preview.created,
        preview.updated,
        preview.unchanged,
        preview.problems.len()
    )?;
    for p in &preview.problems {
        let column = p
            .column
            .as_deref()
            .map(|c| format!(", kolonne {c}"))
            .unwrap_or_default();
        writeln!(
            out,
            "linje {}{column}: {}",
            p.line,
            i18n::t(Lang::Da, p.reason)
        )?;
    }
    Ok(())
}

fn refuse_problems(preview: &Preview) -> anyhow::Result<()> {
    if !preview.is_clean() {
        bail!(
            "{} problemer i filen; intet er importeret ({} problems in the file; nothing was imported)",
            preview.problems.len(),
            preview.problems.len()
        );
    }
    Ok(())
}

fn print_summary(summary: &Summary, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "Importeret: {} oprettet, {} opdateret, {} uændret. {} har ingen adgangskode endnu; \
         send dem velkomstmailen fra /admin/brugere eller importsiden.",
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.without_password.len()
    )?;
    Ok(())
}

/// Asks at the terminal whether to import after a clean dry run.
pub fn confirm_at_terminal() -> anyhow::Result<bool> {
    let mut out = std::io::stdout();
    write!(out, "Importér nu? (import now?) [j/N] ")?;
    out.flush()?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .context("reading the answer")?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "j" | "ja" | "y" | "yes"
    ))
}
