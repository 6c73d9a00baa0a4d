//! The registry of personal data (`src/domain/privacy`) against the live
//! schema of the backend under test, and the pages generated from it: the
//! privacy notice for everyone, the record of processing for
//! administrators.

use std::collections::BTreeMap;

use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::privacy::{self, Category, Holds};
use diesel::prelude::*;
use diesel::sql_types::Text;
use reqwest::StatusCode;

use crate::helpers::{TestApp, location, spawn_app, texts};

#[derive(QueryableByName)]
struct ColumnInfo {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
}

/// table → column → type, as the database reports them.
pub(crate) fn live_schema(app: &TestApp) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut conn = app.db.conn().expect("connection");
    let query = if app.is_postgres() {
        "SELECT table_name::text AS table_name, column_name::text AS column_name, \
         data_type::text AS data_type FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
    } else {
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
         AND m.name <> '__diesel_schema_migrations'"
    };
    let rows: Vec<ColumnInfo> = diesel::sql_query(query).load(&mut *conn).expect("columns");
    let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for r in rows {
        tables
            .entry(r.table_name)
            .or_default()
            .insert(r.column_name, r.data_type.to_lowercase());
    }
    tables
}

/// The column types that can carry a name, a note or a date: the ones the
/// registry must account for. (A number or a flag is personal only through
/// a row that is already classified.)
pub(crate) fn can_hold_personal_data(data_type: &str) -> bool {
    data_type == "text"
        || data_type == "date"
        || data_type.starts_with("timestamp")
        || data_type.starts_with("character")
        || data_type.starts_with("varchar")
}

/// What the registry lacks or names wrongly, as instructions.
fn problems(live: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    const WHERE: &str = "src/domain/privacy/registry.rs";
    let mut problems = Vec::new();
    for (table, columns) in live {
        let Some(entry) = privacy::table(table) else {
            let candidates: Vec<&str> = columns.keys().map(String::as_str).collect();
            problems.push(format!(
                "table `{table}` is not in the registry: add `Table {{ name: \"{table}\", holds: ... }}` \
                 to {WHERE}, either `Personal {{ entries, other }}` listing which of its columns \
                 {candidates:?} hold personal data (with category, purpose, legal basis, retention, erasure, \
                 and `privacy-purpose-<id>` in templates/locales/*/privacy.ftl) or `Nothing` \
                 with `privacy-free-{table}` in both privacy.ftl files"
            ));
            continue;
        };
        let Holds::Personal { entries, other } = &entry.holds else {
            continue;
        };
        for (column, data_type) in columns {
            let named = other.contains(&column.as_str())
                || entries.iter().any(|e| e.columns.contains(&column.as_str()));
            if !named && can_hold_personal_data(data_type) {
                problems.push(format!(
                    "column `{table}.{column}` ({data_type}) is not in the registry: in {WHERE}, \
                     add \"{column}\" to an entry of table `{table}` (or a new entry) if it can \
                     hold personal data, or to that table's `other` list if it cannot"
                ));
            }
        }
        let named = entries
            .iter()
            .flat_map(|e| e.columns.iter())
            .chain(other.iter());
        for column in named {
            if !columns.contains_key(*column) {
                problems.push(format!(
                    "the registry names `{table}.{column}`, which the database does not have: \
                     remove it from {WHERE}"
                ));
            }
        }
    }
    for t in privacy::REGISTRY {
        if !live.contains_key(t.name) {
            problems.push(format!(
                "the registry names table `{}`, which the database does not have: remove it from {WHERE}",
                t.name
            ));
        }
    }
    problems
}

#[tokio::test]
async fn the_registry_knows_every_table_and_column_that_can_hold_personal_data() {
    let app = spawn_app().await;
    let live = live_schema(&app);
    assert!(live.contains_key("users"), "the schema was read");
    let found = problems(&live);
    assert!(
        found.is_empty(),
        "the registry of personal data does not match the database:\n- {}",
        found.join("\n- ")
    );
    // The NGO never stores a CPR number.
    for (table, columns) in &live {
        for column in columns.keys() {
            assert!(
                !column.to_lowercase().contains("cpr"),
                "{table}.{column}: Social Sundhed never stores a CPR number"
            );
        }
    }
}

