//! Course evaluations over HTTP: the links sent when a GenLær session is
//! marked held, the anonymous answer behind each, and the coordinators'
//! results per session and per course.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use crate::genlaer::{course, session};
use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, attr, input_value, spawn_app, texts};

/// A held-yesterday GenLær session in a branch with its coordinator signed
/// in, three participants (two attended, one absent).
struct Held {
    app: TestApp,
    coordinator: Browser,
    branch: i64,
    course: i64,
    session: i64,
    present: Vec<TestUser>,
    absent: TestUser,
}

async fn held() -> Held {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let staff = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let c = course(&app, "sundhedskompetence", "Sundhedskompetence", None);
    let s = session(&app, c, Some(branch), Some(10), -2, None);
    let anna = app.create_user("anna@example.dk", &[Role::Professional], None);
    let bo = app.create_user("bo@example.dk", &[Role::Professional], None);
    let cem = app.create_user("cem@example.dk", &[Role::Professional], None);
    for u in [&anna, &bo, &cem] {
        app.enrol(s, u.id);
    }
    let coordinator = app.browser();
    coordinator.login(&staff.email, PASSWORD).await;
    let meeting = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, s).expect("meetings")[0].id
    };
    let (a, b, c_) = (
        format!("status-{}", anna.id),
        format!("status-{}", bo.id),
        format!("status-{}", cem.id),
    );
    let response = coordinator
        .post_form(
            &format!("/koordinator/hold/{s}/moeder/{meeting}/fremmoede"),
            &[(&a, "present"), (&b, "present"), (&c_, "absent")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        links_to(&app).is_empty(),
        "nothing before the session is held"
    );
    let response = coordinator
        .post_form(&format!("/koordinator/hold/{s}/afholdt"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    Held {
        app,
        coordinator,
        branch,
        course: c,
        session: s,
        present: vec![anna, bo],
        absent: cem,
    }
}

/// Every evaluation invitation in the outbox: (address, link path).
fn links_to(app: &TestApp) -> Vec<(String, String)> {
    app.outbox()
        .into_iter()
        .filter(|r| r.kind == "evaluation_invite")
        .map(|r| match r.message().expect("message") {
            Message::EvaluationInvite { link, .. } => (r.to_email, link),
            other => panic!("not an invitation: {other:?}"),
        })
        .collect()
}

fn link_of(app: &TestApp, email: &str) -> String {
    links_to(app)
        .into_iter()
        .find(|(to, _)| to == email)
        .map(|(_, link)| link)
        .expect("a link for them")
}

fn answer_count(app: &TestApp) -> i64 {
    use brobyg::db::schema::evaluation_answers;
    use diesel::prelude::*;
    let mut conn = app.db.conn().expect("connection");
    evaluation_answers::table
        .count()
        .get_result(&mut *conn)
        .expect("count")
}

#[tokio::test]
async fn a_held_session_sends_each_attendee_one_link_and_the_absent_none() {
    let h = held().await;
    let mut sent = links_to(&h.app);
    sent.sort();
    assert_eq!(
        sent.iter().map(|(to, _)| to.as_str()).collect::<Vec<_>>(),
        vec!["anna@example.dk", "bo@example.dk"]
    );
    assert!(sent.iter().all(|(_, l)| l.starts_with("/evaluering/")));
    assert_ne!(sent[0].1, sent[1].1, "one link per person");
    assert!(!links_to(&h.app).iter().any(|(to, _)| to == &h.absent.email));

    // Attendance saved again after the session is held: nobody gets a
    // second link; someone recorded present now gets theirs.
    let meeting = {
        let mut conn = h.app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, h.session).expect("meetings")[0].id
    };
    let fields: Vec<(String, &str)> = h
        .present
        .iter()
        .map(|u| (format!("status-{}", u.id), "present"))
        .chain([(format!("status-{}", h.absent.id), "present")])
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let response = h
        .coordinator
        .post_form(
            &format!("/koordinator/hold/{}/moeder/{meeting}/fremmoede", h.session),
            &fields,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut again: Vec<String> = links_to(&h.app).into_iter().map(|(to, _)| to).collect();
    again.sort();
    assert_eq!(
        again,
        vec!["anna@example.dk", "bo@example.dk", "cem@example.dk"]
    );

    // The email names the session and the certificate, in Danish.
    let row = h
        .app
        .outbox()
        .into_iter()
        .find(|r| r.kind == "evaluation_invite")
        .expect("row");
    let templates = brobyg::templates::Templates::load().expect("templates");
    let email = brobyg::mail::render::render(
        &templates,
        &row.recipient(),
        &row.message().expect("message"),
    )
    .expect("renders");
    assert_eq!(email.subject, "Evaluér kurset: Hold til test");
    assert!(email.text.contains("anonymt"), "{}", email.text);
    assert!(email.text.contains("Mine kurser"), "{}", email.text);
}

#[tokio::test]
async fn an_answer_is_stored_without_the_person_and_the_link_works_once() {
    let h = held().await;
    let link = link_of(&h.app, "anna@example.dk");
    // Anyone with the link may answer: no account needed.
    let visitor = h.app.browser();
    let html = visitor.get_html(&link).await;
    assert_eq!(texts(&html, "legend").len(), 3, "{html}");
    assert!(html.contains("Skriv ikke navne"));
    // Five labelled choices per question.
    assert_eq!(texts(&html, "fieldset input[type=radio]").len(), 15);
    assert_eq!(texts(&html, "fieldset label").len(), 15);
    assert_eq!(
        texts(&html, "label[for=f-relevance-1]"),
        vec!["1 – Slet ikke"]
    );
    let response = visitor
        .post_form(
            &link,
            &[
                ("relevance", "5"),
                ("teachers", "4"),
                ("transfer", "4"),
                ("comment", "Meget brugbart i akutmodtagelsen."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let thanks = visitor.get_html("/evaluering/tak").await;
    assert!(thanks.contains("Tak for din evaluering"));
    assert_eq!(answer_count(&h.app), 1);

    // The stored row: the session, the answers and a date, nothing else.
    {
        use brobyg::db::schema::evaluation_answers as a;
        use diesel::prelude::*;
        let mut conn = h.app.db.conn().expect("connection");
        let (session_id, relevance, teachers, transfer, comment): (
            i64,
            i32,
            i32,
            i32,
            Option<String>,
        ) = a::table
            .select((
                a::session_id,
                a::relevance,
                a::teachers,
                a::transfer,
                a::comment,
            ))
            .first(&mut *conn)
            .expect("row");
        assert_eq!(
            (session_id, relevance, teachers, transfer),
            (h.session, 5, 4, 4)
        );
        assert_eq!(
            comment.as_deref(),
            Some("Meget brugbart i akutmodtagelsen.")
        );
    }
    // Anonymous by construction: no column of the answers names a person,
    // a link or a time, in the live schema of this backend.
    let schema = include_str!("../../src/db/schema.rs");
    let table = schema
        .split("evaluation_answers (id) {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("declared");
    for forbidden in ["user", "token", "link", "_at", "email", "name"] {
        assert!(!table.contains(forbidden), "{forbidden} in {table}");
    }
    assert!(table.contains("submitted_on -> Date"));

    // The link is used: a second answer is refused with a clear page.
    let again = visitor
        .post_form(
            &link,
            &[("relevance", "1"), ("teachers", "1"), ("transfer", "1")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    let html = again.text().await.expect("body");
    assert!(html.contains("Evalueringen er allerede sendt"), "{html}");
    assert_eq!(answer_count(&h.app), 1);
    let page = visitor.get(&link).await;
    assert!(page.text().await.expect("body").contains("allerede sendt"));
}

#[tokio::test]
async fn mistakes_are_explained_beside_the_questions_with_the_input_kept() {
    let h = held().await;
    let link = link_of(&h.app, "bo@example.dk");
    let visitor = h.app.browser();
    let response = visitor
        .post_form(
            &link,
            &[
                ("teachers", "6"),
                ("transfer", "3"),
                ("comment", "Godt, men for kort."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-relevance-error"),
        vec!["Vælg et svar fra 1 til 5."]
    );
    assert_eq!(
        texts(&html, "#f-teachers-error"),
        vec!["Svaret skal være et tal fra 1 til 5."]
    );
    assert!(html.contains("id=\"f-transfer-3\" name=\"transfer\" value=\"3\" required checked"));
    assert_eq!(
        texts(&html, "#f-comment"),
        vec!["Godt, men for kort."],
        "the comment is kept"
    );
    assert!(html.contains("error-summary"), "the summary comes first");
    assert!(input_value(&html, "csrf").is_some());
    assert_eq!(answer_count(&h.app), 0, "nothing stored");

    // The link still works afterwards.
    let response = visitor
        .post_form(
            &link,
            &[("relevance", "3"), ("teachers", "3"), ("transfer", "3")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(answer_count(&h.app), 1);

    // In English too.
    let english = h.app.browser();
    english
        .post_form("/sprog", &[("lang", "en"), ("next", "/")])
        .await;
    let other = link_of(&h.app, "anna@example.dk");
    let response = english.post_form(&other, &[("relevance", "0")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-relevance-error"),
        vec!["The answer must be a number from 1 to 5."]
    );
}

#[tokio::test]
async fn an_unknown_link_is_a_not_found_page() {
    let app = spawn_app().await;
    let response = app.browser().get("/evaluering/ikke-et-rigtigt-link").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.expect("body");
    assert!(html.contains("Linket findes ikke"), "{html}");
    let response = app
        .browser()
        .post_form(
            "/evaluering/ikke-et-rigtigt-link",
            &[("relevance", "3"), ("teachers", "3"), ("transfer", "3")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(answer_count(&app), 0);
}

#[tokio::test]
async fn an_expired_link_opens_no_form() {
    let h = held().await;
    let link = link_of(&h.app, "anna@example.dk");
    {
        use brobyg::db::schema::evaluation_links;
        use diesel::prelude::*;
        let mut conn = h.app.db.conn().expect("connection");
        diesel::update(evaluation_links::table)
            .set(evaluation_links::expires_at.eq(crate::genlaer::in_days(-1)))
            .execute(&mut *conn)
            .expect("expire");
    }
    let visitor = h.app.browser();
    assert_eq!(visitor.get(&link).await.status(), StatusCode::GONE);
    let response = visitor
        .post_form(
            &link,
            &[("relevance", "3"), ("teachers", "3"), ("transfer", "3")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(answer_count(&h.app), 0);
}

#[tokio::test]
async fn coordinators_see_averages_distribution_and_comments_and_other_branches_are_refused() {
    let h = held().await;
    let results = format!("/koordinator/genlaer/hold/{}/evaluering", h.session);
    let html = h.coordinator.get_html(&results).await;
    assert!(html.contains("0 svar af 2 inviterede"), "{html}");

    for (email, ratings, comment) in [
        ("anna@example.dk", ["5", "4", "4"], "Meget brugbart."),
        ("bo@example.dk", ["4", "4", "3"], ""),
    ] {
        let link = link_of(&h.app, email);
        let response = h
            .app
            .browser()
            .post_form(
                &link,
                &[
                    ("relevance", ratings[0]),
                    ("teachers", ratings[1]),
                    ("transfer", ratings[2]),
                    ("comment", comment),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }

    let html = h.coordinator.get_html(&results).await;
    assert!(html.contains("2 svar af 2 inviterede"), "{html}");
    // Averages: relevance 4,5; teachers 4,0; transfer 3,5.
    assert_eq!(texts(&html, "#averages dt"), vec!["4,5", "4,0", "3,5"]);
    // One table of bars per question, with a caption and the numbers as
    // text; the bars are drawn by the site as inline SVG.
    assert_eq!(texts(&html, "table.chart-table").len(), 3);
    assert!(html.contains("<svg"));
    let relevance = texts(&html, "#chart-relevance tbody tr");
    assert_eq!(relevance.len(), 5);
    assert!(relevance[3].contains("4 – I høj grad") && relevance[3].contains('1'));
    assert!(relevance[4].contains("5 – I meget høj grad") && relevance[4].contains('1'));
    assert_eq!(texts(&html, "#comments li"), vec!["Meget brugbart."]);
    assert!(html.contains("few-answers"), "two answers: a warning");
    // Never who answered.
    assert!(!html.contains("anna@example.dk") && !html.contains("bo@example.dk"));

    // The course over time, linked from the session's results.
    let course_path = format!("/koordinator/genlaer/kurser/{}/evaluering", h.course);
    assert!(html.contains(&course_path));
    let html = h.coordinator.get_html(&course_path).await;
    assert_eq!(texts(&html, "#averages dt"), vec!["4,5", "4,0", "3,5"]);
    assert_eq!(texts(&html, "#sessions tbody tr").len(), 1);
    assert!(html.contains("chart-over-time"));
    // Linked from the staff pages.
    let session_page = h
        .coordinator
        .get_html(&format!("/koordinator/genlaer/hold/{}", h.session))
        .await;
    assert!(session_page.contains(&results));
    let index = h.coordinator.get_html("/koordinator/genlaer").await;
    assert!(index.contains(&results) && index.contains(&course_path));

    // Another branch's coordinator: refused the session, and its sessions
    // are not in their view of the course.
    let (other, _) = h.app.signed_in(Role::Coordinator).await;
    assert_eq!(other.get(&results).await.status(), StatusCode::FORBIDDEN);
    let theirs = other.get_html(&course_path).await;
    assert!(theirs.contains("0 svar af 0 inviterede"), "{theirs}");
    assert!(!theirs.contains("Meget brugbart"));
    // A participant is no coordinator.
    let participant = h.app.browser();
    participant.login(&h.present[0].email, PASSWORD).await;
    assert_eq!(
        participant.get(&results).await.status(),
        StatusCode::FORBIDDEN
    );
    // An administrator sees every session.
    let (admin, _) = h.app.signed_in(Role::Admin).await;
    let html = admin.get_html(&results).await;
    assert!(html.contains("2 svar af 2 inviterede"));
    let tile = texts(&admin.get_html("/admin").await, "#evaluations-tile").join(" ");
    assert!(tile.contains("Kursusevalueringer"), "{tile}");

    // The annual figures: this year's sessions of the branch, and all.
    let year = brobyg::app::evaluations::this_year();
    let session_year = {
        let mut conn = h.app.db.conn().expect("connection");
        let s = brobyg::db::sessions::find(&mut conn, h.session).expect("session");
        use chrono::Datelike;
        brobyg::domain::time::local(s.starts_at).year()
    };
    let mut conn = h.app.db.conn().expect("connection");
    let summary = brobyg::db::evaluations::year_summary(&mut conn, Some(&[h.branch]), session_year)
        .expect("summary");
    assert_eq!((summary.invited, summary.answers), (2, 2));
    assert_eq!(summary.tallies.relevance.average_tenths(), Some(45));
    assert_eq!(summary.tallies.transfer.counts, [0, 0, 1, 1, 0]);
    let elsewhere =
        brobyg::db::evaluations::year_summary(&mut conn, Some(&[h.branch + 1000]), session_year)
            .expect("summary");
    assert_eq!(elsewhere.answers, 0);
    let all = brobyg::db::evaluations::year_summary(&mut conn, None, session_year).expect("all");
    assert_eq!(all.answers, 2);
    let _ = year;

    // `/admin/statistik` shows the same for the branch.
    let figures = admin
        .get_html(&format!(
            "/admin/statistik?aar={session_year}&afdeling={}",
            h.branch
        ))
        .await;
    assert_eq!(
        texts(
            &figures,
            "#evaluations, #evaluation-relevance, #evaluation-transfer"
        ),
        vec!["2", "4,5", "3,5"]
    );
}

#[tokio::test]
async fn results_of_a_session_that_is_not_genlaer_are_not_found() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let branch = app.create_branch("Randers");
    let cohort = app.create_session(
        brobyg::domain::session::SessionKind::Cohort,
        Some(branch),
        Some(10),
        -1,
    );
    let response = admin
        .get(&format!("/koordinator/genlaer/hold/{cohort}/evaluering"))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The path of the link a results page offers the teachers.
fn teachers_path(html: &str) -> String {
    let url = attr(html, "#teachers-link-url", "value");
    let at = url.find("/evaluering/").expect("a link to the results");
    url[at..].to_string()
}

/// Teachers have no account: the coordinator shares a link that shows a
/// session's results, or the course's over time for the coordinator's
/// branches, and nothing else; a changed link is not found.
#[tokio::test]
async fn teachers_read_the_results_through_the_link_their_coordinator_shares() {
    let h = held().await;
    let link = link_of(&h.app, "anna@example.dk");
    let response = h
        .app
        .browser()
        .post_form(
            &link,
            &[
                ("relevance", "5"),
                ("teachers", "4"),
                ("transfer", "3"),
                ("comment", "Gode eksempler."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let staff_page = h
        .coordinator
        .get_html(&format!(
            "/koordinator/genlaer/hold/{}/evaluering",
            h.session
        ))
        .await;
    let session_link = teachers_path(&staff_page);
    assert!(session_link.starts_with(&format!("/evaluering/hold/{}/", h.session)));

    let teacher = h.app.browser();
    let html = teacher.get_html(&session_link).await;
    assert!(html.contains("1 svar af 2 inviterede"), "{html}");
    assert_eq!(texts(&html, "#averages dt"), vec!["5,0", "4,0", "3,0"]);
    assert_eq!(texts(&html, "#comments li"), vec!["Gode eksempler."]);
    assert!(
        !html.contains("/koordinator/genlaer"),
        "no links into the coordinators' pages"
    );
    assert!(!html.contains("teachers-link-url"), "nothing to share on");

    // A changed key, or the key of one session on another, finds nothing.
    let (base, key) = session_link.rsplit_once('/').expect("key");
    let mut wrong = key.to_string();
    wrong.replace_range(0..1, if key.starts_with('A') { "B" } else { "A" });
    for path in [
        format!("{base}/{wrong}"),
        format!("/evaluering/hold/{}/{key}", h.session + 1),
    ] {
        assert_eq!(
            teacher.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // The course over time, for the coordinator's branches.
    let course_page = h
        .coordinator
        .get_html(&format!(
            "/koordinator/genlaer/kurser/{}/evaluering",
            h.course
        ))
        .await;
    let course_link = teachers_path(&course_page);
    assert_eq!(
        course_link
            .strip_prefix(&format!("/evaluering/kursus/{}/", h.course))
            .and_then(|rest| rest.split('/').next()),
        Some(h.branch.to_string().as_str())
    );
    let html = teacher.get_html(&course_link).await;
    assert_eq!(texts(&html, "#averages dt"), vec!["5,0", "4,0", "3,0"]);
    // Each session's row leads to its teachers' page, not the staff one.
    let row = attr(&html, "#sessions tbody a", "href");
    assert_eq!(row, session_link);
    // Widening the link to every branch is refused.
    let widened = course_link.replace(&format!("/{}/", h.branch), "/alle/");
    assert_eq!(teacher.get(&widened).await.status(), StatusCode::NOT_FOUND);
}
