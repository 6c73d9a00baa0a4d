//! The regional coordinator: given a region by an administrator, they see
//! and act on every branch of it (also one added later), side by side on
//! the region view, and on no other branch.

use brobyg::db::branches;
use brobyg::domain::Role;
use brobyg::domain::volunteer::VolunteerStatus;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, spawn_app, texts};

fn region(app: &TestApp, name: &str) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    let slug = brobyg::domain::names::slugify(name);
    branches::create_region(&mut conn, name, &slug).expect("region")
}

fn branch_in(app: &TestApp, region_id: i64, name: &str) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    let slug = brobyg::domain::names::slugify(name);
    branches::create(
        &mut conn,
        &branches::BranchFields {
            region_id,
            name,
            slug: &slug,
            is_head_office: false,
            email: &format!("{slug}@brobyg.test"),
            phone: "",
            address: "",
        },
    )
    .expect("branch")
}

#[tokio::test]
async fn a_regional_coordinator_sees_and_acts_on_every_branch_of_the_region_and_no_other() {
    let app = spawn_app().await;
    let midt = region(&app, "Midt");
    let randers = branch_in(&app, midt, "Randers");
    let viborg = branch_in(&app, midt, "Viborg");
    let aarhus = app.create_branch("Aarhus");
    let other_region = {
        let mut conn = app.db.conn().expect("connection");
        branches::find(&mut conn, aarhus).expect("branch").region_id
    };
    let in_viborg = app.create_user("v-viborg@example.dk", &[Role::Volunteer], Some(viborg));
    let in_aarhus = app.create_user("v-aarhus@example.dk", &[Role::Volunteer], Some(aarhus));
    let regional = app.create_user("regional@example.dk", &[], None);

    // The administrator gives the region as a whole.
    let (admin, _) = app.signed_in(Role::Admin).await;
    let response = admin
        .post_form(
            &format!("/admin/brugere/{}/roller", regional.id),
            &[("regions", &midt.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = admin
        .get_html(&format!("/admin/brugere/{}", regional.id))
        .await;
    assert_eq!(texts(&page, "#regional-role"), vec!["Midt"]);
    assert_eq!(texts(&page, &format!("#f-region-{midt}[checked]")).len(), 1);
    assert!(
        texts(&page, &format!("#f-branch-{randers}[checked]")).is_empty(),
        "the region's branches are not given one by one"
    );

    let me = app.browser();
    me.login(&regional.email, PASSWORD).await;
    let start = me.get_html("/koordinator").await;
    assert_eq!(
        texts(&start, "#regional-role"),
        vec!["Regional koordinator: Midt"]
    );
    assert_eq!(
        texts(&start, "section.panel > h3 a"),
        vec!["Randers", "Viborg"]
    );
    assert_eq!(
        crate::helpers::attr(&start, "#region-links a", "href"),
        format!("/koordinator/region/{midt}")
    );

    // The region view: the branches side by side.
    let view = me.get_html(&format!("/koordinator/region/{midt}")).await;
    assert_eq!(
        texts(&view, "#region-figures thead th"),
        vec!["Randers", "Viborg"]
    );
    let active: Vec<String> = texts(&view, "#region-figures tr[data-status=active] td");
    assert_eq!(active, vec!["0", "1"], "Viborg's one active brobygger");
    assert_eq!(
        me.get(&format!("/koordinator/region/{other_region}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Every branch of the region, and no other.
    for branch in [randers, viborg] {
        for page in ["", "/oversigt", "/indstillinger"] {
            let path = format!("/koordinator/afdelinger/{branch}{page}");
            assert_eq!(me.get(&path).await.status(), StatusCode::OK, "{path}");
        }
    }
    let dashboard = me
        .get_html(&format!("/koordinator/afdelinger/{viborg}/oversigt"))
        .await;
    assert_eq!(
        crate::helpers::attr(&dashboard, "#region-link", "href"),
        format!("/koordinator/region/{midt}")
    );
    for page in ["", "/oversigt", "/indstillinger"] {
        let path = format!("/koordinator/afdelinger/{aarhus}{page}");
        assert_eq!(
            me.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }

    // Acting: a Viborg brobygger may be paused, an Aarhus one not.
    let until = (chrono::Utc::now() + chrono::Duration::days(30))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let response = me
        .post_form(
            &format!("/koordinator/brobyggere/{}/pause", in_viborg.id),
            &[("until", &until), ("reason", "Eksamen")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let status = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::volunteers::find(&mut conn, in_viborg.id)
            .expect("query")
            .expect("volunteer")
            .status
    };
    assert_eq!(status, VolunteerStatus::Paused);
    let response = me
        .post_form(
            &format!("/koordinator/brobyggere/{}/pause", in_aarhus.id),
            &[("until", &until), ("reason", "Eksamen")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        me.get(&format!("/koordinator/brobyggere/{}", in_aarhus.id))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // A branch the region gains later is theirs at once.
    let norddjurs = branch_in(&app, midt, "Norddjurs");
    let start = me.get_html("/koordinator").await;
    assert_eq!(
        texts(&start, "section.panel > h3 a"),
        vec!["Norddjurs", "Randers", "Viborg"]
    );
    assert_eq!(
        me.get(&format!("/koordinator/afdelinger/{norddjurs}/oversigt"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_branch_coordinator_has_no_region_view() {
    let app = spawn_app().await;
    let midt = region(&app, "Midt");
    let randers = branch_in(&app, midt, "Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(randers));
    let me = app.browser();
    me.login(&coordinator.email, PASSWORD).await;
    assert_eq!(
        me.get(&format!("/koordinator/region/{midt}"))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "a branch of the region is not the region"
    );
    let start = me.get_html("/koordinator").await;
    assert!(texts(&start, "#region-links a").is_empty());
    assert!(texts(&start, "#regional-role").is_empty());
    let dashboard = me
        .get_html(&format!("/koordinator/afdelinger/{randers}/oversigt"))
        .await;
    assert!(texts(&dashboard, "#region-link").is_empty());
}

#[tokio::test]
async fn taking_the_region_away_takes_the_coordinator_role_with_it() {
    let app = spawn_app().await;
    let midt = region(&app, "Midt");
    let randers = branch_in(&app, midt, "Randers");
    let regional = app.create_user("regional@example.dk", &[], None);
    let (admin, _) = app.signed_in(Role::Admin).await;
    let roles = format!("/admin/brugere/{}/roller", regional.id);
    admin
        .post_form(&roles, &[("regions", &midt.to_string())])
        .await;
    let me = app.browser();
    me.login(&regional.email, PASSWORD).await;
    assert_eq!(
        me.get(&format!("/koordinator/afdelinger/{randers}"))
            .await
            .status(),
        StatusCode::OK
    );
    let response = admin.post_form(&roles, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        me.get(&format!("/koordinator/afdelinger/{randers}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let page = admin
        .get_html(&format!("/admin/brugere/{}", regional.id))
        .await;
    assert!(texts(&page, "#regional-role").is_empty());
}
