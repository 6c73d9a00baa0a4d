//! Brobyggere: applying, the preparation course, the declaration and the
//! activation gate, over HTTP on both databases.

mod applications;
mod cohorts;
mod demo;
mod gate;
mod grace;
mod moves;
mod own_page;
mod path;
mod pauses;
mod readiness;
mod reapply;
mod roster;
mod site_content;
pub(crate) mod support;
