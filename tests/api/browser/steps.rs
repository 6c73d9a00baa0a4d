//! Steps many journeys share, taken through the pages like everything else.

use super::harness::{Tab, button, css, link};
use crate::helpers::PASSWORD;

/// Logs in from the header's "Log ind" link, wherever the tab is.
pub async fn log_in(tab: &mut Tab, email: &str) {
    tab.follow(link("Log ind")).await;
    tab.fill(css("#f-email"), email).await;
    tab.fill(css("#f-password"), PASSWORD).await;
    tab.follow(button("Log ind")).await;
    open_menu_on_a_phone(tab).await;
    tab.see(css("header"), "Log ud").await;
}

/// On a phone the header's links and buttons are in its menu.
async fn open_menu_on_a_phone(tab: &mut Tab) {
    if tab.is_shown(".site-menu > summary").await {
        tab.open_menu().await;
    }
}

/// Logs out with the header's button.
pub async fn log_out(tab: &mut Tab) {
    open_menu_on_a_phone(tab).await;
    tab.follow(button("Log ud")).await;
    tab.see(css("header"), "Log ind").await;
}
