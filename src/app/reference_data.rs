//! Loading the organisation and the GenLær catalogue from files into any
//! database: `brobyg org import` and `brobyg courses import`, and the demo,
//! which loads the same files through the same functions.
//!
//! Both are idempotent: rows are matched by slug, updated when the file
//! differs and never deleted (branches and courses have sessions, bookings
//! and people hanging on them). Each runs in one transaction: a refusal or
//! a fault writes nothing.

use diesel::Connection as _;

use crate::app::{Abort, Error};
use crate::content::Document;
use crate::content::courses::CourseMeta;
use crate::db::DbConnection;
use crate::db::branches::{self, BranchFields};
use crate::db::courses::{self, CourseFields};
use crate::domain::organisation::Organisation;

/// How an import went: what the file holds and what changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.created + self.changed + self.unchanged
    }

    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Created,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationImported {
    pub regions: Counts,
    pub branches: Counts,
}

impl OrganisationImported {
    pub fn changed_nothing(&self) -> bool {
        self.regions.created + self.regions.changed + self.branches.created + self.branches.changed
            == 0
    }
}

/// Creates or updates every region and branch of `org` (a checked file),
/// matched by slug, in one transaction.
pub fn organisation(
    conn: &mut DbConnection,
    org: &Organisation,
) -> Result<OrganisationImported, Error> {
    conn.transaction(|conn| {
        let mut done = OrganisationImported::default();
        for region in &org.regions {
            let region_id = match branches::region_by_slug(conn, &region.slug)? {
                None => {
                    done.regions.count(Outcome::Created);
                    branches::create_region(conn, &region.name, &region.slug)?
                }
                Some(existing) if existing.name == region.name => {
                    done.regions.count(Outcome::Unchanged);
                    existing.id
                }
                Some(existing) => {
                    done.regions.count(Outcome::Changed);
                    branches::rename_region(conn, existing.id, &region.name, &region.slug)?;
                    existing.id
                }
            };
            for branch in &region.branches {
                let fields = BranchFields {
                    region_id,
                    name: &branch.name,
                    slug: &branch.slug,
                    is_head_office: branch.head_office,
                    email: branch.email.as_str(),
                    phone: &branch.phone,
                    address: &branch.address,
                };
                let outcome = match branches::by_slug(conn, &branch.slug)? {
                    None => {
                        branches::create(conn, &fields)?;
                        Outcome::Created
                    }
                    Some(existing) if same_branch(&existing, &fields) => Outcome::Unchanged,
                    Some(existing) => {
                        branches::update(conn, existing.id, &fields)?;
                        Outcome::Changed
                    }
                };
                done.branches.count(outcome);
            }
        }
        Ok(done)
    })
}

fn same_branch(row: &branches::Branch, f: &BranchFields<'_>) -> bool {
    row.region_id == f.region_id
        && row.name == f.name
        && row.is_head_office == f.is_head_office
        && row.email == f.email
        && row.phone == f.phone
        && row.address == f.address
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoursesImported {
    pub courses: Counts,
}

/// Creates or updates the courses of `files` (parsed course files),
/// matched by slug, in one transaction. A course naming a region the
/// database lacks is refused, naming its file; nothing is written then.
pub fn courses(
    conn: &mut DbConnection,
    files: &[Document<CourseMeta>],
) -> Result<Result<CoursesImported, String>, Error> {
    let result = conn.transaction::<_, Abort<String>, _>(|conn| {
        let regions = branches::regions(conn)?;
        let mut done = CoursesImported::default();
        for file in files {
            let region_id = match &file.meta.region {
                None => None,
                Some(name) => Some(
                    regions
                        .iter()
                        .find(|r| &r.name == name)
                        .map(|r| r.id)
                        .ok_or_else(|| {
                            Abort::Refused(format!(
                                "{}: there is no region named {name:?}; load the organisation \
                                 first with `brobyg org import` (regionen findes ikke)",
                                file.path
                            ))
                        })?,
                ),
            };
            let fields = file.meta.fields(&file.body, region_id);
            let outcome = match courses::by_slug(conn, &fields.slug)? {
                None => {
                    courses::create(conn, &fields)?;
                    Outcome::Created
                }
                Some(existing) if same_course(&existing, &fields) => Outcome::Unchanged,
                Some(existing) => {
                    courses::update(conn, existing.id, &fields)?;
                    Outcome::Changed
                }
            };
            done.courses.count(outcome);
        }
        Ok(done)
    });
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(Abort::Refused(why)) => Ok(Err(why)),
        Err(Abort::Failed(e)) => Err(e),
    }
}

fn same_course(row: &courses::Course, f: &CourseFields) -> bool {
    row.title == f.title
        && row.summary == f.summary
        && row.description == f.description
        && row.audience == f.audience
        && row.target_group == f.target_group
        && row.learning_goals == f.learning_goals
        && row.minutes == f.minutes
        && row.format == f.format
        && row.price_ore == f.price_ore
        && row.vat_note == f.vat_note
        && row.cancellation_terms == f.cancellation_terms
        && row.late_free_if_refilled == f.late_free_if_refilled
        && row.region_id == f.region_id
        && row.published == f.published
}
