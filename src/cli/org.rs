//! `brobyg org import FILE`: the regions and branches of an organisation
//! file (`course-material/organisation.toml`) into the database, matched by
//! slug, in one transaction; never deletes.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, anyhow};

use crate::app::reference_data::{self, Counts, OrganisationImported};
use crate::db::Db;
use crate::domain::organisation;

/// Checks the whole file, then imports it and writes a summary to `out`.
/// A file with a mistake is refused with an `Err` saying why; nothing is
/// written then.
pub fn import(db: &Db, path: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let org = organisation::parse(&text).map_err(|why| {
        anyhow!(
            "{}: {why}; nothing was imported (intet er indlæst)",
            path.display()
        )
    })?;
    let mut conn = db.conn()?;
    let done = reference_data::organisation(&mut conn, &org)
        .map_err(|e| anyhow!(e).context("writing to the database failed; nothing was imported"))?;
    writeln!(out, "{}", summary(&done))?;
    Ok(())
}

/// "7 regioner, 20 afdelinger: 20 oprettet, 0 ændret, 0 uændret", and a
/// word when the database already matched the file.
pub fn summary(done: &OrganisationImported) -> String {
    let mut said = format!(
        "{} regioner, {} afdelinger: {}",
        done.regions.total(),
        done.branches.total(),
        counts(&done.branches)
    );
    if done.regions.created + done.regions.changed > 0 {
        said.push_str(&format!(
            "\nregioner: {} oprettet, {} ændret",
            done.regions.created, done.regions.changed
        ));
    }
    if done.changed_nothing() {
        said.push_str("\nIntet ændret: databasen svarer allerede til filen (nothing changed).");
    }
    said
}

pub(crate) fn counts(c: &Counts) -> String {
    format!(
        "{} oprettet, {} ændret, {} uændret",
        c.created, c.changed, c.unchanged
    )
}
