//! Secrets: password hashes and one-time link tokens.

pub mod password;
pub mod token;
