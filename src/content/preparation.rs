//! The preparation course's material (`course-material/forberedelseskursus/`)
//! and the versions of the confidentiality declaration
//! (`course-material/tavshedserklaering/`).
//!
//! The files are embedded in the binary and never change while it runs, so
//! they are parsed once and kept, like the translations. They are the
//! source of a fresh database (`app::site_content` seeds its tables from
//! them); once seeded, the site reads and edits the database's copy. The
//! database refers to modules by their `id` and to the declaration by its
//! `version`.

use std::sync::OnceLock;

use super::{ContentError, load_folder, markdown_to_html};
use crate::domain::curriculum::{Curriculum, CurriculumError, Module, ModuleMeta};
use crate::domain::declaration::DeclarationMeta;

pub const MODULE_FOLDER: &str = "forberedelseskursus/";
pub const DECLARATION_FOLDER: &str = "tavshedserklaering/";

/// The sections every module has, in this order.
pub const SECTIONS: [&str; 4] = ["Formål", "Indhold", "Øvelser", "Refleksionsspørgsmål"];

#[derive(Debug, thiserror::Error)]
pub enum MaterialError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Curriculum(#[from] CurriculumError),
    #[error("{0}: the sections must be {SECTIONS:?}, as `## ` headings in that order")]
    Sections(String),
    #[error("no version of the confidentiality declaration")]
    NoDeclaration,
    #[error("declaration version {0} exists twice")]
    DuplicateDeclaration(i32),
}

#[derive(Debug, Clone)]
pub struct ModuleText {
    pub module: Module,
    /// The file's Markdown body.
    pub markdown: String,
    /// The file's Markdown body as safe HTML.
    pub html: String,
}

#[derive(Debug, Clone)]
pub struct Declaration {
    pub meta: DeclarationMeta,
    pub markdown: String,
    pub html: String,
}

#[derive(Debug, Clone)]
pub struct Material {
    pub curriculum: Curriculum,
    modules: Vec<ModuleText>,
    /// Oldest version first.
    declarations: Vec<Declaration>,
}

impl Material {
    pub fn module(&self, id: &str) -> Option<&ModuleText> {
        self.modules.iter().find(|m| m.module.id == id)
    }

    pub fn modules(&self) -> &[ModuleText] {
        &self.modules
    }

    pub fn declaration(&self, version: i32) -> Option<&Declaration> {
        self.declarations.iter().find(|d| d.meta.version == version)
    }

    pub fn declarations(&self) -> &[Declaration] {
        &self.declarations
    }
}

fn headings(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(str::trim)
        .collect()
}

/// Reads and checks the material. `material()` keeps the result.
pub fn load() -> Result<Material, MaterialError> {
    let docs = load_folder::<ModuleMeta>(MODULE_FOLDER)?;
    let mut modules = Vec::with_capacity(docs.len());
    for doc in &docs {
        if headings(&doc.body) != SECTIONS {
            return Err(MaterialError::Sections(doc.path.clone()));
        }
        modules.push(ModuleText {
            module: Module::from_meta(&doc.meta)?,
            html: markdown_to_html(&doc.body),
            markdown: doc.body.clone(),
        });
    }
    let curriculum = Curriculum::new(modules.iter().map(|m| m.module.clone()).collect())?;
    modules.sort_by_key(|m| m.module.order);
    let mut declarations: Vec<Declaration> = load_folder::<DeclarationMeta>(DECLARATION_FOLDER)?
        .into_iter()
        .map(|doc| Declaration {
            html: markdown_to_html(&doc.body),
            markdown: doc.body,
            meta: doc.meta,
        })
        .collect();
    declarations.sort_by_key(|d| d.meta.version);
    if declarations.is_empty() {
        return Err(MaterialError::NoDeclaration);
    }
    if let Some(pair) = declarations
        .windows(2)
        .find(|p| p[0].meta.version == p[1].meta.version)
    {
        return Err(MaterialError::DuplicateDeclaration(pair[0].meta.version));
    }
    Ok(Material {
        curriculum,
        modules,
        declarations,
    })
}

/// Whether a module's Markdown has the sections every module has.
pub fn has_sections(markdown: &str) -> bool {
    headings(markdown) == SECTIONS
}

/// The material, parsed on first use. A broken file is a fault of the
/// release (the tests catch it), reported as a server error.
pub fn material() -> anyhow::Result<&'static Material> {
    static MATERIAL: OnceLock<Result<Material, String>> = OnceLock::new();
    MATERIAL
        .get_or_init(|| load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| anyhow::anyhow!("course material: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preparation_course_is_twenty_hours() {
        let material = load().expect("the course material parses");
        let all: i32 = material
            .curriculum
            .modules()
            .iter()
            .map(|m| m.minutes)
            .sum();
        assert_eq!(all, 20 * 60, "the modules add up to 20 hours");
        assert_eq!(material.curriculum.total_minutes(), 20 * 60);
        assert!(material.curriculum.modules().len() >= 8);
    }

    #[test]
    fn every_module_has_purpose_content_exercises_and_reflection() {
        let material = load().expect("the course material parses");
        for m in material.modules() {
            for section in SECTIONS {
                assert!(
                    m.html.contains(&format!("<h2>{section}</h2>")),
                    "{}: {section}",
                    m.module.id
                );
            }
            assert!(m.html.len() > 2500, "{} is real text", m.module.id);
        }
        let confidentiality = material
            .curriculum
            .modules()
            .iter()
            .find(|m| m.order == 5)
            .expect("module 5");
        assert_eq!(confidentiality.title, "Tavshedspligt og etik");
        let lgbt = material
            .module("lgbt-venlig-praksis")
            .expect("LGBT+ module");
        assert!(lgbt.html.contains("pronomen"));
    }

    #[test]
    fn declarations_are_versioned_from_one() {
        let material = load().expect("the course material parses");
        let versions: Vec<i32> = material
            .declarations()
            .iter()
            .map(|d| d.meta.version)
            .collect();
        assert_eq!(versions[0], 1);
        assert!(
            versions.windows(2).all(|w| w[1] == w[0] + 1),
            "{versions:?}"
        );
        assert!(
            material
                .declaration(1)
                .is_some_and(|d| d.html.contains("tavshed"))
        );
    }
}
