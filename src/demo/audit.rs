//! A few rows of the audit log for the demo, so `/admin/revision` has
//! something to show: the staff actions the demo's history implies (the
//! administrator giving the coordinator their branches, the coordinator
//! deciding applications, activating and pausing brobyggere, looking at a
//! record, downloading the roster). The rows are written with the same
//! `app::audit::record` that the use cases use.

use anyhow::Context as _;

use crate::app::audit::{self, Actor, Object};
use crate::db::{DbConnection, users};
use crate::domain::audit::Action;

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let id = |conn: &mut DbConnection, email: &str| -> anyhow::Result<i64> {
        Ok(users::find_by_email(conn, email)?
            .with_context(|| format!("demo account {email}"))?
            .id)
    };
    let admin = Actor::new(id(conn, "admin@brobyg.test")?, "127.0.0.1");
    let coordinator_id = id(conn, "koordinator@brobyg.test")?;
    let coordinator = Actor::new(coordinator_id, "127.0.0.1");
    let branches = users::load_account(conn, coordinator_id)?
        .map(|a| a.branches)
        .unwrap_or_default();
    let rows: Vec<(&Actor, Action, Object, Option<&str>)> = vec![
        (
            &admin,
            Action::BranchesAssigned,
            Object::user(coordinator_id),
            Some("Afdelinger:  → Aarhus, Randers"),
        ),
        (
            &coordinator,
            Action::ApplicationAccepted,
            Object::user(id(conn, "frivillig@brobyg.test")?),
            None,
        ),
        (
            &coordinator,
            Action::VolunteerActivated,
            Object::user(id(conn, "frivillig@brobyg.test")?),
            None,
        ),
        (
            &coordinator,
            Action::VolunteerPaused,
            Object::user(id(conn, "emil.skov@brobyg.test")?),
            None,
        ),
        (
            &admin,
            Action::RegionsAssigned,
            Object::user(id(conn, "regional@brobyg.test")?),
            Some("Regioner:  → Midt"),
        ),
        (
            &coordinator,
            Action::VolunteerMoved,
            Object::user(id(conn, "lukas.winther@brobyg.test")?),
            Some("Aarhus → Randers"),
        ),
        (
            &coordinator,
            Action::VolunteerRecordViewed,
            Object::user(id(conn, "ansoeger@brobyg.test")?),
            None,
        ),
    ];
    for (by, action, object, detail) in rows {
        audit::record(conn, by, action, &object, detail)?;
    }
    if let Some(&branch) = branches.first() {
        let roster = Object::branch(branch);
        let detail = Some("aktive.csv");
        audit::record(
            conn,
            &coordinator,
            Action::ExportDownloaded,
            &roster,
            detail,
        )?;
    }
    Ok(())
}
