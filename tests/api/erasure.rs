//! The right to erasure: a person asks on `/konto/sletning`, an
//! administrator reviews and carries it out, and afterwards the person's
//! name, address and phone are found nowhere but in the records the
//! registry says must be kept (invoice details, certificates).

use brobyg::db::{enrolments, users};
use brobyg::domain::Role;
use brobyg::domain::enrolment::EnrolmentStatus;
use brobyg::domain::privacy::{self, Erasure, Holds};
use brobyg::domain::session::SessionKind;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use reqwest::StatusCode;

use crate::helpers::{Browser, TestApp, location, spawn_app, spawn_app_with, texts};
use crate::privacy::{can_hold_personal_data, live_schema};

const ERASED: &str = "Slettet person";

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Where each of `needles` still occurs, as `table.column`, outside the
/// columns the registry keeps on purpose (for bookkeeping, or so that a
/// certificate stays verifiable).
fn traces(app: &TestApp, needles: &[&str]) -> Vec<String> {
    let kept = |table: &str, column: &str| {
        privacy::table(table).is_some_and(|t| match &t.holds {
            Holds::Personal { entries, .. } => entries.iter().any(|e| {
                matches!(
                    e.erasure,
                    Erasure::KeepForBookkeeping | Erasure::KeepCertificate
                ) && e.columns.contains(&column)
            }),
            Holds::Nothing => false,
        })
    };
    let placeholder = if app.is_postgres() { "$1" } else { "?" };
    let mut conn = app.db.conn().expect("connection");
    let mut found = Vec::new();
    for (table, columns) in live_schema(app) {
        for (column, data_type) in columns {
            if !can_hold_personal_data(&data_type) || data_type == "date" {
                continue;
            }
            if data_type.starts_with("timestamp") || kept(&table, &column) {
                continue;
            }
            for needle in needles {
                let sql = format!(
                    "SELECT COUNT(*) AS n FROM \"{table}\" WHERE lower(\"{column}\") LIKE {placeholder}"
                );
                let pattern = format!("%{}%", needle.to_lowercase());
                let count: Count = diesel::sql_query(sql)
                    .bind::<Text, _>(pattern)
                    .get_result(&mut *conn)
                    .expect("scan");
                if count.n > 0 {
                    found.push(format!(
                        "{table}.{column} has {needle:?} ({} rows)",
                        count.n
                    ));
                }
            }
        }
    }
    found
}

/// Name, address and phone of an account, as they were.
fn identity(app: &TestApp, email: &str) -> (i64, Vec<String>) {
    let mut conn = app.db.conn().expect("connection");
    let user = users::find_by_email(&mut conn, email)
        .expect("query")
        .expect("the account exists");
    let mut needles = vec![user.name.clone(), user.email.clone()];
    needles.extend(user.phone.filter(|p| p.len() >= 6));
    (user.id, needles)
}

async fn demo_login(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    let response = browser.login(email, brobyg::demo::PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} logs in");
    browser
}

/// The person asks, the demo administrator carries it out from the list.
async fn ask_and_carry_out(app: &TestApp, email: &str) {
    let (id, needles) = identity(app, email);
    let person = demo_login(app, email).await;
    let asked = person.post_form("/konto/sletning", &[]).await;
    assert_eq!(location(&asked), "/konto/sletning");
    let request = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::erasure::open_of(&mut conn, id)
            .expect("query")
            .expect("the request is recorded")
            .id
    };
    let link = format!("/admin/sletning/{request}");
    let admin = demo_login(app, "admin@brobyg.test").await;
    let list = admin.get_html("/admin/sletning").await;
    assert!(texts(&list, "#erasure-requests a").contains(&needles[0]));
    assert!(list.contains(&format!("href=\"{link}\"")));
    let review = admin.get_html(&link).await;
    assert!(
        review.contains("erasure-kept"),
        "the review says what is kept"
    );
    let done = admin.post_form(&format!("{link}/udfoer"), &[]).await;
    assert_eq!(location(&done), "/admin/sletning");
    let after = admin.get_html("/admin/sletning").await;
    assert!(!texts(&after, "#erasure-requests a").contains(&needles[0]));
    assert_eq!(texts(&after, "#erasures-done li").len(), 1);
    identity_gone(app, email);
}

fn identity_gone(app: &TestApp, email: &str) {
    let mut conn = app.db.conn().expect("connection");
    assert!(
        users::find_by_email(&mut conn, email)
            .expect("query")
            .is_none(),
        "nobody has the address any more"
    );
}

