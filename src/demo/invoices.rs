//! Invoices for the demo: the held GenLær session in Aarhus is invoiced on
//! the day it was held and sent, now overdue (a task), with a credit note
//! for one participant let off; the accepted booking is invoiced at its
//! agreed price, sent and paid. Written
//! with the use cases' own steps (`app::invoices`), audited as the demo
//! coordinator.

use anyhow::Context as _;

use crate::app::audit::Actor;
use crate::app::invoices::{self, Credit};
use crate::config::Settings;
use crate::db::{DbConnection, invoices as rows, users};
use crate::domain::billing::{self, DEFAULT_DUE_DAYS};

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let coordinator =
        users::find_by_email(conn, "koordinator@brobyg.test")?.context("demo coordinator")?;
    let by = Actor::new(coordinator.id, "127.0.0.1");
    let seller = invoices::seller(&Settings::default());
    let refused = |r: crate::domain::billing::Refusal| anyhow::anyhow!("demo invoice: {r:?}");

    if let Some(session) = rows::held_without_invoice(conn)?.first().copied() {
        // Demo content that cannot be billed (a free course) has no invoice.
        let made = invoices::session_in(conn, &by, DEFAULT_DUE_DAYS, session)?.unwrap_or_default();
        if let Some(id) = made.ids.first().copied() {
            // Dated the day the session was held, so it is overdue now: on
            // the coordinator's task list.
            let held = crate::db::sessions::find(conn, session)?;
            let day = crate::domain::time::local(held.starts_at).date_naive();
            rows::set_dates(conn, id, day, billing::due_date(day, DEFAULT_DUE_DAYS))?;
            let invoice = rows::find(conn, id)?;
            invoices::send_in(conn, &by, seller.clone(), &invoice)?.map_err(refused)?;
            // One participant was let off afterwards: a credit note for
            // her line; the rest is still to be paid.
            let invoice = rows::find(conn, id)?;
            if let Some(line) = rows::lines(conn, id)?.last() {
                invoices::credit_in(conn, &by, &invoice, &Credit::Lines(vec![line.id]))?
                    .map_err(refused)?;
            }
        }
    }
    if let Some(booking) = rows::bookings_without_invoice(conn)?.first().copied()
        && let Ok(id) = invoices::booking_in(conn, &by, DEFAULT_DUE_DAYS, booking)?
    {
        let invoice = rows::find(conn, id)?;
        invoices::send_in(conn, &by, seller, &invoice)?.map_err(refused)?;
        // The region paid in advance.
        let invoice = rows::find(conn, id)?;
        invoices::pay_in(conn, &by, &invoice)?.map_err(refused)?;
    }
    Ok(())
}
