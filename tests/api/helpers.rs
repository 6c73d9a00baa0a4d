//! The test app: the real site on a random port with a fresh database of its
//! own (SQLite in a temporary folder, or a new PostgreSQL database when
//! `TEST_DATABASE_URL` names a server), and a browser-like client per user.

mod database;

pub use database::TestDatabase;

use brobyg::domain::Code;
use std::sync::OnceLock;

use brobyg::config::Settings;
use brobyg::db::outbox::{self, OutboxRow};
use brobyg::db::{Db, users, volunteers};
use brobyg::domain::Role;
use brobyg::domain::events::Message;
use brobyg::domain::volunteer::VolunteerStatus;
use brobyg::mail::worker::{self, Mailer, Pass};
use brobyg::startup::Application;
use brobyg::web::AppState;
use chrono::NaiveDateTime;
use diesel::Connection;
use reqwest::StatusCode;
use scraper::{Html, Selector};

pub const PASSWORD: &str = "et-godt-kodeord-til-test";

pub(crate) fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// What the site runs with (settings, templates, its mail worker).
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    database: Option<TestDatabase>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop command at once; the future only waits for it.
        drop(self.handle.stop(false));
    }
}

pub fn test_settings(database: &TestDatabase) -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        database_url: database.url.clone().into(),
        database_pool_size: 4,
        workers: 2,
        demo: Some(false),
        data_dir: database.data_dir(),
        // Tests that send mail run the worker's passes themselves
        // (`TestApp::deliver`), so every other test sees the outbox as the
        // requests left it.
        mail_worker: false,
        ..Settings::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::fresh();
    let mut settings = test_settings(&database);
    configure(&mut settings);
    start(settings, database)
}

/// Starts the site on an existing database (for tests about restarts).
pub fn start(settings: Settings, database: TestDatabase) -> TestApp {
    let app = Application::build(settings).expect("the app starts");
    let port = app.port();
    let db = app.state().app.db.clone();
    let state = app.state().clone();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        db,
        state,
        handle,
        database: Some(database),
    }
}

/// A created account for a test.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub email: String,
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| brobyg::auth::password::hash(PASSWORD).expect("hash"))
}

impl TestApp {
    pub fn is_postgres(&self) -> bool {
        self.database
            .as_ref()
            .is_some_and(TestDatabase::is_postgres)
    }

    /// Takes the database away under the running site (PostgreSQL only).
    pub fn drop_database(&mut self) {
        if let Some(db) = self.database.as_mut() {
            db.drop_now();
        }
    }

    /// Ends the site's database connections from outside (PostgreSQL).
    pub fn end_connections(&self) {
        if let Some(db) = self.database.as_ref() {
            db.end_connections();
        }
    }

    /// Stops the site and hands back its database, to start it again.
    pub fn stop(mut self) -> TestDatabase {
        self.database.take().expect("the app has its database")
    }

    /// A browser that also checks the audit log (`Browser::audited`).
    pub fn browser(&self) -> Browser {
        let mut browser = Browser::new(&self.address);
        browser.audit = Some(self.db.clone());
        browser
    }

    /// How many rows the audit log holds.
    pub fn audit_count(&self) -> i64 {
        let mut conn = self.db.conn().expect("connection");
        brobyg::db::audit::count(&mut conn).expect("count")
    }

    /// A browser on another device: its own user agent and, for an app
    /// that trusts the proxy header, its own client address.
    pub fn browser_at(&self, ip: &str, user_agent: &str) -> Browser {
        self.browser_with_headers(&[("x-forwarded-for", ip)], user_agent)
    }

