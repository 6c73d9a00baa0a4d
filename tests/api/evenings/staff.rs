//! The coordinators' side: planning with its mistakes, and who may see an
//! evening's people.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::{branch, date_in, evening_fields, log_in, plan};
use crate::helpers::{input_value, texts};

fn evening_count(app: &crate::helpers::TestApp) -> i64 {
    use brobyg::db::schema::sessions;
    use diesel::prelude::*;
    let mut conn = app.db.conn().expect("connection");
    sessions::table
        .filter(sessions::kind.eq("evening"))
        .count()
        .get_result(&mut conn)
        .expect("count")
}

#[tokio::test]
async fn planning_mistakes_are_shown_beside_the_fields() {
    let b = branch().await;
    let mut fields = evening_fields(b.id, "0");
    fields[3].1 = String::new(); // no topic for a brobyggeraften
    fields[5].1 = date_in(-2);
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .staff
        .post_form("/koordinator/aftener/ny", &borrowed)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(texts(&html, "#f-topic-error"), vec!["Udfyld feltet."]);
    assert_eq!(
        texts(&html, "#f-date-error"),
        vec!["Aftenen skal ligge i fremtiden."]
    );
    assert_eq!(texts(&html, "#f-capacity-error").len(), 1);
    assert_eq!(
        input_value(&html, "title").as_deref(),
        Some("Brobyggeraften: Tolkning")
    );
    assert_eq!(evening_count(&b.app), 0, "nothing written");

    // Another branch's id is refused like a mistake.
    let elsewhere = b.app.create_branch("Randers");
    let fields = evening_fields(elsewhere, "");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .staff
        .post_form("/koordinator/aftener/ny", &borrowed)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-branch-error"),
        vec!["Vælg en af dine afdelinger."]
    );
    assert_eq!(evening_count(&b.app), 0);
}

#[tokio::test]
async fn only_the_branchs_coordinators_see_its_evenings() {
    let b = branch().await;
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    let other_branch = b.app.create_branch("Randers");
    let other = b.app.create_user(
        "randers-k@example.dk",
        &[Role::Coordinator],
        Some(other_branch),
    );
    let them = log_in(&b.app, &other).await;
    for path in [
        format!("/koordinator/aftener/{evening}"),
        format!("/koordinator/hold/{evening}"),
        format!("/koordinator/hold/{evening}/deltagere.csv"),
        format!("/koordinator/afdelinger/{}/oversigt", b.id),
    ] {
        assert_eq!(
            them.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let theirs = them.get_html("/koordinator/aftener").await;
    assert!(texts(&theirs, ".evenings-table a").is_empty());
    let ours = b.staff.get_html("/koordinator/aftener").await;
    assert_eq!(
        texts(&ours, ".evenings-table a"),
        vec!["Brobyggeraften: Tolkning"]
    );

    let volunteer = b.app.qualified_volunteer("sara@example.dk", b.id);
    let me = log_in(&b.app, &volunteer).await;
    for path in ["/koordinator/aftener", "/koordinator/aftener/ny"] {
        assert_eq!(me.get(path).await.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let (admin, _) = b.app.signed_in(Role::Admin).await;
    assert_eq!(
        admin
            .get(&format!("/koordinator/aftener/{evening}"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn changing_an_evening_tells_those_with_a_seat() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    super::answer(&log_in(&b.app, &sara).await, evening, "yes").await;
    let path = format!("/koordinator/aftener/{evening}/rediger");
    let html = b.staff.get_html(&path).await;
    assert_eq!(
        input_value(&html, "topic").as_deref(),
        Some("Tolkning i sundhedsvæsenet")
    );
    assert_eq!(input_value(&html, "start").as_deref(), Some("17:00"));

    let mut fields = evening_fields(b.id, "");
    fields[6].1 = "18:00".into();
    fields[7].1 = "17:30".into();
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.staff.post_form(&path, &borrowed).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the end before the start"
    );
    let before = super::kinds_to(&b.app, &sara.email).len();

    fields[7].1 = "20:00".into();
    fields[3].1 = "Tolke og pårørende".into();
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.staff.post_form(&path, &borrowed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let kinds = super::kinds_to(&b.app, &sara.email);
    assert_eq!(kinds[before..], ["session_changed"]);
    let page = b
        .staff
        .get_html(&format!("/koordinator/aftener/{evening}"))
        .await;
    assert!(page.contains("Tolke og pårørende"));

    let other_branch = b.app.create_branch("Randers");
    let other = b.app.create_user(
        "randers-k@example.dk",
        &[Role::Coordinator],
        Some(other_branch),
    );
    let them = log_in(&b.app, &other).await;
    assert_eq!(them.get(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        them.post_form(&path, &borrowed).await.status(),
        StatusCode::FORBIDDEN
    );
}
