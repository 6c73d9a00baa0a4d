//! Email: what the system has to say to people (`Message`), how it reads
//! (`render`), how it is put together with its calendar invitation
//! (`mime`), where it goes (`delivery`: SMTP or `.eml` files) and the
//! background worker that sends it (`worker`). Messages are recorded in the
//! outbox in the same transaction as the change that causes them
//! (`db::outbox`); nothing is sent from inside a request.

pub mod delivery;
pub mod message;
pub mod mime;
pub mod render;
pub mod worker;

pub use message::{Message, Recipient};
