//! The organisation file (`course-material/organisation.toml`): regions and
//! their branches as the national secretariat keeps them. `parse` checks the
//! whole file before anything is written, so that an import is all or
//! nothing and a mistake is explained without touching the database.
//!
//! Regions and branches are identified by their slug (from the name unless
//! the file gives one): renaming "Nord" to "Nordjylland" with `slug =
//! "nord"` updates the region instead of making a second one.

use serde::Deserialize;

use super::EmailAddress;
use super::names::slugify;

/// A checked organisation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub regions: Vec<RegionPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPlan {
    pub name: String,
    pub slug: String,
    pub branches: Vec<BranchPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchPlan {
    pub name: String,
    pub slug: String,
    pub head_office: bool,
    /// Where replies to the branch's course emails go.
    pub email: EmailAddress,
    pub phone: String,
    pub address: String,
}

impl Organisation {
    pub fn branch_count(&self) -> usize {
        self.regions.iter().map(|r| r.branches.len()).sum()
    }
}

/// Why a file was refused. The messages name the region or branch (files
/// are edited by hand, and a name is easier to find than a position), in
/// English with the Danish in brackets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationError {
    #[error("not valid TOML (ikke gyldig TOML): {0}")]
    Toml(String),
    #[error("the file names no regions (filen nævner ingen regioner)")]
    NoRegions,
    #[error("region number {0} has no name (en region mangler navn)")]
    RegionWithoutName(usize),
    #[error("region {region:?}: branch number {position} has no name (en afdeling mangler navn)")]
    BranchWithoutName { region: String, position: usize },
    #[error("{what} {name:?}: the slug {slug:?} is not usable, use a-z, 0-9 and - (ugyldig slug)")]
    BadSlug {
        what: &'static str,
        name: String,
        slug: String,
    },
    #[error("region {name:?} appears twice, as slug {slug:?} (regionen står to gange)")]
    DuplicateRegion { name: String, slug: String },
    #[error("branch {name:?} appears twice, as slug {slug:?} (afdelingen står to gange)")]
    DuplicateBranch { name: String, slug: String },
    #[error("branch {0:?} has no contact email (afdelingen mangler en e-mailadresse)")]
    MissingEmail(String),
    #[error("branch {branch:?}: {email:?} is not a valid email address (ugyldig e-mailadresse)")]
    BadEmail { branch: String, email: String },
    #[error("region {0:?} has more than one head office (højst ét hovedsæde pr. region)")]
    HeadOffices(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default, rename = "region")]
    regions: Vec<RegionToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionToml {
    #[serde(default)]
    name: String,
    slug: Option<String>,
    #[serde(default, rename = "branch")]
    branches: Vec<BranchToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BranchToml {
    #[serde(default)]
    name: String,
    slug: Option<String>,
    #[serde(default)]
    head_office: bool,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
}

/// Parses and checks an organisation file: every region and branch named,
/// slugs unique (regions among regions, branches among all branches, as
/// the database keeps them), a valid contact email for every branch and at
/// most one head office per region.
pub fn parse(text: &str) -> Result<Organisation, OrganisationError> {
    let file: FileToml =
        toml::from_str(text).map_err(|e| OrganisationError::Toml(e.message().to_string()))?;
    if file.regions.is_empty() {
        return Err(OrganisationError::NoRegions);
    }
    let mut region_slugs = std::collections::HashSet::new();
    let mut branch_slugs = std::collections::HashSet::new();
    let mut regions = Vec::with_capacity(file.regions.len());
    for (i, region) in file.regions.into_iter().enumerate() {
        let name = region.name.trim().to_string();
        if name.is_empty() {
            return Err(OrganisationError::RegionWithoutName(i + 1));
        }
        let slug = slug_of("region", &name, region.slug.as_deref())?;
        if !region_slugs.insert(slug.clone()) {
            return Err(OrganisationError::DuplicateRegion { name, slug });
        }
        let mut branches = Vec::with_capacity(region.branches.len());
        for (j, branch) in region.branches.into_iter().enumerate() {
            let branch_name = branch.name.trim().to_string();
            if branch_name.is_empty() {
                return Err(OrganisationError::BranchWithoutName {
                    region: name,
                    position: j + 1,
                });
            }
            let branch_slug = slug_of("branch", &branch_name, branch.slug.as_deref())?;
            if !branch_slugs.insert(branch_slug.clone()) {
                return Err(OrganisationError::DuplicateBranch {
                    name: branch_name,
                    slug: branch_slug,
                });
            }
            let email = branch.email.trim();
            if email.is_empty() {
                return Err(OrganisationError::MissingEmail(branch_name));
            }
            let email = EmailAddress::parse(email).map_err(|_| OrganisationError::BadEmail {
                branch: branch_name.clone(),
                email: email.to_string(),
            })?;
            branches.push(BranchPlan {
                name: branch_name,
                slug: branch_slug,
                head_office: branch.head_office,
                email,
                phone: branch.phone.trim().to_string(),
                address: branch.address.trim().to_string(),
            });
        }
        if branches.iter().filter(|b| b.head_office).count() > 1 {
            return Err(OrganisationError::HeadOffices(name));
        }
        regions.push(RegionPlan {
            name,
            slug,
            branches,
        });
    }
    Ok(Organisation { regions })
}

/// The given slug if it is one (what `slugify` would keep), else the name's.
fn slug_of(
    what: &'static str,
    name: &str,
    given: Option<&str>,
) -> Result<String, OrganisationError> {
    let slug = match given {
        Some(given) => given.trim().to_string(),
        None => slugify(name),
    };
    if slug.is_empty() || slugify(&slug) != slug {
        return Err(OrganisationError::BadSlug {
            what,
            name: name.to_string(),
            slug,
        });
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[region]]
name = "Nord"

[[region.branch]]
name = "Aalborg"
head_office = true
email = "aalborg@example.dk"
phone = "12 34 56 78"
address = "Boulevarden 1, 9000 Aalborg"

[[region.branch]]
name = "Hjørring"
email = " info@example.dk "

[[region]]
name = "Nordjylland"
slug = "nordjylland-vest"

[[region.branch]]
name = "Thisted"
email = "info@example.dk"
"#;

    #[test]
    fn a_good_file_gives_regions_and_branches_with_slugs() {
        let org = parse(GOOD).expect("parses");
        assert_eq!(org.regions.len(), 2);
        assert_eq!(org.branch_count(), 3);
        let nord = &org.regions[0];
        assert_eq!((nord.name.as_str(), nord.slug.as_str()), ("Nord", "nord"));
        assert_eq!(nord.branches[1].slug, "hjoerring");
        assert_eq!(nord.branches[1].email.as_str(), "info@example.dk");
        assert!(nord.branches[0].head_office && !nord.branches[1].head_office);
        assert_eq!(
            nord.branches[1].address, "",
            "an unknown address stays empty"
        );
        assert_eq!(org.regions[1].slug, "nordjylland-vest");
    }

    #[test]
    fn the_organisation_file_of_the_course_material_parses() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/course-material/organisation.toml"
        ))
        .expect("the file");
        let org = parse(&text).expect("parses");
        assert_eq!(org.regions.len(), 7);
        assert_eq!(org.branch_count(), 20, "17 of 2025 and three of 2026");
        for region in &org.regions {
            assert_eq!(
                region.branches.iter().filter(|b| b.head_office).count(),
                1,
                "{}",
                region.name
            );
        }
    }

    fn refused(text: &str) -> String {
        parse(text).expect_err("refused").to_string()
    }

    #[test]
    fn duplicates_are_refused_by_name() {
        let twice = "[[region]]\nname = \"Syd\"\n[[region]]\nname = \"syd\"\n";
        assert_eq!(
            refused(twice),
            "region \"syd\" appears twice, as slug \"syd\" (regionen står to gange)"
        );
        let branch_twice = "[[region]]\nname = \"Syd\"\n\
            [[region.branch]]\nname = \"Odense\"\nemail = \"a@b.dk\"\n\
            [[region]]\nname = \"Midt\"\n\
            [[region.branch]]\nname = \"Odense\"\nemail = \"a@b.dk\"\n";
        assert!(refused(branch_twice).starts_with("branch \"Odense\" appears twice"));
    }

    #[test]
    fn empty_names_bad_emails_and_slugs_are_refused() {
        assert_eq!(
            refused("[[region]]\nname = \" \"\n"),
            "region number 1 has no name (en region mangler navn)"
        );
        let no_branch_name =
            "[[region]]\nname = \"Syd\"\n[[region.branch]]\nname = \"\"\nemail = \"a@b.dk\"\n";
        assert!(refused(no_branch_name).contains("branch number 1 has no name"));
        let bad_email = "[[region]]\nname = \"Syd\"\n[[region.branch]]\nname = \"Odense\"\nemail = \"odense\"\n";
        assert_eq!(
            refused(bad_email),
            "branch \"Odense\": \"odense\" is not a valid email address (ugyldig e-mailadresse)"
        );
        let no_email = "[[region]]\nname = \"Syd\"\n[[region.branch]]\nname = \"Odense\"\n";
        assert!(refused(no_email).contains("has no contact email"));
        let bad_slug = "[[region]]\nname = \"Syd\"\nslug = \"Syd Danmark\"\n";
        assert!(refused(bad_slug).contains("slug \"Syd Danmark\" is not usable"));
    }

    #[test]
    fn two_head_offices_unknown_fields_and_bad_toml_are_refused() {
        let two = "[[region]]\nname = \"Syd\"\n\
            [[region.branch]]\nname = \"Odense\"\nhead_office = true\nemail = \"a@b.dk\"\n\
            [[region.branch]]\nname = \"Svendborg\"\nhead_office = true\nemail = \"a@b.dk\"\n";
        assert!(refused(two).contains("more than one head office"));
        assert!(refused("[[region]]\nname = \"Syd\"\nnavn = \"x\"\n").contains("navn"));
        assert!(refused("[[region]\n").starts_with("not valid TOML"));
        assert_eq!(
            refused(""),
            "the file names no regions (filen nævner ingen regioner)"
        );
    }
}
