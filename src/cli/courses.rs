//! `brobyg courses import DIR`: the GenLær courses of a folder of Markdown
//! files (like `course-material/genlaer/`) into the database, matched by
//! slug, in one transaction; the demo loads its catalogue the same way.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};

use crate::app::reference_data;
use crate::content::courses::{self, CourseMeta};
use crate::content::{self, Document};
use crate::db::Db;

/// Reads every `*.md` file of `dir` (in name order), checks them all, then
/// imports them and writes a summary to `out`. A mistake in any file, or a
/// region the database lacks, is refused naming the file; nothing is
/// written then.
pub fn import(db: &Db, dir: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let files = read_dir(dir)?;
    if files.is_empty() {
        bail!("{}: no course files (*.md) found", dir.display());
    }
    courses::check(&files).map_err(|why| anyhow!("{why}; nothing was imported"))?;
    let mut conn = db.conn()?;
    let done = reference_data::courses(&mut conn, &files)
        .map_err(|e| anyhow!(e).context("writing to the database failed; nothing was imported"))?
        .map_err(|why| anyhow!("{why}; nothing was imported (intet er indlæst)"))?;
    writeln!(
        out,
        "{} kurser: {}",
        done.courses.total(),
        super::org::counts(&done.courses)
    )?;
    if done.courses.created + done.courses.changed == 0 {
        writeln!(
            out,
            "Intet ændret: databasen svarer allerede til filerne (nothing changed)."
        )?;
    }
    Ok(())
}

fn read_dir(dir: &Path) -> anyhow::Result<Vec<Document<CourseMeta>>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("could not read {}", dir.display()))?
            .path();
        // README.md explains a folder; it is no course.
        let is_course = path.extension().is_some_and(|e| e == "md")
            && !path
                .file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
        if is_course && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            content::parse(&path.display().to_string(), &text)
                .map_err(|e| anyhow!("{e}; nothing was imported"))
        })
        .collect()
}
