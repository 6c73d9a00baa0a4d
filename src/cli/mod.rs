//! The command line's own commands, apart from serving the site:
//! `brobyg admin create|list` (`admin`), `brobyg check` (`check`) and
//! `brobyg backup|restore` (`backup`), `brobyg org import` (`org`),
//! `brobyg courses import` (`courses`) and
//! `brobyg import volunteers|coordinators` (`import`).
//!
//! Each command is a function over the settings (and the database where it
//! needs one) that writes what it has to say to a writer, so that tests call
//! it as `main.rs` does. A refusal is an `Err` whose message is meant for the
//! operator; `main` turns it into exit code 1.

pub mod admin;
pub mod backup;
pub mod check;
pub mod courses;
pub mod import;
pub mod org;
