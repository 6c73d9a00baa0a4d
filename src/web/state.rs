use std::sync::Arc;

use crate::config::Settings;
use crate::db::Db;
use crate::mail::worker;
use crate::templates::Templates;

/// What every handler may need, built once in `startup` and shared by all
/// workers (no global state, so each test builds its own).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub templates: Arc<Templates>,
    pub settings: Arc<Settings>,
    /// The mail worker of this instance, if it runs one.
    pub mail_worker: Option<worker::Signals>,
}

impl AppState {
    /// An absolute link for emails and feeds.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.settings.base_url(), path)
    }
}