#[tokio::test]
async fn an_erased_demo_professional_leaves_no_trace_outside_the_kept_records() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let (id, needles) = identity(&app, "fagperson@brobyg.test");
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    assert!(
        !traces(&app, &needles).is_empty(),
        "the demo professional is stored somewhere to begin with"
    );
    let certificates: Vec<String> = {
        use brobyg::db::schema::certificates;
        let mut conn = app.db.conn().expect("connection");
        certificates::table
            .filter(certificates::user_id.eq(id))
            .select(certificates::code)
            .load(&mut *conn)
            .expect("certificates")
    };
    assert!(!certificates.is_empty(), "the demo professional holds one");
    let evaluation_links = |app: &crate::helpers::TestApp| -> (i64, i64) {
        use brobyg::db::schema::{evaluation_answers, evaluation_links};
        let mut conn = app.db.conn().expect("connection");
        let links = evaluation_links::table
            .filter(evaluation_links::user_id.eq(id))
            .count()
            .get_result(&mut *conn)
            .expect("links");
        let answers = evaluation_answers::table
            .count()
            .get_result(&mut *conn)
            .expect("answers");
        (links, answers)
    };
    assert_eq!(evaluation_links(&app), (1, 3), "her unused evaluation link");
    ask_and_carry_out(&app, "fagperson@brobyg.test").await;

    assert_eq!(traces(&app, &needles), Vec::<String>::new());
    // Her evaluation link goes; the anonymous answers were never hers.
    assert_eq!(evaluation_links(&app), (0, 3));
    // A certificate stays verifiable, with the name printed on it.
    for code in certificates {
        let page = app.browser().get_html(&format!("/bevis/{code}")).await;
        assert!(page.contains(needles[0]), "/bevis/{code} names the holder");
    }
    // The account cannot be used any more.
    let again = app.browser();
    let login = again
        .login("fagperson@brobyg.test", brobyg::demo::PASSWORD)
        .await;
    assert!(
        !login.status().is_redirection(),
        "an erased person cannot log in"
    );
    assert!(again.get("/konto").await.status().is_redirection());
}

#[tokio::test]
async fn an_erased_demo_volunteer_keeps_the_counts_and_names_nobody() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let (id, needles) = identity(&app, "frivillig@brobyg.test");
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    let attended = |app: &TestApp| -> i64 {
        use brobyg::db::schema::{attendance, meetings, sessions};
        let mut conn = app.db.conn().expect("connection");
        attendance::table
            .inner_join(meetings::table.inner_join(sessions::table))
            .filter(attendance::user_id.eq(id))
            .filter(sessions::kind.ne(SessionKind::Supervision))
            .count()
            .get_result(&mut *conn)
            .expect("count")
    };
    let before = attended(&app);
    assert!(before > 0, "the demo brobygger attended the course");
    let branch: i64 = {
        use brobyg::db::schema::volunteers;
        let mut conn = app.db.conn().expect("connection");
        volunteers::table
            .find(id)
            .select(volunteers::branch_id)
            .first(&mut *conn)
            .expect("the demo brobygger's branch")
    };
    let coordinator = demo_login(&app, "koordinator@brobyg.test").await;
    let active = format!("/koordinator/afdelinger/{branch}/aktive");
    assert!(coordinator.get_html(&active).await.contains(needles[0]));
    let lists = [
        active,
        format!("/koordinator/afdelinger/{branch}/brobyggere"),
    ];

    ask_and_carry_out(&app, "frivillig@brobyg.test").await;

    assert_eq!(traces(&app, &needles), Vec::<String>::new());
    assert_eq!(
        attended(&app),
        before,
        "the course's attendance still counts"
    );
    // Gone from the coordinator's lists of brobyggere.
    for list in &lists {
        let html = coordinator.get_html(list).await;
        assert!(!html.contains(needles[0]), "{list}");
        assert!(!html.contains(ERASED), "{list}");
    }
    crate::volunteers::support::assert_volunteer_counts_are_live(&app);
    crate::volunteers::support::assert_pending_application_counts_are_live(&app);
}

