//! The organisation of `course-material/organisation.toml` (the file
//! `brobyg org import` loads in production), with demo contact addresses,
//! and the demo accounts.

use crate::domain::Lang;
use anyhow::Context as _;
use diesel::QueryResult;

use crate::db::branches;
use crate::db::{DbConnection, users};
use crate::domain::EmailAddress;
use crate::domain::Role;
use crate::domain::organisation::{self, Organisation};

/// The organisation file embedded with the course material.
pub(crate) fn organisation() -> anyhow::Result<Organisation> {
    let file = crate::content::MaterialFiles::get("organisation.toml")
        .context("organisation.toml is missing from the course material")?;
    organisation::parse(&String::from_utf8_lossy(&file.data))
        .context("course-material/organisation.toml")
}

pub fn seed(conn: &mut DbConnection, password_hash: &str) -> anyhow::Result<()> {
    let mut org = organisation()?;
    // Demo emails reply to the branches: they must not reach the real
    // secretariat's inbox, so the demo keeps its own addresses.
    for branch in org.regions.iter_mut().flat_map(|r| r.branches.iter_mut()) {
        branch.email = EmailAddress::parse(&format!("{}@brobyg.test", branch.slug))
            .map_err(|_| anyhow::anyhow!("demo address for {}", branch.slug))?;
    }
    crate::app::reference_data::organisation(conn, &org)?;
    seed_people(conn, password_hash)?;
    Ok(())
}

fn seed_people(conn: &mut DbConnection, password_hash: &str) -> QueryResult<()> {
    let branch_ids: std::collections::HashMap<String, i64> = branches::all(conn)?
        .into_iter()
        .map(|b| (b.branch.name, b.branch.id))
        .collect();
    let branch = |name: &str| {
        branch_ids
            .get(name)
            .copied()
            .ok_or(diesel::result::Error::NotFound)
    };

    let person = |conn: &mut DbConnection, email: &str, name: &str| {
        users::create(
            conn,
            &users::NewUser {
                email,
                name,
                phone: None,
                password_hash: Some(password_hash),
                verified: true,
                language: Lang::Da,
            },
        )
    };

    let admin = person(conn, "admin@brobyg.test", "Lone Damgaard")?;
    users::grant_role(conn, admin, Role::Admin)?;

    let coordinator = person(conn, "koordinator@brobyg.test", "Mads Kjærgaard")?;
    users::set_coordinator_branches(conn, coordinator, &[branch("Aarhus")?, branch("Randers")?])?;

    // A regional coordinator: every branch of Midt (Randers, Norddjurs,
    // Viborg), side by side at /koordinator/region/{id}.
    let regional = person(conn, "regional@brobyg.test", "Birgitte Holm")?;
    let midt = branches::region_by_slug(conn, "midt")?.ok_or(diesel::result::Error::NotFound)?;
    users::set_coordinator_regions(conn, regional, &[midt.id])?;

    // The two volunteers' records, applications and histories come from
    // `demo::volunteers`, which walks them along the path.
    person(conn, "frivillig@brobyg.test", "Sara Nørgaard")?;
    person(conn, "ansoeger@brobyg.test", "Ahmad Rahimi")?;

    let professional = person(conn, "fagperson@brobyg.test", "Hanne Vestergaard")?;
    users::grant_role(conn, professional, Role::Professional)?;
    Ok(())
}
