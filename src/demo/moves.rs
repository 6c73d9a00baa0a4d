//! A brobygger who moved branch: Lukas Winther, trained and active in
//! Aarhus, moved to Randers (a student moving city) with his history,
//! hours, declaration and supervision, through the same step the
//! coordinators' page uses, so the emails are in the outbox to read.

use anyhow::{Context as _, anyhow};

use crate::app::volunteers::moves::record_move;
use crate::db::{DbConnection, branches, users, volunteers};

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let id = |conn: &mut DbConnection, email: &str| -> anyhow::Result<i64> {
        Ok(users::find_by_email(conn, email)?
            .with_context(|| format!("demo account {email}"))?
            .id)
    };
    let lukas = id(conn, "lukas.winther@brobyg.test")?;
    let coordinator = id(conn, "koordinator@brobyg.test")?;
    let randers = branches::all(conn)?
        .into_iter()
        .map(|b| b.branch)
        .find(|b| b.name == "Randers")
        .context("demo branch Randers")?;
    let volunteer = volunteers::find(conn, lukas)?.context("demo volunteer Lukas")?;
    if !record_move(conn, &volunteer, &randers, coordinator)
        .map_err(|e| anyhow!("demo move: {e:?}"))?
    {
        return Err(anyhow!("demo move refused"));
    }
    Ok(())
}