#[tokio::test]
async fn a_person_asks_sees_the_request_pending_and_may_withdraw_it() {
    let app = spawn_app().await;
    let (person, user) = app.signed_in(Role::Volunteer).await;
    let (admin, _) = app.signed_in(Role::Admin).await;

    let page = person.get_html("/konto/sletning").await;
    assert!(texts(&page, "#erasure-pending").is_empty());
    // What happens to needs and invoices is said before anyone asks.
    assert!(page.contains("class=\"erasure-delete\" data-category=\"needs\""));
    assert!(page.contains("class=\"erasure-keep-for-bookkeeping\" data-category=\"invoice\""));

    person.post_form("/konto/sletning", &[]).await;
    // A second click changes nothing.
    person.post_form("/konto/sletning", &[]).await;
    let page = person.get_html("/konto/sletning").await;
    assert_eq!(texts(&page, "#erasure-pending").len(), 1);
    let list = admin.get_html("/admin/sletning").await;
    assert_eq!(
        texts(&list, "#erasure-requests a"),
        vec![format!("Test {}", user.email)]
    );

    person.post_form("/konto/sletning/fortryd", &[]).await;
    let page = person.get_html("/konto/sletning").await;
    assert!(texts(&page, "#erasure-pending").is_empty());
    let list = admin.get_html("/admin/sletning").await;
    assert!(texts(&list, "#erasure-requests a").is_empty());
    // The person is still there.
    assert_eq!(person.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn erasing_gives_seats_back_and_the_waiting_list_moves_up() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let (person_browser, person) = app.signed_in(Role::Volunteer).await;
    let next = app.create_user("naeste@example.dk", &[], None);
    let session = app.create_session(SessionKind::Evening, None, Some(1), 10);
    app.enrol(session, person.id);
    app.enrol(session, next.id);

    let review = admin
        .get_html(&format!("/admin/brugere/{}/slet", person.id))
        .await;
    assert_eq!(texts(&review, "#erasure-seats li").len(), 1);
    let done = admin
        .post_form(&format!("/admin/brugere/{}/slet", person.id), &[])
        .await;
    assert_eq!(location(&done), "/admin/sletning");

    let mut conn = app.db.conn().expect("connection");
    let promoted = enrolments::find(&mut conn, session, next.id)
        .expect("query")
        .expect("enrolment");
    assert_eq!(promoted.status, EnrolmentStatus::Confirmed);
    let erased = users::find(&mut conn, person.id).expect("account row stays");
    assert!(erased.erased_at.is_some());
    assert_eq!(erased.name, ERASED);
    drop(conn);
    // Their browser is signed out, and the admin's search does not find them.
    assert!(person_browser.get("/konto").await.status().is_redirection());
    let search = admin.get_html("/admin/brugere?q=slettet").await;
    assert!(!search.contains(&format!("/admin/brugere/{}\"", person.id)));
    // Nothing is sent to an erased person, not even the cancellation.
    assert!(
        app.outbox()
            .iter()
            .all(|m| m.user_id != Some(person.id) && m.to_email != person.email)
    );
    // The log says that it happened, and names nobody.
    let log = admin.get_html("/admin/revision?handling=erasure").await;
    assert_eq!(texts(&log, ".audit-detail"), vec!["På personens vegne"]);
    assert!(!log.contains(&person.email));
}

#[tokio::test]
async fn only_administrators_erase_and_never_themselves_or_another_administrator() {
    let app = spawn_app().await;
    let (admin, me) = app.signed_in(Role::Admin).await;
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    let (volunteer, someone) = app.signed_in(Role::Volunteer).await;
    let other_admin = app.create_user("admin2@example.dk", &[Role::Admin], None);

    assert_eq!(
        coordinator.get("/admin/sletning").await.status(),
        StatusCode::FORBIDDEN
    );
    let path = format!("/admin/brugere/{}/slet", someone.id);
    assert_eq!(
        coordinator.post_form(&path, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        volunteer.post_form(&path, &[]).await.status(),
        StatusCode::FORBIDDEN
    );

    for target in [me.id, other_admin.id] {
        let refused = admin
            .post_refused(&format!("/admin/brugere/{target}/slet"), &[])
            .await;
        assert_eq!(location(&refused), format!("/admin/brugere/{target}/slet"));
    }
    let mut conn = app.db.conn().expect("connection");
    assert!(
        users::find(&mut conn, me.id)
            .expect("me")
            .erased_at
            .is_none()
    );
    assert!(
        users::find(&mut conn, other_admin.id)
            .expect("other")
            .erased_at
            .is_none()
    );
    drop(conn);

    // A withdrawn request cannot be carried out.
    volunteer.post_form("/konto/sletning", &[]).await;
    let list = admin.get_html("/admin/sletning").await;
    let link = crate::helpers::attr(&list, "#erasure-requests a", "href");
    volunteer.post_form("/konto/sletning/fortryd", &[]).await;
    admin.post_refused(&format!("{link}/udfoer"), &[]).await;
    assert_eq!(volunteer.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_demo_has_a_participants_request_to_review() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let admin = demo_login(&app, "admin@brobyg.test").await;
    let list = admin.get_html("/admin/sletning").await;
    assert_eq!(texts(&list, "#erasure-requests a").len(), 1);
    let link = crate::helpers::attr(&list, "#erasure-requests a", "href");
    let review = admin.get_html(&link).await;
    let kept = texts(&review, "#erasure-kept li");
    assert!(
        kept.iter()
            .any(|k| k.contains("GenLær") && !k.starts_with("Ingen")),
        "the participant's invoice details are kept: {kept:?}"
    );
}

#[tokio::test]
async fn accounts_unused_for_years_are_found_and_nobody_else() {
    use brobyg::db::schema::{enrolments as e, users as u, volunteers as v};
    let app = spawn_app().await;
    let branch = app.create_branch("Inaktiv");
    let unused = app.create_user("gammel@example.dk", &[Role::Professional], None);
    let logs_in = app.create_user("logger.ind@example.dk", &[], None);
    let staff = app.create_user("koord@example.dk", &[Role::Coordinator], Some(branch));
    let volunteer = app.create_user("aktiv@example.dk", &[Role::Volunteer], Some(branch));
    let attended = app.create_user("kursus@example.dk", &[], None);
    let session = app.create_session(SessionKind::Evening, None, None, -30);
    app.enrol(session, attended.id);
    // Logging in is activity, and is recorded.
    let (_browser, signed_in) = app.signed_in(Role::Professional).await;
    {
        let mut conn = app.db.conn().expect("connection");
        let last: Option<chrono::NaiveDateTime> = u::table
            .find(signed_in.id)
            .select(u::last_login_at)
            .first(&mut *conn)
            .expect("account");
        assert!(last.is_some(), "a login is recorded");
    }

    let now = chrono::Utc::now().naive_utc();
    let long_ago = now - chrono::Duration::days(4 * 365);
    let mut conn = app.db.conn().expect("connection");
    diesel::update(u::table)
        .set((u::created_at.eq(long_ago), u::updated_at.eq(long_ago)))
        .execute(&mut *conn)
        .expect("backdate accounts");
    diesel::update(e::table)
        .set((e::created_at.eq(long_ago), e::updated_at.eq(long_ago)))
        .execute(&mut *conn)
        .expect("backdate enrolments");
    diesel::update(v::table)
        .set((v::created_at.eq(long_ago), v::updated_at.eq(long_ago)))
        .execute(&mut *conn)
        .expect("backdate volunteers");
    diesel::update(brobyg::db::schema::volunteer_status_changes::table)
        .set(brobyg::db::schema::volunteer_status_changes::created_at.eq(long_ago))
        .execute(&mut *conn)
        .expect("backdate history");
    users::record_login(&mut conn, logs_in.id, now).expect("login");

    let cutoff = now - chrono::Duration::days(3 * 365);
    let found = brobyg::db::erasure::inactive_since(&mut conn, cutoff, 100).expect("query");
    assert_eq!(found, vec![unused.id], "only the unused account");
    assert!(!found.contains(&staff.id) && !found.contains(&attended.id));

    // Once the brobygger has left, years ago, they are found too.
    diesel::update(v::table.filter(v::user_id.eq(volunteer.id)))
        .set(v::status.eq(brobyg::domain::volunteer::VolunteerStatus::Alumni))
        .execute(&mut *conn)
        .expect("left");
    diesel::update(v::table)
        .set(v::updated_at.eq(long_ago))
        .execute(&mut *conn)
        .expect("long ago");
    diesel::update(brobyg::db::schema::volunteer_status_changes::table)
        .set(brobyg::db::schema::volunteer_status_changes::created_at.eq(long_ago))
        .execute(&mut *conn)
        .expect("history long ago");
    let found = brobyg::db::erasure::inactive_since(&mut conn, cutoff, 100).expect("query");
    assert_eq!(found, vec![unused.id, volunteer.id]);
}
