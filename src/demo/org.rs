//! The organisation as of 2025-26 (DOMAIN.md): seven regions, their branches
//! with the regional head office first, and the demo accounts.

use crate::domain::Lang;
use diesel::QueryResult;

use crate::db::branches::{self, BranchFields};
use crate::db::{DbConnection, users};
use crate::domain::Role;
use crate::domain::names::slugify;

/// Regions and their branches; the first branch of each is the regional
/// head office. Holbæk, Roskilde and Mariagerfjord opened in 2026.
pub(crate) const ORGANISATION: &[(&str, &[&str])] = &[
    ("Hovedstaden", &["København", "Frederiksberg", "Brøndby"]),
    (
        "Sjælland",
        &["Køge", "Slagelse", "Nykøbing Falster", "Holbæk", "Roskilde"],
    ),
    ("Syd", &["Odense", "Svendborg", "Fredericia"]),
    ("Sydvest", &["Esbjerg"]),
    ("Aarhus", &["Aarhus"]),
    ("Midt", &["Randers", "Norddjurs", "Viborg"]),
    ("Nord", &["Aalborg", "Hjørring", "Thisted", "Mariagerfjord"]),
];

pub fn seed(conn: &mut DbConnection, password_hash: &str) -> QueryResult<()> {
    let mut branch_ids = std::collections::HashMap::new();
    for (region, names) in ORGANISATION {
        let region_id = branches::create_region(conn, region, &slugify(region))?;
        for (i, name) in names.iter().enumerate() {
            let slug = slugify(name);
            let email = format!("{slug}@brobyg.test");
            let id = branches::create(
                conn,
                &BranchFields {
                    region_id,
                    name,
                    slug: &slug,
                    is_head_office: i == 0,
                    email: &email,
                    phone: "70 70 20 25",
                    address: "",
                },
            )?;
            branch_ids.insert(*name, id);
        }
    }
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

    // The two volunteers' records, applications and histories come from
    // `demo::volunteers`, which walks them along the path.
    person(conn, "frivillig@brobyg.test", "Sara Nørgaard")?;
    person(conn, "ansoeger@brobyg.test", "Ahmad Rahimi")?;

    let professional = person(conn, "fagperson@brobyg.test", "Hanne Vestergaard")?;
    users::grant_role(conn, professional, Role::Professional)?;
    Ok(())
}
