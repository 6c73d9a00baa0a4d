//! The web layer: extractors that decide who may call a handler, the page
//! renderer, middleware (CSRF, error pages), and the routes, one module per
//! area. Handlers stay thin: parse the form, call the domain for rules and
//! `db` for storage, render.

pub mod assets;
pub mod auth;
pub mod charts;
pub mod client;
pub mod csrf;
pub mod csv;
pub mod device;
pub mod error_summary;
pub mod errors;
pub mod form;
pub mod lang;
pub mod metrics;
pub mod page;
pub mod page_cache;
pub mod paging;
pub mod qr;
pub mod request_span;
pub mod routes;
pub mod session;
pub mod state;

pub use auth::{
    Admin, CoordinatorUser, FreshAdmin, FreshCoordinator, FreshSignedIn, MaybeUser, SignedIn,
    VolunteerUser,
};
pub use form::Form;
pub use page::Page;
pub use state::AppState;