    /// A browser whose every request carries these headers (as a proxy
    /// in front of the site, or a client forging them, would send them).
    pub fn browser_with_headers(&self, headers: &[(&str, &str)], user_agent: &str) -> Browser {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                reqwest::header::HeaderValue::from_str(value).expect("header"),
            );
        }
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(user_agent)
                .default_headers(map)
                .build()
                .expect("client"),
            base: self.address.clone(),
            audit: Some(self.db.clone()),
        }
    }

    /// `n` volunteers of `branch` in `status`, straight into the database
    /// (for lists longer than a page): emails `{prefix}01@example.dk`…,
    /// names `Test {email}`.
    pub fn many_volunteers(
        &self,
        branch: i64,
        status: VolunteerStatus,
        prefix: &str,
        n: usize,
    ) -> Vec<TestUser> {
        use brobyg::db::schema::volunteers as v;
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
        (1..=n)
            .map(|i| {
                let user = self.create_user(
                    &format!("{prefix}{i:02}@example.dk"),
                    &[Role::Volunteer],
                    Some(branch),
                );
                let mut conn = self.db.conn().expect("connection");
                diesel::update(v::table.find(user.id))
                    .set(v::status.eq(status))
                    .execute(&mut conn)
                    .expect("status");
                // Past the use cases: the pipeline's stored readiness and
                // the supervision overview's due date.
                brobyg::app::volunteers::readiness::refresh(&mut conn, &[user.id])
                    .expect("readiness");
                store_due(&mut conn, user.id);
                user
            })
            .collect()
    }

    /// A verified account with the given roles. Coordinators and volunteers
    /// belong to `branch`.
    pub fn create_user(&self, email: &str, roles: &[Role], branch: Option<i64>) -> TestUser {
        let mut conn = self.db.conn().expect("connection");
        let id = users::create(
            &mut conn,
            &users::NewUser {
                email,
                name: &format!("Test {email}"),
                phone: None,
                password_hash: Some(password_hash()),
                verified: true,
                language: brobyg::domain::Lang::Da,
            },
        )
        .expect("create user");
        for role in roles {
            match role {
                Role::Coordinator => users::set_coordinator_branches(
                    &mut conn,
                    id,
                    &[branch.expect("a coordinator needs a branch")],
                )
                .expect("coordinator"),
                Role::Volunteer => {
                    users::grant_role(&mut conn, id, Role::Volunteer).expect("role");
                    volunteers::create(
                        &mut conn,
                        id,
                        branch.expect("a volunteer needs a branch"),
                        VolunteerStatus::Active,
                    )
                    .expect("volunteer");
                }
                other => users::grant_role(&mut conn, id, *other).expect("role"),
            }
        }
        TestUser {
            id,
            email: email.into(),
        }
    }

    /// A region with one branch; returns the branch id.
    pub fn create_branch(&self, name: &str) -> i64 {
        use brobyg::db::branches;
        let mut conn = self.db.conn().expect("connection");
        let slug = brobyg::domain::names::slugify(name);
        let region = branches::create_region(
            &mut conn,
            &format!("Region {name}"),
            &format!("region-{slug}"),
        )
        .expect("region");
        branches::create(
            &mut conn,
            &branches::BranchFields {
                region_id: region,
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

    /// A browser signed in as a new user with `role` (in a fresh branch
    /// where the role needs one).
    pub async fn signed_in(&self, role: Role) -> (Browser, TestUser) {
        let branch = match role {
            Role::Coordinator | Role::Volunteer => {
                Some(self.create_branch(&format!("Afdeling {}", random_suffix())))
            }
            _ => None,
        };
        let email = format!("{}-{}@example.dk", role.as_str(), random_suffix());
        let user = self.create_user(&email, &[role], branch);
        let browser = self.browser();
        let response = browser.login(&user.email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "login as {role:?}"
        );
        (browser, user)
    }

    /// A session of `kind` in `branch` (national when `None`) with one
    /// three-hour meeting `days` from now (negative: in the past).
    pub fn create_session(
        &self,
        kind: brobyg::domain::session::SessionKind,
        branch: Option<i64>,
        capacity: Option<i32>,
        days: i64,
    ) -> i64 {
        use brobyg::db::sessions::{self, MeetingTimes, NewSession};
        let start = (chrono::Utc::now() + chrono::Duration::days(days)).naive_utc();
        let mut conn = self.db.conn().expect("connection");
        sessions::create(
            &mut conn,
            &NewSession {
                kind,
                branch_id: branch,
                title: "Hold til test",
                location: "Søndergade 1, Aarhus",
                online_url: None,
                capacity,
                enrol_deadline: None,
                cancel_deadline: None,
            },
            &[MeetingTimes {
                starts_at: start,
                ends_at: start + chrono::Duration::hours(3),
                location: None,
                online_url: None,
            }],
        )
        .expect("session")
    }

    /// Enrols directly through the engine, as staff (no deadline checks).
    pub fn enrol(&self, session_id: i64, user_id: i64) {
        use brobyg::db::DbConnection;
        let mut pooled = self.db.conn().expect("connection");
        let conn: &mut DbConnection = &mut pooled;
        conn.transaction(|c| brobyg::app::engine::enrol(c, session_id, user_id, true))
            .expect("no database error")
            .expect("placed");
    }

    /// An active brobygger who meets every activation requirement: an
    /// accepted application, every module of the preparation course
    /// attended (in a held cohort of `branch`), the required declaration
    /// signed. For features only active volunteers may use.
    pub fn qualified_volunteer(&self, email: &str, branch: i64) -> TestUser {
        use brobyg::app::volunteers::activation;
        use brobyg::app::volunteers::applications::{self, Decision};
        use brobyg::db::{attendance, cohorts, declarations, sessions};
        use brobyg::domain::attendance::AttendanceStatus;
        let material = brobyg::content::preparation::load().expect("course material");
        let user = self.create_user(email, &[], None);
        let mut pooled = self.db.conn().expect("connection");
        let conn: &mut brobyg::db::DbConnection = &mut pooled;
        conn.transaction(|c| {
            let app = applications::record(
                c,
                user.id,
                &brobyg::db::applications::NewApplication {
                    branch_id: branch,
                    study_programme: "Medicin".into(),
                    institution: "Aarhus Universitet".into(),
                    semester: "7. semester".into(),
                    motivation: "At lære".into(),
                    availability: "Onsdage".into(),
                    heard_from: None,
                    birth_year: None,
                },
                "20 30 40 50",
                None,
            )?;
            applications::record_decision(c, app, &Decision::Accept(None), user.id)?
                .map_err(|_| diesel::result::Error::RollbackTransaction)?;
            let start = (chrono::Utc::now() - chrono::Duration::days(30)).naive_utc();
            let all: Vec<String> = material
                .curriculum
                .modules()
                .iter()
                .map(|m| m.id.clone())
                .collect();
            let cohort = cohorts::create(
                c,
                &cohorts::NewCohort {
                    branch_id: branch,
                    title: "Forberedelseskursus",
                    location: "Aarhus",
                    capacity: None,
                    enrol_deadline: None,
                },
                &[(
                    sessions::MeetingTimes {
                        starts_at: start,
                        ends_at: start + chrono::Duration::hours(20),
                        location: None,
                        online_url: None,
                    },
                    all,
                )],
            )?;
            brobyg::app::engine::enrol(c, cohort, user.id, true)?
                .map_err(|_| diesel::result::Error::RollbackTransaction)?;
            let meeting = &sessions::meetings(c, cohort)?[0];
            attendance::record(
                c,
                meeting.id,
                user.id,
                AttendanceStatus::Present,
                meeting.minutes(),
                user.id,
            )?;
            let version = declarations::required_version(c)?;
            declarations::sign(c, user.id, version, "Underskrevet")?;
            activation::make_active(
                c,
                &material.curriculum,
                user.id,
                brobyg::domain::volunteer::StatusChange::Activate,
                None,
                None,
            )?
            .map_err(|_| diesel::result::Error::RollbackTransaction)
        })
        .expect("a qualified volunteer");
        user
    }

    /// A mailer with the site's settings, as its worker would have.
    pub fn mailer(&self) -> Mailer {
        Mailer::new(
            self.db.clone(),
            self.state.templates.clone(),
            &self.state.settings,
        )
        .expect("mailer")
    }

    /// One pass of the mail worker at `now`.
    pub async fn deliver_at(&self, mailer: &Mailer, now: NaiveDateTime) -> Pass {
        worker::run_once(mailer, now).await.expect("a mail pass")
    }

    /// One pass of the mail worker now.
    pub async fn deliver(&self, mailer: &Mailer) -> Pass {
        self.deliver_at(mailer, brobyg::db::now()).await
    }

    pub fn outbox(&self) -> Vec<OutboxRow> {
        let mut conn = self.db.conn().expect("connection");
        let mut rows = outbox::recent(&mut conn, 1000).expect("outbox");
        rows.reverse();
        rows
    }

    /// The newest message to `email`, decoded.
    pub fn last_message_to(&self, email: &str) -> Message {
        self.outbox()
            .into_iter()
            .rev()
            .find(|r| r.to_email == email)
            .unwrap_or_else(|| panic!("no message to {email}"))
            .message()
            .expect("valid message")
    }

    /// The newest message to `email` other than the digest of open tasks,
    /// which the worker's pass may send staff beside what a test looks at
    /// (`app::tasks::send_due_digests`).
    pub fn last_message_but_digest_to(&self, email: &str) -> Message {
        self.outbox()
            .into_iter()
            .rev()
            .find(|r| r.to_email == email && r.kind != "task_digest")
            .unwrap_or_else(|| panic!("no message to {email}"))
            .message()
            .expect("valid message")
    }

    pub fn user_count(&self) -> i64 {
        let mut conn = self.db.conn().expect("connection");
        users::count(&mut conn).expect("count")
    }

    /// The one number `sql` selects as `n` (a BIGINT on both databases):
    /// for checks of stored counters against their rows.
    pub fn scalar(&self, sql: &str) -> i64 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.db.conn().expect("connection");
        diesel::sql_query(sql)
            .get_result::<N>(&mut *conn)
            .expect(sql)
            .n
    }

    /// Every attendance row carries its session's kind, the copy the gate
    /// and the supervision standing read instead of joining the session
    /// (filled by a trigger, or written by the generator).
    pub fn assert_attendance_kinds_are_copied(&self) {
        let rows = self.scalar("SELECT COUNT(*) AS n FROM attendance");
        let wrong = self.scalar(
            "SELECT COUNT(*) AS n FROM attendance a \
             JOIN meetings m ON m.id = a.meeting_id JOIN sessions s ON s.id = m.session_id \
             WHERE a.session_kind IS NULL OR a.session_kind <> s.kind",
        );
        assert!(rows > 0, "attendance to check");
        assert_eq!(wrong, 0, "attendance rows without their session's kind");
    }

    /// Every seat carries its session's kind, the copy the supervision
    /// overview and a person's seats of one kind are read by (written with
    /// the seat, by the generator, or filled by a trigger).
    pub fn assert_enrolment_kinds_are_copied(&self) {
        let rows = self.scalar("SELECT COUNT(*) AS n FROM enrolments");
        let wrong = self.scalar(
            "SELECT COUNT(*) AS n FROM enrolments e JOIN sessions s ON s.id = e.session_id \
             WHERE e.session_kind IS NULL OR e.session_kind <> s.kind",
        );
        assert!(rows > 0, "seats to check");
        assert_eq!(wrong, 0, "seats without their session's kind");
    }
}

/// One person's browser: a cookie jar, no automatic redirects (tests look at
/// them), and helpers that fill in the CSRF token like a page's form would.
pub struct Browser {
    pub client: reqwest::Client,
    base: String,
    /// The site's database, to hold every staff action this browser takes
    /// to the audit log's rule (see `audited`); `None` checks nothing.
    audit: Option<Db>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: base.to_string(),
            audit: None,
        }
    }

    fn audit_rows(&self) -> Option<i64> {
        let db = self.audit.as_ref()?;
        let mut conn = db.conn().expect("connection");
        Some(brobyg::db::audit::count(&mut conn).expect("count"))
    }

    /// The audit log's rule, checked on every request the suite's journeys
    /// make: a staff request that went through (a redirect after a POST
    /// under `/koordinator` or `/admin`; a 200 for an export or a
    /// volunteer's record) must have added a row. A request the site
    /// refused on purpose goes through `post_refused`, which checks the
    /// opposite.
    fn audited(&self, method: &str, path: &str, before: Option<i64>, response: &reqwest::Response) {
        // Unwatched requests do not touch the database (a test may have
        // taken it away).
        let Some(before) = before else {
            return;
        };
        let Some(after) = self.audit_rows() else {
            return;
        };
        let status = response.status();
        // Sent to log in, to set up a second factor or to prove who one is
        // again: nothing was done yet.
        let to_login = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| {
                l.starts_with("/log-ind")
                    || l.starts_with("/konto/bekraeft-identitet")
                    || l.starts_with("/konto/totrinslogin")
            });
        let done = match method {
            "POST" => status == StatusCode::SEE_OTHER && !to_login,
            _ => status == StatusCode::OK,
        };
        assert!(
            !done || after > before,
            "{method} {path} answered {status} but left no row in the audit log"
        );
    }

    /// Whether a request is a staff action the audit log must record.
    fn is_staff_action(method: &str, path: &str) -> bool {
        let path = path.split('?').next().unwrap_or_default();
        let staff = path.starts_with("/koordinator/") || path.starts_with("/admin/");
        // The record of processing describes what the site stores and
        // holds nobody's data: downloading it is not an export.
        if path == "/admin/privatliv.csv" {
            return false;
        }
        match method {
            "POST" => staff,
            _ => {
                staff
                    && (path.ends_with(".csv")
                        || path.starts_with("/admin/beskeder/filer/")
                        || (path.starts_with("/koordinator/fakturaer/")
                            && (path.ends_with(".xml") || path.ends_with(".pdf")))
                        || path.starts_with("/koordinator/brobyggere/")
                        || path.starts_with("/koordinator/ansoegninger/")
                        || (path.starts_with("/admin/brugere/")
                            && (path.ends_with("/data") || path.ends_with("/data.json"))))
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        let watched = Self::is_staff_action("GET", path);
        let before = if watched { self.audit_rows() } else { None };
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        self.audited("GET", path, before, &response);
        response
    }

    pub async fn get_html(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.expect("body")
    }

    /// The CSRF token of this browser's session, as its forms carry it:
    /// the log-out button on any page of a signed-in visitor, else the
    /// sign-in form (a page without a form gives an anonymous visitor
    /// no session).
    pub async fn csrf(&self) -> String {
        let html = self.get("/").await.text().await.expect("body");
        if html.contains(r#"name="csrf""#) {
            return csrf_in(&html);
        }
        csrf_in(&self.get_html("/log-ind").await)
    }

    /// Posts a form as the browser would, with the session's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let watched = Self::is_staff_action("POST", path);
        let before = if watched { self.audit_rows() } else { None };
        let response = self.post_unwatched(path, fields).await;
        self.audited("POST", path, before, &response);
        response
    }

    /// A staff POST that the site refuses on purpose (a rule says no, the
    /// page says why): nothing changed, so the audit log has no new row.
    pub async fn post_refused(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let before = self.audit_rows();
        let response = self.post_unwatched(path, fields).await;
        assert_eq!(
            self.audit_rows(),
            before,
            "a refused POST {path} left a row in the audit log"
        );
        response
    }

    async fn post_unwatched(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        self.post_with_token(&token, path, fields).await
    }

    /// The POST alone, with a CSRF token fetched before (`csrf`): nothing
    /// else reaches the site, so what it does is this request's alone.
    pub async fn post_with_token(
        &self,
        token: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", token)];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form like `post_form`, with `raw` (already percent-encoded,
    /// e.g. `name=%FF`: a byte that is not UTF-8) appended as it stands.
    pub async fn post_form_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        raw: &str,
    ) -> reqwest::Response {
        let token = self.csrf().await;
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("csrf", &token);
        for (k, v) in fields {
            body.append_pair(k, v);
        }
        let body = format!("{}&{raw}", body.finish());
        self.client
            .post(self.url(path))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/log-ind", &[("email", email), ("password", password)])
            .await
    }
}

