//! Email: how a message reads (`render`), how it is put together with its
//! calendar invitation (`mime`), where it goes (`delivery`: SMTP or `.eml`
//! files) and the background worker that sends it (`worker`). What the
//! system has to say is a domain fact (`domain::events::Message`), recorded
//! in the outbox in the same transaction as the change that causes it
//! (`db::outbox`); nothing is sent from inside a request.

pub mod delivery;
pub mod mime;
pub mod render;
pub mod worker;
