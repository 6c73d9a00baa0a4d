//! Invoices for the demo: the held GenLær session in Aarhus is invoiced,
//! sent and paid, and then credited in full (a credit note); the accepted
//! booking is invoiced at its agreed price and sent, not yet due. Written
//! with the use cases' own steps (`app::invoices`), audited as the demo
//! coordinator.

use anyhow::Context as _;

use crate::app::audit::Actor;
use crate::app::invoices::{self, Credit};
use crate::config::Settings;
use crate::db::{DbConnection, invoices as rows, users};
use crate::domain::billing::DEFAULT_DUE_DAYS;

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let coordinator = users::find_by_email(conn, "koordinator@brobyg.test")?
        .context("demo coordinator")?;
    let by = Actor::new(coordinator.id, "127.0.0.1");
    let seller = invoices::seller(&Settings::default());
    let refused = |r: crate::domain::billing::Refusal| anyhow::anyhow!("demo invoice: {r:?}");

    if let Some(session) = rows::held_without_invoice(conn)?.first().copied() {
        // Demo content that cannot be billed (a free course) has no invoice.
        let made = invoices::session_in(conn, &by, DEFAULT_DUE_DAYS, session)?.unwrap_or_default();
        if let Some(id) = made.first().copied() {
            let invoice = rows::find(conn, id)?;
            invoices::send_in(conn, &by, seller.clone(), &invoice)?.map_err(refused)?;
            let invoice = rows::find(conn, id)?;
            invoices::pay_in(conn, &by, &invoice)?.map_err(refused)?;
            // A complaint about the day: the course is refunded.
            let invoice = rows::find(conn, id)?;
            invoices::credit_in(conn, &by, &invoice, &Credit::All)?.map_err(refused)?;
        }
    }
    if let Some(booking) = rows::bookings_without_invoice(conn)?.first().copied() {
        if let Ok(id) = invoices::booking_in(conn, &by, DEFAULT_DUE_DAYS, booking)? {
            let invoice = rows::find(conn, id)?;
            invoices::send_in(conn, &by, seller, &invoice)?.map_err(refused)?;
        }
    }
    Ok(())
}
