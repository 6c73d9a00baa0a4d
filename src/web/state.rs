use std::sync::Arc;

use crate::config::Settings;
use crate::db::branches::Region;
use crate::db::courses::CatalogueEntry;
use crate::domain::events::Links;
use crate::mail::worker;
use crate::templates::Templates;
use crate::web::cache::TtlCache;

/// The public catalogue and the regions of its filter, by query string.
pub type CatalogueCache = TtlCache<String, Arc<(Vec<CatalogueEntry>, Vec<Region>)>>;

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
    /// The GenLær catalogue as loaded within the last second.
    pub catalogue: Arc<CatalogueCache>,
    /// Absolute links from paths, for what leaves the site (feeds, PDFs,
    /// the JSON API).
    pub links: Links,
    /// This instance's request counters, for `/metrics`.
    pub metrics: Arc<crate::web::metrics::Metrics>,
}
