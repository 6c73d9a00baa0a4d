//! `brobyg backup` and `brobyg restore`: a backup taken while people enrol
//! holds everyone who was told they were enrolled before it began, and
//! restores onto an empty database; nothing is ever overwritten.

use std::path::{Path, PathBuf};

use brobyg::cli::backup::{self, Error};
use brobyg::db::{Db, enrolments, users};
use brobyg::domain::Role;
use reqwest::StatusCode;
use secrecy::ExposeSecret as _;
use tokio::sync::mpsc;

use crate::genlaer::{course, enrol_fields, session};
use crate::helpers::{Browser, TestApp, TestDatabase, csrf_in, spawn_app, spawn_app_with};

fn url(app: &TestApp) -> String {
    app.state
        .settings
        .database_url()
        .expose_secret()
        .to_string()
}

/// On PostgreSQL the backup needs `pg_dump` and `pg_restore`; without
/// them the test says why it does not run.
fn tools_missing(postgres: bool) -> bool {
    if !postgres {
        return false;
    }
    for tool in ["pg_dump", "pg_restore"] {
        if std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipped: {tool} is not on PATH (install the PostgreSQL client tools)");
            return true;
        }
    }
    false
}

async fn run_backup(url: String, target: PathBuf) -> Result<(), Error> {
    tokio::task::spawn_blocking(move || backup::backup(&url, &target))
        .await
        .expect("backup thread")
}

async fn run_restore(url: String, source: PathBuf) -> Result<(), Error> {
    tokio::task::spawn_blocking(move || backup::restore(&url, &source))
        .await
        .expect("restore thread")
}

/// Sends one prepared enrolment form and reports the address on `acks`
/// once the site has answered that it took it.
fn enrol(
    (browser, token, email): (Browser, String, String),
    path: String,
    acks: mpsc::UnboundedSender<String>,
) -> tokio::task::JoinHandle<StatusCode> {
    tokio::spawn(async move {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(enrol_fields("Deltager", &email));
        let response = browser
            .client
            .post(browser.url(&path))
            .form(&fields)
            .send()
            .await
            .expect("response");
        let status = response.status();
        if status == StatusCode::SEE_OTHER {
            let _ = acks.send(email);
        }
        status
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_during_an_enrolment_burst_restores_every_acknowledged_enrolment() {
    let app = spawn_app_with(|s| {
        s.workers = 4;
        s.database_pool_size = 8;
    })
    .await;
    if tools_missing(app.is_postgres()) {
        return;
    }
    let c = course(&app, "backup", "Sikkerhedskopi", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let path = format!("/genlaer/hold/{s}/tilmeld");
    let mut prepared = Vec::new();
    for i in 0..40 {
        let browser = app.browser();
        let html = browser.get_html(&path).await;
        prepared.push((browser, csrf_in(&html), format!("person{i:02}@example.dk")));
    }
    let second_wave = prepared.split_off(20);

    // The first wave is under way; once some of it has been acknowledged,
    // the backup starts, and the second wave arrives while it runs.
    let (acks, mut acked) = mpsc::unbounded_channel();
    let mut requests: Vec<_> = prepared
        .into_iter()
        .map(|p| enrol(p, path.clone(), acks.clone()))
        .collect();
    let mut before_backup = Vec::new();
    while before_backup.len() < 5 {
        before_backup.push(acked.recv().await.expect("an acknowledgement"));
    }
    while let Ok(email) = acked.try_recv() {
        before_backup.push(email);
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("brobyg.backup");
    let backup = tokio::spawn(run_backup(url(&app), file.clone()));
    requests.extend(
        second_wave
            .into_iter()
            .map(|p| enrol(p, path.clone(), acks.clone())),
    );
    for r in requests {
        assert_eq!(r.await.expect("request"), StatusCode::SEE_OTHER);
    }
    backup
        .await
        .expect("backup task")
        .expect("the backup is taken while the site writes");
    {
        let mut conn = app.db.conn().expect("connection");
        let (seated, waiting) = enrolments::participants(&mut conn, s).expect("participants");
        assert_eq!(seated.len() + waiting.len(), 40, "every enrolment landed");
    }

    let target = TestDatabase::fresh();
    run_restore(target.url.clone(), file)
        .await
        .expect("restored onto an empty database");
    if !target.is_postgres() {
        assert_eq!(
            backup::sqlite_integrity_check(Path::new(&target.url)).expect("integrity check"),
            ["ok"]
        );
    }
    let restored = Db::open(&target.url, 1).expect("the restored database opens");
    let mut conn = restored.conn().expect("connection");
    for email in &before_backup {
        let user = users::find_by_email(&mut conn, email)
            .expect("query")
            .unwrap_or_else(|| panic!("{email} was acknowledged before the backup"));
        assert!(
            enrolments::find(&mut conn, s, user.id)
                .expect("query")
                .is_some(),
            "{email}'s enrolment was acknowledged before the backup"
        );
    }
    let (seated, waiting) = enrolments::participants(&mut conn, s).expect("participants");
    let restored_count = seated.len() + waiting.len();
    assert!(restored_count >= before_backup.len() && restored_count <= 40);
    let session = brobyg::db::sessions::find(&mut conn, s).expect("session");
    assert_eq!(
        (session.confirmed_count, session.waitlist_count),
        (
            i32::try_from(seated.len()).expect("small"),
            i32::try_from(waiting.len()).expect("small")
        ),
        "the counts agree with the rows: the backup is one snapshot"
    );
}

#[tokio::test]
async fn a_backup_never_overwrites_an_existing_file() {
    let app = spawn_app().await;
    app.create_user("a@example.dk", &[Role::Professional], None);
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("brobyg.backup");
    std::fs::write(&file, "an older backup").expect("write");
    let refused = run_backup(url(&app), file.clone()).await;
    assert!(
        matches!(&refused, Err(Error::TargetExists(p)) if p == &file),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "an older backup"
    );
}

#[tokio::test]
async fn a_restore_refuses_a_database_that_has_accounts() {
    let app = spawn_app().await;
    if tools_missing(app.is_postgres()) {
        return;
    }
    app.create_user("a@example.dk", &[Role::Professional], None);
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("brobyg.backup");
    run_backup(url(&app), file.clone()).await.expect("backup");
    app.create_user("b@example.dk", &[Role::Professional], None);

    let refused = run_restore(url(&app), file).await;
    assert!(
        matches!(refused, Err(Error::NotEmpty { users: 2 })),
        "{refused:?}"
    );
    assert_eq!(app.user_count(), 2, "the database is untouched");
}

#[tokio::test]
async fn a_restore_refuses_a_file_that_is_not_a_backup() {
    let target = TestDatabase::fresh();
    if tools_missing(target.is_postgres()) {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("brobyg.backup");
    std::fs::write(&file, "not a database").expect("write");
    let refused = run_restore(target.url.clone(), file).await;
    if target.is_postgres() {
        assert!(
            matches!(
                refused,
                Err(Error::ToolFailed {
                    tool: "pg_restore",
                    ..
                })
            ),
            "{refused:?}"
        );
    } else {
        assert!(
            matches!(refused, Err(Error::NotABackup { .. })),
            "{refused:?}"
        );
        assert!(!Path::new(&target.url).exists(), "nothing was put in place");
    }
}
