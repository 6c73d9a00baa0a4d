//! Domain rules and validated values. No I/O here: everything is a plain
//! function or type with unit tests beside it.

pub mod activation;
pub mod application;
pub mod attendance;
pub mod audit;
pub mod billing;
pub mod brobygning;
pub mod code;
pub mod cpr;
pub mod curriculum;
pub mod declaration;
pub mod delivery;
pub mod device;
pub mod duty;
pub mod email;
pub mod enrolment;
pub mod evaluation;
pub mod evening;
pub mod events;
pub mod genlaer;
pub mod import;
pub mod invoice;
pub mod language;
pub mod money;
pub mod names;
pub mod organisation;
pub mod paging;
pub mod password;
pub mod privacy;
pub mod retention;
pub mod roles;
pub mod second_factor;
pub mod session;
pub mod statistics;
pub mod supervision;
pub mod tasks;
pub mod throttle;
pub mod time;
pub mod trends;
pub mod validation;
pub mod volunteer;

pub use code::Code;
pub use email::EmailAddress;
pub use language::Lang;
pub use roles::Role;
pub use validation::{FieldErrors, Invalid};