/// The files below `dir` (a path from the crate's root), at any depth,
/// whose names end with `ending` (`""`: every file).
pub fn files_under(dir: &str, ending: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        let name = path.display().to_string();
        if path.is_dir() {
            out.extend(files_under(&name, ending));
        } else if name.ends_with(ending) {
            out.push(name);
        }
    }
    out
}

pub fn csrf_in(html: &str) -> String {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(r#"input[name="csrf"]"#).expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("page has a CSRF field")
        .to_string()
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a redirect")
        .to_string()
}

/// The attribute `name` of the first element matching `css`.
pub fn attr(html: &str, css: &str, name: &str) -> String {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("no {css} with {name}"))
        .to_string()
}

/// The text of the elements matching `css`.
pub fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The value attribute of the input named `name`.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(&format!(r#"[name="{name}"]"#)).expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("value").map(str::to_string))
}

/// The path of a link in a message, e.g. "/konto/bekraeft/abc".
pub fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").map(|(_, rest)| rest).unwrap_or(link);
    after_scheme
        .find('/')
        .map(|i| after_scheme[i..].to_string())
        .unwrap_or_else(|| "/".into())
}

/// Stores a volunteer's supervision due date again, after a test changed
/// its inputs past the use cases (a backdated activation or pause).
pub fn store_due(conn: &mut brobyg::db::DbConnection, user_id: i64) {
    brobyg::db::supervision::store_due(conn, brobyg::db::supervision::Whose::These(&[user_id]))
        .expect("due date");
}

