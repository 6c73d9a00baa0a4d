use std::sync::Arc;

use crate::config::Settings;
use crate::domain::events::Links;
use crate::mail::worker;
use crate::templates::Templates;
use crate::web::page_cache::PageCache;

/// What every handler may need, built once in `startup` and shared by all
/// workers (no global state, so each test builds its own).
#[derive(Clone)]
pub struct AppState {
    /// The use cases' context.
    pub app: crate::app::App,
    pub templates: Arc<Templates>,
    pub settings: Arc<Settings>,
    /// The mail worker of this instance, if it runs one.
    pub mail_worker: Option<worker::Signals>,
    /// Public pages as anonymous visitors get them (`web::page_cache`).
    pub pages: Arc<PageCache>,
    /// Absolute links from paths, for what leaves the site (feeds, PDFs,
    /// the JSON API).
    pub links: Links,
    /// This instance's request counters, for `/metrics`.
    pub metrics: Arc<crate::web::metrics::Metrics>,
}
