//! The audit log (`/admin/revision`): every kind of staff action appears
//! with its actor, action and object; the CSV file is filtered and its
//! download is logged too; only administrators read it; nothing changes or
//! removes a row. Besides these tests, every staff request the suite makes
//! is held to the log by the test browser itself (`Browser::audited`), and
//! `every_staff_route_hands_its_actor_to_the_use_case` checks the routes'
//! source.

use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use diesel::RunQueryDsl;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, files_under, spawn_app, texts};

/// One row of the log's page: action code, object ("session:5") and the
/// actor's user id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Logged {
    action: String,
    object: String,
    actor: String,
}

fn rows(html: &str) -> Vec<Logged> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse("#audit-log tbody tr[data-action]").expect("selector");
    doc.select(&selector)
        .map(|tr| {
            let attr = |name| tr.value().attr(name).unwrap_or_default().to_string();
            Logged {
                action: attr("data-action"),
                object: attr("data-object"),
                actor: attr("data-actor"),
            }
        })
        .collect()
}

/// An administrator, and a coordinator of a branch of their own.
struct Staff {
    app: TestApp,
    admin: Browser,
    admin_user: TestUser,
    coordinator: Browser,
    coordinator_user: TestUser,
    branch: i64,
}

async fn staff() -> Staff {
    let app = spawn_app().await;
    let (admin, admin_user) = app.signed_in(Role::Admin).await;
    let branch = app.create_branch("Revisionsby");
    let coordinator_user = app.create_user(
        "revisionskoordinator@example.dk",
        &[Role::Coordinator],
        Some(branch),
    );
    let coordinator = app.browser();
    coordinator.login(&coordinator_user.email, PASSWORD).await;
    Staff {
        app,
        admin,
        admin_user,
        coordinator,
        coordinator_user,
        branch,
    }
}

impl Staff {
    /// The log's rows for `action`, as the administrators' page shows them.
    async fn logged(&self, action: &str) -> Vec<Logged> {
        rows(
            &self
                .admin
                .get_html(&format!("/admin/revision?handling={action}"))
                .await,
        )
    }

    /// Asserts that `actor` did `action` to `object` (a prefix such as
    /// "region:" when the id is not known).
    async fn assert_logged(&self, action: &str, object: &str, actor: &TestUser) {
        let found = self.logged(action).await;
        assert!(
            found
                .iter()
                .any(|l| l.object.starts_with(object) && l.actor == actor.id.to_string()),
            "no {action} of {object} by {}: {found:?}",
            actor.id
        );
    }
}

