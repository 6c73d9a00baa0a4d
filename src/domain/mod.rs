//! Domain rules and validated values. No I/O here: everything is a plain
//! function or type with unit tests beside it.

pub mod activation;
pub mod application;
pub mod attendance;
pub mod curriculum;
pub mod declaration;
pub mod delivery;
pub mod email;
pub mod enrolment;
pub mod evening;
pub mod genlaer;
pub mod invoice;
pub mod money;
pub mod names;
pub mod paging;
pub mod password;
pub mod roles;
pub mod session;
pub mod supervision;
pub mod throttle;
pub mod time;
pub mod validation;
pub mod volunteer;

pub use email::EmailAddress;
pub use roles::Role;
pub use validation::{FieldErrors, Invalid};
