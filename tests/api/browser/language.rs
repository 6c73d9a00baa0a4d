//! Switching the site to English and back, staying on the same page.

use super::harness::{Tab, css, link};
use crate::genlaer::course;
use crate::helpers::TestApp;

pub async fn visitor_switches_to_english_and_back(app: &TestApp, tab: &mut Tab) {
    course(app, "traumebevidst-praksis", "Traumebevidst praksis", None);

    // A Danish browser gets Danish; the filter in the address is kept.
    tab.open("/genlaer?q=traume").await;
    assert_eq!(tab.lang().await, "da");
    tab.see(css("h1"), "GenLær-kurser").await;

    tab.follow(link("English")).await;
    assert_eq!(tab.lang().await, "en");
    tab.see(css("h1"), "GenLær courses").await;
    tab.see(css("label[for=f-q]"), "Search").await;
    assert_eq!(tab.path().await, "/genlaer?q=traume", "the same page");
    tab.screenshot("genlaer-catalogue-english").await;

    // The choice sticks while browsing.
    tab.follow(css("a[href='/genlaer/traumebevidst-praksis']"))
        .await;
    assert_eq!(tab.lang().await, "en");

    tab.follow(link("Dansk")).await;
    assert_eq!(tab.lang().await, "da");
    tab.see(css("h1"), "Traumebevidst praksis").await;
    tab.see(css("#sessions"), "Kommende hold").await;
    assert_eq!(tab.path().await, "/genlaer/traumebevidst-praksis");
}