#[tokio::test]
async fn account_role_and_organisation_changes_are_logged() {
    let s = staff().await;
    let a = &s.admin;
    a.post_form("/admin/regioner", &[("name", "Fyn")]).await;
    s.assert_logged("region_created", "region:", &s.admin_user)
        .await;
    let region = s.logged("region_created").await[0]
        .object
        .trim_start_matches("region:")
        .to_string();
    a.post_form(
        &format!("/admin/regioner/{region}"),
        &[("name", "Fyn og øer")],
    )
    .await;
    s.assert_logged("region_updated", &format!("region:{region}"), &s.admin_user)
        .await;
    let response = a
        .post_form(
            "/admin/afdelinger/ny",
            &[
                ("name", "Odense"),
                ("region_id", &region),
                ("email", "odense@example.dk"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    s.assert_logged("branch_created", "branch:", &s.admin_user)
        .await;
    // The label keeps the name the branch had.
    let html = a.get_html("/admin/revision?handling=branch_created").await;
    assert!(texts(&html, ".audit-object")[0].contains("Odense"));

    let branch = s.branch.to_string();
    a.post_form(
        "/admin/brugere/inviter",
        &[
            ("name", "Nina Ny"),
            ("email", "nina@example.dk"),
            ("branches", &branch),
        ],
    )
    .await;
    s.assert_logged("coordinator_invited", "user:", &s.admin_user)
        .await;

    let target = &s.coordinator_user;
    let roles = format!("/admin/brugere/{}/roller", target.id);
    a.post_form(&roles, &[("admin", "on"), ("branches", &branch)])
        .await;
    let whom = format!("user:{}", target.id);
    s.assert_logged("role_granted", &whom, &s.admin_user).await;
    a.post_form(&roles, &[("branches", &branch)]).await;
    s.assert_logged("role_revoked", &whom, &s.admin_user).await;
    a.post_form(&roles, &[]).await;
    let html = a
        .get_html("/admin/revision?handling=branches_assigned")
        .await;
    assert!(
        texts(&html, ".audit-detail")[0].contains("Revisionsby →"),
        "the detail says what changed"
    );

    let status = format!("/admin/brugere/{}/status", target.id);
    a.post_form(&status, &[("active", "0")]).await;
    s.assert_logged("account_deactivated", &whom, &s.admin_user)
        .await;
    a.post_form(&status, &[("active", "1")]).await;
    s.assert_logged("account_reactivated", &whom, &s.admin_user)
        .await;

    // A refusal changes nothing and logs nothing.
    a.post_refused(
        &format!("/admin/brugere/{}/status", s.admin_user.id),
        &[("active", "0")],
    )
    .await;
}

#[tokio::test]
async fn session_and_attendance_changes_and_the_participant_file_are_logged() {
    let s = staff().await;
    let c = &s.coordinator;
    let me = &s.coordinator_user;
    let past = s
        .app
        .create_session(SessionKind::Genlaer, Some(s.branch), Some(5), -1);
    let anna = s.app.create_user("anna@example.dk", &[], None);
    let path = format!("/koordinator/hold/{past}");
    c.post_form(&format!("{path}/tilmeld"), &[("email", &anna.email)])
        .await;
    let ignored = c
        .post_refused(&format!("{path}/tilmeld"), &[("email", "ingen@example.dk")])
        .await;
    assert_eq!(ignored.status(), StatusCode::SEE_OTHER);
    s.assert_logged("participant_enrolled", &format!("user:{}", anna.id), me)
        .await;

    let meeting = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, past).expect("meetings")[0].id
    };
    let attendance = format!("{path}/moeder/{meeting}/fremmoede");
    let status = format!("status-{}", anna.id);
    let response = c.post_form(&attendance, &[(&status, "present")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    s.assert_logged("attendance_recorded", &format!("session:{past}"), me)
        .await;

    let csv = c.get(&format!("{path}/deltagere.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    s.assert_logged("export_downloaded", &format!("session:{past}"), me)
        .await;

    c.post_form(&format!("{path}/afholdt"), &[]).await;
    s.assert_logged("session_held", &format!("session:{past}"), me)
        .await;
    c.post_form(&format!("{path}/afmeld/{}", anna.id), &[])
        .await;
    s.assert_logged("participant_removed", &format!("user:{}", anna.id), me)
        .await;

    let future = s
        .app
        .create_session(SessionKind::Supervision, Some(s.branch), Some(5), 7);
    c.post_form(
        &format!("/koordinator/hold/{future}/aflys"),
        &[("reason", "Sygdom")],
    )
    .await;
    s.assert_logged("session_cancelled", &format!("session:{future}"), me)
        .await;
    let html = s
        .admin
        .get_html("/admin/revision?handling=session_cancelled")
        .await;
    assert_eq!(texts(&html, ".audit-detail"), vec!["Sygdom"]);
}

#[tokio::test]
async fn volunteer_records_status_requirements_and_roster_are_logged() {
    let s = staff().await;
    let c = &s.coordinator;
    let me = &s.coordinator_user;
    let sara = s.app.qualified_volunteer("sara@example.dk", s.branch);
    let whom = format!("user:{}", sara.id);
    let record = format!("/koordinator/brobyggere/{}", sara.id);

    c.get_html(&record).await;
    s.assert_logged("volunteer_record_viewed", &whom, me).await;

    let until =
        brobyg::domain::time::local((chrono::Utc::now() + chrono::Duration::days(20)).naive_utc())
            .format("%Y-%m-%d")
            .to_string();
    c.post_form(
        &format!("{record}/pause"),
        &[("until", &until), ("reason", "Eksamen")],
    )
    .await;
    s.assert_logged("volunteer_paused", &whom, me).await;
    c.post_form(&format!("{record}/tilbage"), &[]).await;
    s.assert_logged("volunteer_resumed", &whom, me).await;

    let settings = format!("/koordinator/afdelinger/{}/indstillinger", s.branch);
    c.post_form(&settings, &[("child_certificate", "on")]).await;
    s.assert_logged(
        "branch_settings_changed",
        &format!("branch:{}", s.branch),
        me,
    )
    .await;

    let roster = c
        .get(&format!("/koordinator/afdelinger/{}/aktive.csv", s.branch))
        .await;
    assert_eq!(roster.status(), StatusCode::OK);
    s.assert_logged("export_downloaded", &format!("branch:{}", s.branch), me)
        .await;

    // Someone who may not see the record leaves no trace of a view.
    let (other, _) = s.app.signed_in(Role::Coordinator).await;
    let before = s.app.audit_count();
    assert_eq!(other.get(&record).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(s.app.audit_count(), before);
}

#[tokio::test]
async fn application_decisions_are_logged() {
    let s = staff().await;
    let (_, user) = crate::volunteers::support::apply_and_log_in(
        &s.app,
        "Jonas Bak",
        "jonas@example.dk",
        s.branch,
    )
    .await;
    let application = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::applications::latest_of(&mut conn, user.id)
            .expect("query")
            .expect("application")
            .id
    };
    let path = format!("/koordinator/ansoegninger/{application}");
    let object = format!("application:{application}");
    s.coordinator.get_html(&path).await;
    s.assert_logged("volunteer_record_viewed", &object, &s.coordinator_user)
        .await;
    s.coordinator
        .post_form(&format!("{path}/afvis"), &[("reason", "Ikke nu")])
        .await;
    s.assert_logged("application_declined", &object, &s.coordinator_user)
        .await;
    // Deciding twice is refused and not logged again.
    s.coordinator
        .post_refused(&format!("{path}/godkend"), &[("reason", "")])
        .await;
}

#[tokio::test]
async fn the_csv_file_is_filtered_and_its_download_is_logged() {
    let s = staff().await;
    let a = &s.admin;
    a.post_form("/admin/regioner", &[("name", "Bornholm")])
        .await;
    a.post_form("/admin/regioner", &[("name", "Lolland")]).await;
    s.coordinator
        .get(&format!("/koordinator/afdelinger/{}/aktive.csv", s.branch))
        .await;

    let response = a.get("/admin/revision.csv?handling=region_created").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let body = response.text().await.expect("body");
    let lines: Vec<&str> = body.trim_end().lines().collect();
    assert_eq!(lines.len(), 3, "a header and two regions: {body}");
    assert!(lines[0].contains("Handling"));
    assert!(lines[1].contains("Lolland"), "newest first: {body}");
    assert!(lines[2].contains("Bornholm"));
    assert!(!body.contains("aktive.csv"));

    // Filtered by actor (part of the email) and dates.
    let today = brobyg::domain::time::local(chrono::Utc::now().naive_utc())
        .format("%Y-%m-%d")
        .to_string();
    let body = a
        .get(&format!(
            "/admin/revision.csv?aktoer=revisionskoordinator&fra={today}&til={today}"
        ))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        body.contains("aktive.csv") && !body.contains("Bornholm"),
        "{body}"
    );

    // The downloads are themselves in the log, with their filter.
    let html = a.get_html("/admin/revision?objekt=audit_log").await;
    let found = rows(&html);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|l| l.action == "export_downloaded" && l.actor == s.admin_user.id.to_string())
    );
    assert!(texts(&html, ".audit-detail")[1].contains("handling=region_created"));

    // A filter the form would not send is explained, never a 500.
    let response = a.get("/admin/revision?handling=nope&fra=31.02.2026").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#f-fra-error").len(), 1);
    assert_eq!(texts(&html, "#f-handling-error").len(), 1);
    let response = a.get("/admin/revision.csv?objekt_id=x").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_log_pages_newest_first() {
    let s = staff().await;
    for i in 0..55 {
        s.admin
            .post_form("/admin/regioner", &[("name", &format!("Region {i:02}"))])
            .await;
    }
    let html = s
        .admin
        .get_html("/admin/revision?handling=region_created")
        .await;
    let labels = texts(&html, ".audit-object");
    assert_eq!(labels.len(), 50);
    assert!(labels[0].contains("Region 54"));
    let html = s
        .admin
        .get_html("/admin/revision?handling=region_created&side=2")
        .await;
    let labels = texts(&html, ".audit-object");
    assert_eq!(labels.len(), 5);
    assert!(labels[4].contains("Region 00"));
}

#[tokio::test]
async fn only_administrators_read_the_log() {
    let app = spawn_app().await;
    for path in ["/admin/revision", "/admin/revision.csv"] {
        let anonymous = app.browser().get(path).await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(crate::helpers::location(&anonymous).starts_with("/log-ind"));
        for role in [Role::Coordinator, Role::Volunteer, Role::Professional] {
            let (browser, _) = app.signed_in(role).await;
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{role:?} {path}"
            );
        }
    }
    // The refused CSV downloads left no row.
    assert_eq!(app.audit_count(), 0);
    let (admin, _) = app.signed_in(Role::Admin).await;
    assert!(admin.get_html("/admin").await.contains("/admin/revision"));
}

#[tokio::test]
async fn nothing_changes_or_removes_a_row() {
    let s = staff().await;
    s.admin
        .post_form("/admin/regioner", &[("name", "Midt")])
        .await;
    let before = s.app.audit_count();
    for path in [
        "/admin/revision",
        "/admin/revision.csv",
        "/admin/revision/1",
        "/admin/revision/1/slet",
        "/admin/revision/1/rediger",
        "/admin/revision/slet",
    ] {
        let response = s.admin.post_refused(path, &[("id", "1")]).await;
        assert!(
            [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&response.status()),
            "POST {path}: {}",
            response.status()
        );
        for method in [reqwest::Method::DELETE, reqwest::Method::PUT] {
            let response = s
                .admin
                .client
                .request(method.clone(), s.admin.url(path))
                .send()
                .await
                .expect("request");
            assert_ne!(response.status(), StatusCode::OK, "{method} {path}");
        }
    }
    assert_eq!(s.app.audit_count(), before);

    // Below the site, the database refuses too.
    let mut conn = s.app.db.conn().expect("connection");
    for sql in ["UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"] {
        assert!(
            diesel::sql_query(sql).execute(&mut conn).is_err(),
            "{sql} went through"
        );
    }
    drop(conn);
    assert_eq!(s.app.audit_count(), before);
}

/// Every staff POST route and every staff export or record page passes an
/// `Actor` to its use case, which is what records the row. Read from the
/// routes' source, so a new route that forgets fails here even before a
/// test drives it. (The test browser checks the rows themselves.)
#[test]
fn every_staff_route_hands_its_actor_to_the_use_case() {
    let routes = staff_routes();
    assert!(routes.len() > 35, "found only {routes:?}");
    let mut missing = Vec::new();
    for (method, path, file, handler) in &routes {
        let source = std::fs::read_to_string(file).expect("handler file");
        let signature = signature(&source, handler)
            .unwrap_or_else(|| panic!("no fn {handler} in {file} for {method} {path}"));
        if !signature.contains(": Actor") {
            missing.push(format!("{method} {path} → {file}::{handler}"));
        }
    }
    assert!(
        missing.is_empty(),
        "staff routes without an Actor: {missing:#?}"
    );
}

/// (method, path, handler file, handler name) of every route that is a
/// staff action: POSTs under `/koordinator` and `/admin`, their CSV files
/// and other downloads, and the pages of a volunteer's record.
fn staff_routes() -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for file in files_under("src/web/routes", "rs") {
        let source = std::fs::read_to_string(&file).expect("routes");
        let mut path = String::new();
        let mut rest = source.as_str();
        // Walk the literals and `web::post().to(...)` calls in order: a
        // route's handler follows its path.
        loop {
            let next_path = rest.find("\"/");
            let next_handler = rest.find("().to(");
            match (next_path, next_handler) {
                (Some(p), h) if h.is_none_or(|h| p < h) => {
                    let literal = &rest[p + 1..];
                    let end = literal.find('"').unwrap_or(literal.len());
                    path = literal[..end].to_string();
                    rest = &literal[end..];
                }
                (_, Some(h)) => {
                    let method = if rest[..h].ends_with("web::post") {
                        "POST"
                    } else {
                        "GET"
                    };
                    let call = &rest[h + 6..];
                    let end = call.find(')').unwrap_or(call.len());
                    let target = call[..end].trim().to_string();
                    rest = &call[end..];
                    let staff = path.starts_with("/koordinator") || path.starts_with("/admin");
                    let audited = match method {
                        "POST" => staff,
                        _ => {
                            // The record of processing describes what the
                            // site stores and holds nobody's data.
                            staff
                                && path != "/admin/privatliv.csv"
                                && (path.ends_with(".csv")
                                    || path.starts_with("/admin/beskeder/filer/")
                                    || path == "/koordinator/brobyggere/{user_id}"
                                    || path == "/koordinator/ansoegninger/{id}"
                                    || path == "/admin/brugere/{id}/data"
                                    || path == "/admin/brugere/{id}/data.json")
                        }
                    };
                    if audited {
                        let (module, handler) = match target.rsplit_once("::") {
                            Some((m, h)) => (Some(m.to_string()), h.to_string()),
                            None => (None, target.clone()),
                        };
                        let dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or(".");
                        let handler_file = match module {
                            Some(m) => {
                                let flat = format!("{dir}/{m}.rs");
                                if std::path::Path::new(&flat).exists() {
                                    flat
                                } else {
                                    format!("{dir}/{m}/mod.rs")
                                }
                            }
                            None => file.clone(),
                        };
                        out.push((method.to_string(), path.clone(), handler_file, handler));
                    }
                }
                _ => break,
            }
        }
    }
    out
}

/// The parameter list of `fn name(`.
fn signature(source: &str, name: &str) -> Option<String> {
    let start = source.find(&format!("fn {name}("))?;
    let rest = &source[start..];
    let end = rest.find(") ->").or_else(|| rest.find(")\n"))?;
    Some(rest[..end].to_string())
}