/// `n` more accounts (`many1@example.dk`, …) and fresh statistics on
/// PostgreSQL: a table of a real size for the tests of its plans, whose
/// choice between planning every call and one plan for any values
/// depends on the rows there are.
pub fn add_many_users(conn: &mut brobyg::db::DbConnection, n: u32) {
    use diesel::RunQueryDsl;
    diesel::sql_query(format!(
        "INSERT INTO users (email, name, created_at, updated_at) \
         SELECT 'many' || g || '@example.dk', 'Mange ' || g, now(), now() \
         FROM generate_series(1, {n}) AS g"
    ))
    .execute(conn)
    .expect("users");
    diesel::sql_query("ANALYZE users")
        .execute(conn)
        .expect("analyze");
}

/// The statements this PostgreSQL connection keeps prepared whose text
/// matches any of `patterns` (SQL `LIKE`), each with how many calls ran
/// on its one plan for any values (`generic_plans`).
pub fn kept_plans(conn: &mut brobyg::db::DbConnection, patterns: &[&str]) -> Vec<(String, i64)> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Plans {
        #[diesel(sql_type = diesel::sql_types::Text)]
        statement: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        generic_plans: i64,
    }
    let wanted = patterns
        .iter()
        .map(|p| format!("statement LIKE '{}'", p.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" OR ");
    diesel::sql_query(format!(
        "SELECT statement, generic_plans FROM pg_prepared_statements WHERE {wanted}"
    ))
    .load::<Plans>(conn)
    .expect("prepared statements")
    .into_iter()
    .map(|p| (p.statement, p.generic_plans))
    .collect()
}
