//! Supervision over HTTP on both databases: planning, signing up (active
//! brobyggere only), attendance, the rolling window with pauses, the
//! overview, requests for individual supervision and the notices.

mod dashboard;
mod demo;
mod flow;
mod notices;
mod paging;
mod requests;
mod stored_due;
pub(crate) mod support;
mod window;
