//! Email: what the system has to say to people (`Message`), and how it is
//! turned into text (`render`). Messages are recorded in the outbox in the
//! same transaction as the change that causes them (`db::outbox`).

pub mod message;
pub mod render;

pub use message::{Message, Recipient};
