//! Steps many journeys share, taken through the pages like everything else.

use super::harness::{Tab, button, css, link};
use crate::helpers::PASSWORD;

/// Logs in from the header's "Log ind" link, wherever the tab is.
pub async fn log_in(tab: &mut Tab, email: &str) {
    tab.follow(link("Log ind")).await;
    tab.fill(css("#f-email"), email).await;
    tab.fill(css("#f-password"), PASSWORD).await;
    tab.follow(button("Log ind")).await;
    tab.see(css("header"), "Log ud").await;
}

/// Logs out with the header's button.
pub async fn log_out(tab: &mut Tab) {
    tab.follow(button("Log ud")).await;
    tab.see(css("header"), "Log ind").await;
}
