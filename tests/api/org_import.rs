//! `brobyg org import FILE` and `brobyg courses import DIR`, called as
//! `main.rs` calls them, on an empty database (the test app loads no demo);
//! and the demo's links, which follow BASE_URL.

use std::path::{Path, PathBuf};

use brobyg::db::{branches, courses};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

fn material(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("course-material")
        .join(path)
}

fn org_import(app: &TestApp, file: &Path) -> anyhow::Result<String> {
    let mut out = Vec::new();
    brobyg::cli::org::import(&app.db, file, &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

fn courses_import(app: &TestApp, dir: &Path) -> anyhow::Result<String> {
    let mut out = Vec::new();
    brobyg::cli::courses::import(&app.db, dir, &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

fn organisation(app: &TestApp) -> (Vec<branches::Region>, Vec<branches::BranchInRegion>) {
    let mut conn = app.db.conn().expect("connection");
    (
        branches::regions(&mut conn).expect("regions"),
        branches::all(&mut conn).expect("branches"),
    )
}

fn all_courses(app: &TestApp) -> Vec<courses::Course> {
    let mut conn = app.db.conn().expect("connection");
    courses::all(&mut conn).expect("courses")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[tokio::test]
async fn org_import_loads_the_organisation_once() {
    let app = spawn_app().await;
    assert!(organisation(&app).0.is_empty(), "an empty database");
    let file = material("organisation.toml");

    let said = org_import(&app, &file).expect("imported");
    assert_eq!(
        said,
        "7 regioner, 20 afdelinger: 20 oprettet, 0 ændret, 0 uændret\n\
         regioner: 7 oprettet, 0 ændret\n"
    );
    let (regions, all) = organisation(&app);
    assert_eq!(regions.len(), 7);
    assert_eq!(all.len(), 20);
    let copenhagen = all
        .iter()
        .find(|b| b.branch.slug == "koebenhavn")
        .expect("København");
    assert_eq!(copenhagen.region_name, "Hovedstaden");
    assert!(copenhagen.branch.is_head_office);
    assert_eq!(copenhagen.branch.phone, "93 91 23 00");
    assert_eq!(copenhagen.branch.email, "info@socialsundhed.org");
    assert_eq!(all.iter().filter(|b| b.branch.is_head_office).count(), 7);

    let again = org_import(&app, &file).expect("imported again");
    assert_eq!(
        again,
        "7 regioner, 20 afdelinger: 0 oprettet, 0 ændret, 20 uændret\n\
         Intet ændret: databasen svarer allerede til filen (nothing changed).\n"
    );
    let (regions_after, all_after) = organisation(&app);
    assert_eq!(regions_after.len(), 7);
    let ids = |v: &[branches::BranchInRegion]| v.iter().map(|b| b.branch.id).collect::<Vec<_>>();
    assert_eq!(ids(&all_after), ids(&all), "the same rows");
}

#[tokio::test]
async fn an_edited_file_updates_and_deletes_nothing() {
    let app = spawn_app().await;
    org_import(&app, &material("organisation.toml")).expect("imported");
    let dir = tempfile::tempdir().expect("tempdir");
    // Only one region: the others are left as they are.
    let edited = write(
        dir.path(),
        "nord.toml",
        r#"
[[region]]
name = "Nordjylland"
slug = "nord"

[[region.branch]]
name = "Aalborg"
head_office = true
email = "aalborg@socialsundhed.org"
phone = "12 34 56 78"
address = "Boulevarden 1, 9000 Aalborg"

[[region.branch]]
name = "Hjørring"
email = "info@socialsundhed.org"

[[region.branch]]
name = "Frederikshavn"
email = "info@socialsundhed.org"
"#,
    );
    let said = org_import(&app, &edited).expect("imported");
    assert_eq!(
        said,
        "1 regioner, 3 afdelinger: 1 oprettet, 1 ændret, 1 uændret\n\
         regioner: 0 oprettet, 1 ændret\n"
    );
    let (regions, all) = organisation(&app);
    assert_eq!(regions.len(), 7, "no region deleted or added");
    assert!(
        regions
            .iter()
            .any(|r| r.name == "Nordjylland" && r.slug == "nord")
    );
    assert_eq!(all.len(), 21, "Thisted and Mariagerfjord stay");
    let aalborg = all
        .iter()
        .find(|b| b.branch.slug == "aalborg")
        .expect("Aalborg");
    assert_eq!(aalborg.branch.address, "Boulevarden 1, 9000 Aalborg");
    assert_eq!(aalborg.branch.email, "aalborg@socialsundhed.org");
    assert_eq!(aalborg.branch.phone, "12 34 56 78");
    assert_eq!(aalborg.region_name, "Nordjylland");
}

#[tokio::test]
async fn a_bad_organisation_file_writes_nothing_and_says_why() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let twice = write(
        dir.path(),
        "twice.toml",
        "[[region]]\nname = \"Syd\"\n\
         [[region.branch]]\nname = \"Odense\"\nemail = \"info@socialsundhed.org\"\n\
         [[region.branch]]\nname = \"odense\"\nemail = \"info@socialsundhed.org\"\n",
    );
    let err = org_import(&app, &twice).expect_err("refused");
    let said = err.to_string();
    assert!(said.contains("twice.toml"), "{said}");
    assert!(said.contains("branch \"odense\" appears twice"), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
    assert!(organisation(&app).0.is_empty(), "nothing written");

    let bad_email = write(
        dir.path(),
        "email.toml",
        "[[region]]\nname = \"Syd\"\n[[region.branch]]\nname = \"Odense\"\nemail = \"odense\"\n",
    );
    let said = org_import(&app, &bad_email)
        .expect_err("refused")
        .to_string();
    assert!(said.contains("not a valid email address"), "{said}");

    // The database refuses a step after others were written (a branch name
    // already in use under another slug): the whole file is rolled back.
    org_import(&app, &material("organisation.toml")).expect("imported");
    let clash = write(
        dir.path(),
        "clash.toml",
        "[[region]]\nname = \"Nord\"\n\
         [[region.branch]]\nname = \"Skagen\"\nemail = \"info@socialsundhed.org\"\n\
         [[region.branch]]\nname = \"Aalborg\"\nslug = \"aalborg-to\"\nemail = \"info@socialsundhed.org\"\n",
    );
    let err = org_import(&app, &clash).expect_err("refused");
    assert!(
        format!("{err:#}").contains("nothing was imported"),
        "{err:#}"
    );
    let (_, all) = organisation(&app);
    assert_eq!(all.len(), 20);
    assert!(all.iter().all(|b| b.branch.name != "Skagen"), "rolled back");
}

#[tokio::test]
async fn courses_import_loads_the_catalogue_by_slug() {
    let app = spawn_app().await;
    org_import(&app, &material("organisation.toml")).expect("organisation");
    let dir = material("genlaer");
    let said = courses_import(&app, &dir).expect("imported");
    assert_eq!(said, "5 kurser: 5 oprettet, 0 ændret, 0 uændret\n");
    let loaded = all_courses(&app);
    assert_eq!(loaded.len(), 5);
    let lgbt = loaded
        .iter()
        .find(|c| c.slug == "lgbt-venlig-praksis-i-sundhedsvaesenet")
        .expect("the LGBT+ course");
    assert_eq!(lgbt.minutes, 210);
    assert!(lgbt.region_id.is_some(), "Aarhus's");

    let again = courses_import(&app, &dir).expect("imported again");
    assert_eq!(
        again,
        "5 kurser: 0 oprettet, 0 ændret, 5 uændret\n\
         Intet ændret: databasen svarer allerede til filerne (nothing changed).\n"
    );

    // An edited copy of the folder updates the course it changes.
    let copy = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(&dir).expect("folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        let mut text = std::fs::read_to_string(&path).expect("read");
        if name == "01-lgbt-venlig-praksis.md" {
            text = text.replace("hours = 3.5", "hours = 4.0");
        }
        std::fs::write(copy.path().join(name), text).expect("write");
    }
    let edited = courses_import(&app, copy.path()).expect("imported");
    assert_eq!(edited, "5 kurser: 0 oprettet, 1 ændret, 4 uændret\n");
    let after = all_courses(&app);
    assert_eq!(after.len(), 5, "never duplicated");
    let lgbt_after = after.iter().find(|c| c.id == lgbt.id).expect("same row");
    assert_eq!(lgbt_after.minutes, 240);
}

const NATIONAL: &str = "+++\nslug = \"nationalt\"\ntitle = \"Et nationalt kursus\"\n\
    summary = \"Kort\"\naudience = \"professionals\"\ntarget_group = \"alle\"\n\
    hours = 2.0\nformat = \"both\"\nprice = 0\n+++\nTekst\n";

#[tokio::test]
async fn a_course_in_an_unknown_region_writes_nothing_and_names_the_file() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "01-nationalt.md", NATIONAL);
    write(
        dir.path(),
        "02-atlantis.md",
        &NATIONAL
            .replace("nationalt", "atlantis")
            .replace("hours = 2.0", "hours = 2.0\nregion = \"Atlantis\""),
    );
    let err = courses_import(&app, dir.path()).expect_err("refused");
    let said = err.to_string();
    assert!(said.contains("02-atlantis.md"), "{said}");
    assert!(said.contains("no region named \"Atlantis\""), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
    assert!(
        all_courses(&app).is_empty(),
        "the national course is rolled back too"
    );

    // A broken file is refused before anything is read into the database.
    write(dir.path(), "02-atlantis.md", "# no front matter\n");
    let said = courses_import(&app, dir.path())
        .expect_err("refused")
        .to_string();
    assert!(said.contains("02-atlantis.md: no front matter"), "{said}");
    assert!(all_courses(&app).is_empty());
}

#[tokio::test]
async fn demo_links_follow_base_url() {
    let app = spawn_app_with(|s| {
        s.demo = Some(true);
        s.base_url = "https://brobyg.example.dk".into();
    })
    .await;
    let rows = app.outbox();
    assert!(!rows.is_empty(), "the demo leaves emails to read");
    let mailer = app.mailer();
    let mut linked = 0;
    for row in &rows {
        assert!(!row.payload.contains("127.0.0.1:8080"), "{}", row.payload);
        // Rendered as it leaves the site (decoded: no transfer encoding
        // to split a link), and assembled with its calendar part.
        let message = brobyg::mail::mime::message_of(row, mailer.links()).expect("a message");
        let email = brobyg::mail::render::render(&app.state.templates, &row.recipient(), &message)
            .expect("renders");
        let text = format!("{}\n{}\n{}", email.subject, email.text, email.html);
        assert!(!text.contains("127.0.0.1:8080"), "{}: {text}", row.kind);
        let assembled =
            brobyg::mail::mime::compose(&app.state.templates, row, mailer.sender(), mailer.links())
                .expect("composes");
        let raw = String::from_utf8_lossy(&assembled.formatted()).into_owned();
        assert!(!raw.contains("127.0.0.1:8080"), "{}: {raw}", row.kind);
        if text.contains("https://brobyg.example.dk/") {
            linked += 1;
        }
    }
    assert!(linked > 0, "some demo email links to the site");
}