#[tokio::test]
async fn the_guard_names_an_unknown_table_a_new_column_and_a_stale_one() {
    // The guard's own check, on a copy of the live schema changed as a
    // future migration would change it.
    let app = spawn_app().await;
    let mut live = live_schema(&app);
    live.entry("volunteer_hobbies".into())
        .or_default()
        .insert("hobby".into(), "text".into());
    live.get_mut("users")
        .expect("users")
        .insert("shoe_size_note".into(), "text".into());
    live.get_mut("users")
        .expect("users")
        .insert("logins".into(), "integer".into());
    live.get_mut("genlaer_enrolments")
        .expect("genlaer_enrolments")
        .remove("needs");
    let found = problems(&live);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("table `volunteer_hobbies` is not in the registry"))
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("`genlaer_enrolments.needs`") && p.contains("remove it"))
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("`users.shoe_size_note` (text)")
                && p.contains("src/domain/privacy/registry.rs"))
    );
}

#[tokio::test]
async fn the_privacy_notice_lists_every_category_in_both_languages() {
    let app = spawn_app().await;
    let browser = app.browser();
    let html = browser.get_html("/privatliv").await;
    assert_eq!(texts(&html, "h1"), vec!["Privatlivspolitik"]);
    let headings = texts(&html, ".privacy-category h3");
    assert_eq!(headings.len(), Category::ALL.len());
    assert!(headings.contains(&"Særlige behov".to_string()));
    for c in Category::ALL {
        assert!(
            html.contains(&format!("data-category=\"{}\"", c.as_str())),
            "{c:?}"
        );
    }
    let entries = privacy::entries().count();
    assert_eq!(texts(&html, "tr[data-entry]").len(), entries);
    assert!(html.contains("GDPR art. 9(2)(a)"), "needs are health data");
    assert!(html.contains("CPR"));
    // The footer of every page links to it.
    let home = browser.get_html("/").await;
    assert!(home.contains("href=\"/privatliv\""));

    browser
        .post_form("/sprog", &[("lang", "en"), ("next", "/privatliv")])
        .await;
    let html = browser.get_html("/privatliv").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(texts(&html, "h1"), vec!["Privacy notice"]);
    let headings = texts(&html, ".privacy-category h3");
    assert_eq!(headings.len(), Category::ALL.len());
    assert!(headings.contains(&"Special needs".to_string()));
    assert!(!html.contains(">privacy-"), "no untranslated key");
}

#[tokio::test]
async fn administrators_read_the_record_of_processing_and_download_it() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin").await;
    assert!(html.contains("href=\"/admin/privatliv\""));

    let html = admin.get_html("/admin/privatliv").await;
    assert_eq!(texts(&html, "h1"), vec!["Fortegnelse over behandlinger"]);
    let entries = privacy::entries().count();
    assert_eq!(texts(&html, "#privacy-record tbody tr").len(), entries);
    for c in Category::ALL {
        assert!(
            html.contains(&format!("data-category=\"{}\"", c.as_str())),
            "{c:?}"
        );
    }
    let free = privacy::REGISTRY
        .iter()
        .filter(|t| matches!(t.holds, Holds::Nothing))
        .count();
    assert_eq!(texts(&html, "#privacy-free-tables li").len(), free);
    assert!(!html.contains(">privacy-"), "no untranslated key");

    let response = admin.get("/admin/privatliv.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let body = response.text().await.expect("body");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "Tabel");
    assert_eq!(&header[3], "Formål");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), entries, "a row per registry entry");
    let needs = rows
        .iter()
        .find(|r| &r[0] == "genlaer_enrolments" && &r[1] == "needs")
        .expect("the needs row");
    assert_eq!(&needs[2], "Særlige behov");
    assert!(needs[4].contains("GDPR art. 9(2)(a)"));
    assert!(rows.iter().all(|r| !r[3].starts_with("privacy-")));

    // In English, too.
    admin
        .post_form("/sprog", &[("lang", "en"), ("next", "/admin/privatliv")])
        .await;
    let html = admin.get_html("/admin/privatliv").await;
    assert_eq!(texts(&html, "h1"), vec!["Record of processing activities"]);
    let body = admin
        .get("/admin/privatliv.csv")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        body.trim_start_matches('\u{feff}')
            .starts_with("Table;Columns;Category;Purpose")
    );
}

#[tokio::test]
async fn only_administrators_see_the_record_of_processing() {
    let app = spawn_app().await;
    for path in ["/admin/privatliv", "/admin/privatliv.csv"] {
        let response = app.browser().get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/log-ind"), "{path}");
        for role in [Role::Volunteer, Role::Coordinator, Role::Professional] {
            let (browser, _) = app.signed_in(role).await;
            let response = browser.get(path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?} {path}");
        }
    }
}
