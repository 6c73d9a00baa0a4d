//! GenLær course files (`course-material/genlaer/*.md`): TOML front matter
//! with the course's facts, the description in Markdown below it. Read by
//! the demo (embedded) and by `brobyg courses import DIR` (from disk); both
//! go through `check` and then `app::reference_data::courses`.

use serde::Deserialize;

use super::Document;
use crate::db::courses::CourseFields;
use crate::domain::genlaer::{Audience, CourseFormat};
use crate::domain::names::slugify;

/// The front matter of a course file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseMeta {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub audience: Audience,
    pub target_group: String,
    pub hours: f64,
    pub format: CourseFormat,
    /// Kroner.
    pub price: f64,
    #[serde(default)]
    pub vat_note: String,
    /// A region's name; absent: national.
    pub region: Option<String>,
    #[serde(default)]
    pub learning_goals: String,
    #[serde(default)]
    pub cancellation_terms: String,
    #[serde(default = "published")]
    pub published: bool,
}

fn published() -> bool {
    true
}

impl CourseMeta {
    /// The course's columns; `region_id` is the region the file names.
    pub fn fields(&self, description: &str, region_id: Option<i64>) -> CourseFields {
        CourseFields {
            slug: self.slug.trim().to_string(),
            title: self.title.trim().to_string(),
            summary: self.summary.trim().to_string(),
            description: description.to_string(),
            audience: self.audience,
            target_group: self.target_group.trim().to_string(),
            learning_goals: self.learning_goals.trim().to_string(),
            minutes: (self.hours * 60.0).round() as i32,
            format: self.format,
            price_ore: (self.price * 100.0).round() as i64,
            vat_note: self.vat_note.clone(),
            cancellation_terms: self.cancellation_terms.clone(),
            late_free_if_refilled: true,
            region_id,
            published: self.published,
        }
    }
}

/// The longest course a file may describe: a year of working days.
const MAX_HOURS: f64 = 2000.0;

/// Checks parsed course files before anything is written: a usable slug
/// (the database and links refer to it), a title, positive hours, a price
/// that is not negative, and no slug twice. The message names the file.
pub fn check(files: &[Document<CourseMeta>]) -> Result<(), String> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for file in files {
        let m = &file.meta;
        let path = &file.path;
        let slug = m.slug.trim();
        if slug.is_empty() || slugify(slug) != slug {
            return Err(format!(
                "{path}: the slug {slug:?} is not usable, use a-z, 0-9 and - (ugyldig slug)"
            ));
        }
        if m.title.trim().is_empty() {
            return Err(format!(
                "{path}: the course has no title (kurset mangler en titel)"
            ));
        }
        if !(m.hours > 0.0 && m.hours <= MAX_HOURS) {
            return Err(format!(
                "{path}: hours must be above 0 and at most {MAX_HOURS} (ugyldigt timetal)"
            ));
        }
        if !(m.price >= 0.0 && m.price.is_finite()) {
            return Err(format!(
                "{path}: the price cannot be negative (ugyldig pris)"
            ));
        }
        if let Some(first) = seen.insert(slug.to_string(), path) {
            return Err(format!(
                "{path}: the slug {slug:?} is also used by {first} (slug brugt to gange)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, slug: &str, hours: f64, price: f64) -> Document<CourseMeta> {
        let text = format!(
            "+++\nslug = \"{slug}\"\ntitle = \"Kursus\"\nsummary = \"Kort\"\n\
             audience = \"professionals\"\ntarget_group = \"alle\"\nhours = {hours}\n\
             format = \"both\"\nprice = {price}\n+++\nTekst\n"
        );
        super::super::parse(path, &text).expect("parses")
    }

    #[test]
    fn good_files_pass_and_give_minutes_and_oere() {
        let files = vec![file("a.md", "a", 3.5, 1250.0), file("b.md", "b", 1.0, 0.0)];
        assert_eq!(check(&files), Ok(()));
        let fields = files[0].meta.fields(&files[0].body, Some(7));
        assert_eq!(fields.minutes, 210);
        assert_eq!(fields.price_ore, 125_000);
        assert_eq!(fields.region_id, Some(7));
        assert!(fields.published, "published unless the file says otherwise");
    }

    #[test]
    fn mistakes_are_refused_naming_the_file() {
        let twice = vec![file("a.md", "a", 1.0, 0.0), file("b.md", "a", 1.0, 0.0)];
        assert_eq!(
            check(&twice),
            Err("b.md: the slug \"a\" is also used by a.md (slug brugt to gange)".into())
        );
        let bad_slug = check(&[file("c.md", "Med Mellemrum", 1.0, 0.0)]).expect_err("refused");
        assert!(bad_slug.starts_with("c.md: the slug"), "{bad_slug}");
        let no_hours = check(&[file("d.md", "d", 0.0, 0.0)]).expect_err("refused");
        assert!(no_hours.starts_with("d.md: hours"), "{no_hours}");
        let negative = check(&[file("e.md", "e", 1.0, -5.0)]).expect_err("refused");
        assert!(negative.contains("price"), "{negative}");
    }

    #[test]
    fn the_course_material_passes() {
        let files = super::super::load_folder::<CourseMeta>("genlaer/").expect("parses");
        assert_eq!(files.len(), 5);
        assert_eq!(check(&files), Ok(()));
    }
}
