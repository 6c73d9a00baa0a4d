//! Brobygninger as counts: an active brobygger registers them, the gate
//! and the date rules refuse what may not be counted, coordinators see
//! and correct their own branch's month, administrators get the annual
//! figures (page and CSV), and no form of the feature can take free text.

use brobyg::db::schema;
use brobyg::db::{DbConnection, brobygninger as store};
use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::brobygning::{Programme, Registration};
use brobyg::domain::session::SessionKind;
use brobyg::domain::volunteer::VolunteerStatus;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, location, spawn_app, texts};
use crate::supervision::support::{activated_days_ago, local_day, paused, signed_in};
use crate::volunteers::support::accepted_volunteer;

struct Site {
    app: TestApp,
    branch: i64,
    coordinator: TestUser,
    staff: Browser,
}

async fn site() -> Site {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("raadgiver@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    Site {
        app,
        branch,
        coordinator,
        staff,
    }
}

/// An active brobygger of the site's branch, active for the last 40 days,
/// signed in.
async fn brobygger(s: &Site, email: &str) -> (TestUser, Browser) {
    let user = s.app.qualified_volunteer(email, s.branch);
    activated_days_ago(&s.app, user.id, 40);
    let browser = signed_in(&s.app, &user).await;
    (user, browser)
}

fn day(days_ago: i64) -> String {
    local_day(days_ago).format("%Y-%m-%d").to_string()
}

fn fields<'a>(date: &'a str, minutes: &'a str, counsellor: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", date),
        ("programme", "health"),
        ("minutes", minutes),
        ("briefing", "yes"),
        ("briefed_by", counsellor),
        ("debriefing", "no"),
        ("debriefed_by", ""),
    ]
}

fn rows_of(app: &TestApp, user: i64) -> Vec<store::Row> {
    let mut conn = app.db.conn().expect("connection");
    store::of_user_since(
        &mut conn,
        user,
        NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"),
    )
    .expect("rows")
}

/// The month sums the triggers keep (`brobygning_month_totals` and
/// `brobygning_month_people`) equal the registrations summed afresh, names
/// included; the month page reads them.
pub(crate) fn assert_month_sums_are_live(app: &TestApp) {
    use std::collections::BTreeMap;

    use chrono::Datelike;
    use schema::{brobygning_month_people as p, brobygning_month_totals as t, brobygninger as b};
    let mut conn = app.db.conn().expect("connection");
    let first = |d: NaiveDate| d.with_day(1).expect("first day");
    // Person, branch, day, programme, minutes, briefing, debriefing, name.
    type Registered = (
        Option<i64>,
        i64,
        NaiveDate,
        String,
        i32,
        bool,
        bool,
        Option<String>,
    );
    let rows: Vec<Registered> = b::table
        .left_join(schema::users::table.on(b::user_id.eq(schema::users::id.nullable())))
        .select((
            b::user_id,
            b::branch_id,
            b::done_on,
            b::programme,
            b::minutes,
            b::briefing,
            b::debriefing,
            schema::users::name.nullable(),
        ))
        .load(&mut *conn)
        .expect("registrations");
    let mut totals = BTreeMap::new();
    let mut people = BTreeMap::new();
    for (user, branch, done_on, programme, minutes, briefing, debriefing, name) in rows {
        let sum = totals
            .entry((branch, first(done_on), programme, briefing, debriefing))
            .or_insert((0_i64, 0_i64));
        *sum = (sum.0 + 1, sum.1 + i64::from(minutes));
        let line = people
            .entry((branch, first(done_on), user.unwrap_or(0)))
            .or_insert((name.unwrap_or_default(), 0_i64, 0_i64));
        line.1 += 1;
        line.2 += i64::from(minutes);
    }
    let kept_totals: BTreeMap<_, _> = t::table
        .select((
            t::branch_id,
            t::month,
            t::programme,
            t::briefing,
            t::debriefing,
            t::count,
            t::minutes,
        ))
        .load::<(i64, NaiveDate, String, bool, bool, i64, i64)>(&mut *conn)
        .expect("totals")
        .into_iter()
        .map(|(b, m, p, br, de, n, min)| ((b, m, p, br, de), (n, min)))
        .collect();
    let kept_people: BTreeMap<_, _> = p::table
        .select((
            p::branch_id,
            p::month,
            p::user_id,
            p::user_name,
            p::count,
            p::minutes,
        ))
        .load::<(i64, NaiveDate, i64, String, i64, i64)>(&mut *conn)
        .expect("people")
        .into_iter()
        .map(|(b, m, u, name, n, min)| ((b, m, u), (name, n, min)))
        .collect();
    assert_eq!(kept_totals, totals, "month sums by programme");
    assert_eq!(kept_people, people, "month sums by person");
}

/// Erases a person on their behalf, the system acting, as a carried-out
/// erasure request does.
fn erase(conn: &mut DbConnection, user: i64) {
    conn.transaction(|c| {
        brobyg::app::erasure::erase_in(
            c,
            user,
            &brobyg::app::audit::Actor::system(),
            brobyg::app::erasure::Mode::OnBehalf,
        )
    })
    .expect("erased");
}

/// Every field of every form in `main` is a choice: a date, a select, a
/// radio button, a checkbox, a number or hidden. No textarea, no text.
fn assert_no_free_text(html: &str, page: &str) {
    let doc = scraper::Html::parse_document(html);
    let forms = scraper::Selector::parse("main form").expect("selector");
    let textarea = scraper::Selector::parse("textarea").expect("selector");
    let input = scraper::Selector::parse("input").expect("selector");
    let mut seen = 0;
    for form in doc.select(&forms) {
        seen += 1;
        assert_eq!(form.select(&textarea).count(), 0, "a textarea on {page}");
        for i in form.select(&input) {
            let kind = i.value().attr("type").unwrap_or("text");
            assert!(
                ["date", "hidden", "radio", "checkbox", "number", "submit"].contains(&kind),
                "an input of type {kind} ({:?}) on {page}",
                i.value().attr("name")
            );
        }
    }
    assert!(seen > 0, "{page} has a form");
}

#[tokio::test]
async fn an_active_brobygger_registers_a_brobygning_and_sees_it() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let html = me.get_html("/frivillig/brobygninger").await;
    assert_eq!(texts(&html, "#why-counts").len(), 1, "the form says why");
    assert!(html.contains(&format!(r#"<option value="{}""#, s.coordinator.id)));

    let date = day(3);
    let counsellor = s.coordinator.id.to_string();
    let response = me
        .post_form(
            "/frivillig/brobygninger",
            &fields(&date, "255", &counsellor),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/frivillig/brobygninger");

    let rows = rows_of(&s.app, sofie.id);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.done_on, local_day(3));
    assert_eq!(r.programme, Programme::Health);
    assert_eq!(r.minutes, 255);
    assert!(r.briefing && !r.debriefing);
    assert_eq!(r.briefed_by, Some(s.coordinator.id));
    assert_eq!(r.branch_id, s.branch);

    let html = me.get_html("/frivillig/brobygninger").await;
    let listed = texts(&html, "#mine tbody tr td");
    assert!(listed.iter().any(|t| t == "4,25"), "{listed:?}");
    assert!(
        listed
            .iter()
            .any(|t| t.contains("Test raadgiver@example.dk")),
        "{listed:?}"
    );
}

#[tokio::test]
async fn mistakes_come_back_beside_the_fields_with_the_input_kept() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let other = s.app.create_branch("Odense");
    let stranger = s
        .app
        .create_user("fremmed@example.dk", &[Role::Coordinator], Some(other));
    let future = day(-1);
    let response = me
        .post_form(
            "/frivillig/brobygninger",
            &fields(&future, "250", &stranger.id.to_string()),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-date-error"),
        vec!["Datoen ligger i fremtiden. Registrér brobygningen, når den har fundet sted."]
    );
    assert_eq!(
        texts(&html, "#f-minutes-error"),
        vec!["Vælg tiden i kvarter, fra et kvarter til 12 timer."]
    );
    assert_eq!(
        texts(&html, "#f-briefed_by-error").len(),
        1,
        "another branch's rådgiver"
    );
    assert!(html.contains(&format!(r#"value="{future}""#)), "input kept");
    assert!(html.contains(r#"value="health" checked"#), "input kept");

    let old = day(61);
    let response = me
        .post_form("/frivillig/brobygninger", &fields(&old, "240", ""))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#f-date-error").len(), 1);
    assert!(rows_of(&s.app, sofie.id).is_empty(), "nothing half-written");
}

#[tokio::test]
async fn a_day_on_pause_or_before_activation_is_refused_with_the_reason() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    paused(&s.app, sofie.id, 20, Some(10));
    let response = me
        .post_form("/frivillig/brobygninger", &fields(&day(15), "240", ""))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-date-error"),
        vec!["Du holdt pause den dag: der registreres ingen brobygninger under en pause."]
    );
    let response = me
        .post_form("/frivillig/brobygninger", &fields(&day(50), "240", ""))
        .await;
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-date-error"),
        vec!["Du var ikke aktiv brobygger den dag."]
    );
    assert!(rows_of(&s.app, sofie.id).is_empty());
    let response = me
        .post_form("/frivillig/brobygninger", &fields(&day(5), "240", ""))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "after the pause");
}

#[tokio::test]
async fn only_active_brobyggere_may_register_and_others_see_why() {
    let s = site().await;
    let trainee = accepted_volunteer(&s.app, "elev@example.dk", s.branch, s.coordinator.id);
    let me = signed_in(&s.app, &trainee).await;
    let response = me.get("/frivillig/brobygninger").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("Mangler"),
        "the checklist says what is missing"
    );
    let response = me
        .post_form("/frivillig/brobygninger", &fields(&day(1), "240", ""))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(rows_of(&s.app, trainee.id).is_empty());

    // Paused now: refused too.
    let (ida, ida_browser) = brobygger(&s, "ida@example.dk").await;
    paused(&s.app, ida.id, 2, None);
    let response = ida_browser.get("/frivillig/brobygninger").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Coordinators are not brobyggere.
    let response = s.staff.get("/frivillig/brobygninger").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_brobygger_corrects_and_deletes_their_own_and_nobody_elses() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let (_, jens) = brobygger(&s, "jens@example.dk").await;
    me.post_form("/frivillig/brobygninger", &fields(&day(2), "240", ""))
        .await;
    let id = rows_of(&s.app, sofie.id)[0].id;
    let path = format!("/frivillig/brobygninger/{id}");

    assert_eq!(jens.get(&path).await.status(), StatusCode::FORBIDDEN);
    let response = jens.post_form(&path, &fields(&day(2), "60", "")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = jens.post_form(&format!("{path}/slet"), &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(rows_of(&s.app, sofie.id)[0].minutes, 240, "untouched");

    let html = me.get_html(&path).await;
    assert_no_free_text(&html, "the brobygger's correction");
    let response = me.post_form(&path, &fields(&day(2), "180", "")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(rows_of(&s.app, sofie.id)[0].minutes, 180);
    assert_month_sums_are_live(&s.app);
    let response = me.post_form(&format!("{path}/slet"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(rows_of(&s.app, sofie.id).is_empty());
    assert_month_sums_are_live(&s.app);
    let kept = s.app.scalar(
        "SELECT (SELECT COUNT(*) FROM brobygning_month_totals) \
         + (SELECT COUNT(*) FROM brobygning_month_people) AS n",
    );
    assert_eq!(kept, 0, "sums that reach nothing are removed");
}

#[tokio::test]
async fn coordinators_see_their_own_branchs_month_and_corrections_are_audited() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let (jens, jens_browser) = brobygger(&s, "jens@example.dk").await;
    let counsellor = s.coordinator.id.to_string();
    // Two days ago may fall in last month: look at that month.
    let date = day(2);
    me.post_form(
        "/frivillig/brobygninger",
        &fields(&date, "240", &counsellor),
    )
    .await;
    me.post_form("/frivillig/brobygninger", &fields(&date, "240", ""))
        .await;
    let mut social = fields(&date, "195", "");
    social[1] = ("programme", "social");
    social[5] = ("debriefing", "yes");
    jens_browser
        .post_form("/frivillig/brobygninger", &social)
        .await;
    let month = &date[..7];
    let path = format!(
        "/koordinator/afdelinger/{}/brobygninger?maaned={month}",
        s.branch
    );
    let html = s.staff.get_html(&path).await;
    assert_eq!(texts(&html, "#count"), vec!["3"]);
    assert_eq!(texts(&html, "#count-health"), vec!["2"]);
    assert_eq!(texts(&html, "#count-social"), vec!["1"]);
    assert_eq!(texts(&html, "#count-association"), vec!["0"]);
    assert_eq!(texts(&html, "#hours"), vec!["11,25"]);
    assert_eq!(texts(&html, "#briefings"), vec!["3"]);
    assert_eq!(texts(&html, "#debriefings"), vec!["1"]);
    let people = texts(&html, "#people tbody tr td");
    assert!(
        people.contains(&"2".to_string()) && people.contains(&"8".to_string()),
        "{people:?}"
    );
    assert!(html.contains("Test sofie@example.dk") && html.contains("Test jens@example.dk"));
    assert_eq!(
        texts(&html, "#duty-vagter, #duty-uncovered"),
        vec!["0", "0"],
        "no duty rota on this branch"
    );

    // Another branch's coordinator is refused, the page and the correction.
    let other = s.app.create_branch("Odense");
    let stranger = s
        .app
        .create_user("fremmed@example.dk", &[Role::Coordinator], Some(other));
    let theirs = s.app.browser();
    theirs.login(&stranger.email, PASSWORD).await;
    assert_eq!(theirs.get(&path).await.status(), StatusCode::FORBIDDEN);
    let id = rows_of(&s.app, jens.id)[0].id;
    let correct = format!("/koordinator/brobygninger/{id}");
    assert_eq!(theirs.get(&correct).await.status(), StatusCode::FORBIDDEN);
    let mut fixed = social.clone();
    fixed[2] = ("minutes", "240");
    let response = theirs.post_refused(&correct, &fixed).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(rows_of(&s.app, jens.id)[0].minutes, 195);

    // Their own coordinator corrects it: audited with before and after.
    let html = s.staff.get_html(&correct).await;
    assert_no_free_text(&html, "the coordinator's correction");
    let before = s.app.audit_count();
    let response = s.staff.post_form(&correct, &fixed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(rows_of(&s.app, jens.id)[0].minutes, 240);
    assert_eq!(s.app.audit_count(), before + 1);
    let mut conn = s.app.db.conn().expect("connection");
    let (action, detail): (String, Option<String>) = schema::audit_log::table
        .order(schema::audit_log::id.desc())
        .select((schema::audit_log::action, schema::audit_log::detail))
        .first(&mut conn)
        .expect("row");
    assert_eq!(action, "brobygning_corrected");
    let detail = detail.expect("before and after");
    assert!(
        detail.contains("195 min") && detail.contains("240 min"),
        "{detail}"
    );
    assert!(!detail.contains("jens"), "nobody named: {detail}");
    drop(conn);
    let html = s.staff.get_html(&path).await;
    assert_eq!(
        texts(&html, "#hours"),
        vec!["12"],
        "the month shows the correction"
    );

    // Moved to another month (33 days apart is always another month), it
    // leaves this one's figures and its list of people.
    let mut moved = fixed.clone();
    let earlier = day(35);
    moved[0] = ("date", earlier.as_str());
    let response = s.staff.post_form(&correct, &moved).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_month_sums_are_live(&s.app);
    let html = s.staff.get_html(&path).await;
    assert_eq!(texts(&html, "#count"), vec!["2"]);
    assert_eq!(texts(&html, "#count-social"), vec!["0"]);
    assert!(
        !html.contains("Test jens@example.dk"),
        "no longer this month's"
    );
    let html = s
        .staff
        .get_html(&format!(
            "/koordinator/afdelinger/{}/brobygninger?maaned={}",
            s.branch,
            &earlier[..7]
        ))
        .await;
    assert_eq!(texts(&html, "#count-social"), vec!["1"]);
    assert!(html.contains("Test jens@example.dk"));
    let _ = sofie;
}

/// A busy branch's month holds hundreds of registrations by hundreds of
/// people (København's November in the national dataset: 473 by 363, a
/// 270 kB page). The page lists each fifty at a time, the people by name
/// and the registrations oldest first; the figures count every one, and
/// each list's links keep the month and the other list's page.
#[tokio::test]
async fn a_busy_month_lists_its_people_and_registrations_a_page_at_a_time() {
    let s = site().await;
    let (sofie, _) = brobygger(&s, "sofie@example.dk").await;
    let others = s
        .app
        .many_volunteers(s.branch, VolunteerStatus::Active, "akt", 55);
    let month = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    {
        let mut conn = s.app.db.conn().expect("connection");
        let mut register = |user: i64, n: i64| {
            let r = Registration {
                done_on: month + chrono::Duration::days(n / 3),
                programme: Programme::Health,
                minutes: 60,
                briefing: false,
                briefed_by: None,
                debriefing: false,
                debriefed_by: None,
            };
            store::insert(&mut conn, user, s.branch, &r, brobyg::db::now()).expect("registered");
        };
        for n in 0..60 {
            register(sofie.id, n);
        }
        for other in &others {
            register(other.id, 89);
        }
    }
    let base = format!("/koordinator/afdelinger/{}/brobygninger", s.branch);
    let path = format!("{base}?maaned=2026-03");
    let dates = |html: &str| texts(html, "#rows tbody tr td.card-title");
    let people = |html: &str| texts(html, "#people tbody tr td.card-title");
    let next = |html: &str, list: &str| {
        let doc = scraper::Html::parse_document(html);
        let selector = format!("#{list}-pager .pager a[rel=next]");
        doc.select(&scraper::Selector::parse(&selector).expect("selector"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect::<Vec<_>>()
    };

    let html = s.staff.get_html(&path).await;
    assert_eq!(texts(&html, "#count"), vec!["115"], "every one counted");
    let first_people = people(&html);
    assert_eq!(first_people.len(), 50);
    assert_eq!(first_people[0], "Test akt01@example.dk", "by name");
    let first = dates(&html);
    assert_eq!(first.len(), 50);
    assert_eq!(first[0], first[1], "oldest first, three a day");
    assert_eq!(next(&html, "people"), [format!("{path}&personer=2")]);
    assert_eq!(next(&html, "rows"), [format!("{path}&side=2")]);

    // The rest of the people; the registrations' links keep that page.
    let html = s.staff.get_html(&format!("{path}&personer=2")).await;
    let rest = people(&html);
    assert_eq!(rest.len(), 6);
    assert_eq!(
        rest.last().map(String::as_str),
        Some("Test sofie@example.dk")
    );
    let row = texts(&html, "#people tbody tr:last-child td");
    assert_eq!(row[1], "60", "all of Sofie's month");
    assert_eq!(next(&html, "rows"), [format!("{path}&personer=2&side=2")]);

    // The registrations go on where the first page stopped; a page past
    // the end shows the last one.
    let second = dates(&s.staff.get_html(&format!("{path}&side=2")).await);
    let last = dates(&s.staff.get_html(&format!("{path}&side=3")).await);
    assert_eq!((second.len(), last.len()), (50, 15));
    assert!(
        last.iter().all(|d| *d == last[0]) && last[0] != first[0],
        "the last page holds the month's last day: {last:?}"
    );
    let past = dates(&s.staff.get_html(&format!("{path}&side=9")).await);
    assert_eq!(past, last);

    // The people come from sums kept beside the registrations: a renamed
    // person moves to their new place by name, and an erased one leaves
    // the list for the erased line, which comes last, after the names.
    {
        let mut pooled = s.app.db.conn().expect("connection");
        let conn: &mut DbConnection = &mut pooled;
        diesel::update(schema::users::table.find(others[54].id))
            .set(schema::users::name.eq("Aase Først"))
            .execute(conn)
            .expect("renamed");
        erase(conn, others[0].id);
    }
    assert_month_sums_are_live(&s.app);
    let html = s.staff.get_html(&path).await;
    assert_eq!(texts(&html, "#count"), vec!["115"], "the count stays");
    let first_people = people(&html);
    assert_eq!(
        first_people[..2],
        ["Aase Først", "Test akt02@example.dk"],
        "renamed first, the erased gone from the names"
    );
    let html = s.staff.get_html(&format!("{path}&personer=2")).await;
    let rest = people(&html);
    assert_eq!(rest.len(), 6, "five names and the erased");
    assert_eq!(rest[4], "Test sofie@example.dk");
    assert_eq!(rest[5], "Slettet person");
    let row = texts(&html, "#people tbody tr:last-child td");
    assert_eq!(row[1], "1", "the erased one's registration");
}

#[tokio::test]
async fn no_form_of_the_feature_has_a_free_text_field() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let html = me.get_html("/frivillig/brobygninger").await;
    assert_no_free_text(&html, "/frivillig/brobygninger");
    me.post_form("/frivillig/brobygninger", &fields(&day(1), "240", ""))
        .await;
    let id = rows_of(&s.app, sofie.id)[0].id;
    let html = me.get_html(&format!("/frivillig/brobygninger/{id}")).await;
    assert_no_free_text(&html, "the brobygger's correction");
    let html = s
        .staff
        .get_html(&format!("/koordinator/brobygninger/{id}"))
        .await;
    assert_no_free_text(&html, "the coordinator's correction");
    // A mistake sent back draws the same fields.
    let response = me
        .post_form("/frivillig/brobygninger", &fields("i går", "x", ""))
        .await;
    let html = response.text().await.expect("body");
    assert_no_free_text(&html, "the form sent back");
    let (admin, _) = s.app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin/statistik").await;
    assert_no_free_text(&html, "/admin/statistik");
}

#[tokio::test]
async fn the_volunteer_page_links_active_brobyggere_to_their_work() {
    let s = site().await;
    let (_, me) = brobygger(&s, "sofie@example.dk").await;
    let html = me.get_html("/frivillig").await;
    assert_eq!(
        texts(&html, "#active-link").len(),
        1,
        "the active link shows"
    );
    assert_eq!(texts(&html, "#brobygninger-link").len(), 1);
    let trainee = accepted_volunteer(&s.app, "elev@example.dk", s.branch, s.coordinator.id);
    let html = signed_in(&s.app, &trainee)
        .await
        .get_html("/frivillig")
        .await;
    assert!(texts(&html, "#active-link").is_empty());
    assert!(texts(&html, "#brobygninger-link").is_empty());
}

// The annual figures.

fn at(date: &str) -> NaiveDateTime {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .expect("date")
        .and_hms_opt(10, 0, 0)
        .expect("time")
}

/// A volunteer of `branch` with a status history written as it happened.
fn with_history(
    app: &TestApp,
    email: &str,
    branch: i64,
    status: VolunteerStatus,
    history: &[(&str, Option<VolunteerStatus>, VolunteerStatus)],
) -> i64 {
    use schema::volunteer_status_changes as changes;
    let user = app.create_user(email, &[Role::Volunteer], Some(branch));
    let mut conn = app.db.conn().expect("connection");
    diesel::update(schema::volunteers::table.find(user.id))
        .set(schema::volunteers::status.eq(status))
        .execute(&mut conn)
        .expect("status");
    for (date, from, to) in history {
        diesel::insert_into(changes::table)
            .values((
                changes::user_id.eq(user.id),
                changes::from_status.eq(*from),
                changes::to_status.eq(*to),
                changes::created_at.eq(at(date)),
            ))
            .execute(&mut conn)
            .expect("history");
    }
    user.id
}

fn brobygning(
    app: &TestApp,
    user: i64,
    branch: i64,
    date: &str,
    programme: Programme,
    minutes: i32,
    (briefing, debriefing): (bool, bool),
) {
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    store::insert(
        conn,
        user,
        branch,
        &Registration {
            done_on: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
            programme,
            minutes,
            briefing,
            briefed_by: None,
            debriefing,
            debriefed_by: None,
        },
        at(date),
    )
    .expect("brobygning");
}

/// A session of `kind` held on `date` with these people present.
fn held(app: &TestApp, kind: SessionKind, branch: Option<i64>, date: &str, present: &[i64]) -> i64 {
    let days = (at(date) - chrono::Utc::now().naive_utc()).num_days();
    let id = app.create_session(kind, branch, None, days);
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    diesel::update(schema::sessions::table.find(id))
        .set((
            schema::sessions::status.eq("held"),
            schema::sessions::starts_at.eq(at(date)),
        ))
        .execute(conn)
        .expect("held");
    let meeting = brobyg::db::sessions::meetings(conn, id).expect("meetings")[0].id;
    for user in present {
        brobyg::db::attendance::record(conn, meeting, *user, AttendanceStatus::Present, 120, *user)
            .expect("present");
    }
    id
}

fn evening(app: &TestApp, session: i64, kind: &str) {
    let mut conn = app.db.conn().expect("connection");
    diesel::insert_into(schema::evening_details::table)
        .values((
            schema::evening_details::session_id.eq(session),
            schema::evening_details::evening_kind.eq(kind),
        ))
        .execute(&mut conn)
        .expect("evening");
}

#[tokio::test]
async fn the_annual_figures_are_the_data_and_the_csv_says_the_same() {
    use Programme::*;
    use VolunteerStatus::*;
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    // Trained and activated in 2025.
    let v1 = with_history(
        &app,
        "v1@example.dk",
        aarhus,
        Active,
        &[("2025-01-10", Some(InTraining), Active)],
    );
    // Imported as active in 2024: active, not trained in 2025.
    let v2 = with_history(
        &app,
        "v2@example.dk",
        aarhus,
        Active,
        &[("2024-06-01", None, Active)],
    );
    // Left before 2025.
    with_history(
        &app,
        "v3@example.dk",
        odense,
        Alumni,
        &[
            ("2024-01-01", Some(InTraining), Active),
            ("2024-12-01", Some(Active), Alumni),
        ],
    );
    // Activated in 2026 only.
    with_history(
        &app,
        "v4@example.dk",
        odense,
        Active,
        &[("2026-01-05", Some(Approved), Active)],
    );
    brobygning(&app, v1, aarhus, "2025-03-04", Health, 240, (true, true));
    brobygning(&app, v1, aarhus, "2025-03-20", Health, 240, (true, false));
    brobygning(&app, v2, aarhus, "2025-11-02", Social, 180, (false, true));
    brobygning(
        &app,
        v2,
        odense,
        "2025-12-31",
        Association,
        255,
        (true, true),
    );
    brobygning(&app, v2, aarhus, "2024-12-31", Health, 240, (true, true));
    brobygning(&app, v2, aarhus, "2026-01-01", Health, 240, (true, true));
    held(
        &app,
        SessionKind::Supervision,
        Some(aarhus),
        "2025-05-01",
        &[v1, v2],
    );
    let e = held(
        &app,
        SessionKind::Evening,
        Some(aarhus),
        "2025-06-01",
        &[v1],
    );
    evening(&app, e, "branch");
    let info = held(
        &app,
        SessionKind::Evening,
        Some(aarhus),
        "2025-06-02",
        &[v2],
    );
    evening(&app, info, "info");
    let p: Vec<i64> = (1..=3)
        .map(|n| app.create_user(&format!("p{n}@example.dk"), &[], None).id)
        .collect();
    held(&app, SessionKind::Genlaer, None, "2025-09-01", &p);
    held(
        &app,
        SessionKind::Supervision,
        Some(aarhus),
        "2024-05-01",
        &[v1],
    );

    let (admin, _) = app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin/statistik?aar=2025").await;
    let one = |id: &str| texts(&html, &format!("#{id}")).join("");
    assert_eq!(one("brobygninger"), "4");
    assert_eq!(one("programme-health"), "2");
    assert_eq!(one("programme-social"), "1");
    assert_eq!(one("programme-association"), "1");
    assert_eq!(one("hours"), "15", "915 minutes");
    assert_eq!(one("briefings"), "3");
    assert_eq!(one("debriefings"), "3");
    assert_eq!(one("active"), "2");
    assert_eq!(one("trained"), "1");
    assert_eq!(one("branches-with"), "2");
    assert_eq!(one("genlaer-sessions"), "1");
    assert_eq!(one("genlaer-participants"), "3");
    assert_eq!(one("supervision-sessions"), "1");
    assert_eq!(one("supervision-attendance"), "2");
    assert_eq!(
        one("evenings-sessions"),
        "1",
        "info evenings are not brobyggeraftener"
    );
    assert_eq!(one("evenings-attendance"), "1");
    // Charts drawn by the site, with a title and a description.
    assert!(html.contains(r#"<svg class="chart""#));
    assert!(html.contains(r#"<title id="chart-months-title">"#));
    assert!(html.contains(r#"<desc id="chart-programmes-desc">"#));
    let months = texts(&html, "#months tbody tr");
    assert_eq!(months.len(), 12);

    // One branch.
    let html = admin
        .get_html(&format!("/admin/statistik?aar=2025&afdeling={aarhus}"))
        .await;
    let one = |id: &str| texts(&html, &format!("#{id}")).join("");
    assert_eq!(one("brobygninger"), "3");
    assert_eq!(one("active"), "2");
    assert_eq!(one("genlaer-sessions"), "0", "GenLær here was national");
    assert_eq!(one("supervision-attendance"), "2");

    // The CSV file says the same (and is logged, as every export).
    let before = app.audit_count();
    let response = admin.get("/admin/statistik.csv?aar=2025").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.audit_count(), before + 1);
    let body = response.text().await.expect("csv");
    for line in [
        "Brobygninger;4",
        "Sundhedsbrobygning;2",
        "Frivillige timer;15",
        "Aktive brobyggere i året;2",
        "Nye brobyggere uddannet;1",
        "GenLær-deltagere;3",
        "Fremmøde til supervision;2",
        "Brobyggeraftener afholdt;1",
    ] {
        assert!(body.contains(line), "{line} in {body}");
    }

    // The summary for funders, as PDF (logged too).
    let before = app.audit_count();
    let response = admin.get("/admin/statistik.pdf?aar=2025").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.audit_count(), before + 1);
    let bytes = response.bytes().await.expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));

    // A coordinator sees their own branch's figures, no other's and not
    // the country's.
    let rådgiver = app.create_user("aarhus@example.dk", &[Role::Coordinator], Some(aarhus));
    let staff = app.browser();
    staff.login(&rådgiver.email, PASSWORD).await;
    let html = staff.get_html("/koordinator/statistik?aar=2025").await;
    assert_eq!(
        texts(&html, "#brobygninger"),
        vec!["3"],
        "their branch by default"
    );
    assert!(
        texts(&html, "#csv-link").is_empty(),
        "the files are the secretariat's"
    );
    assert_no_free_text(&html, "/koordinator/statistik");
    assert_eq!(
        staff
            .get(&format!(
                "/koordinator/statistik?aar=2025&afdeling={odense}"
            ))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Nobody else sees the national figures.
    for role in [Role::Coordinator, Role::Volunteer] {
        let (other, _) = app.signed_in(role).await;
        assert_eq!(
            other.get("/admin/statistik").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            other.get("/admin/statistik.csv").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            other.get("/admin/statistik.pdf").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

/// The figures are kept once worked out (a national year reads every
/// status history): a brobygning registered a moment later still shows at
/// once, on the page, the CSV and the coordinator's page.
#[tokio::test]
async fn the_annual_figures_show_a_brobygning_registered_a_moment_after_they_were_shown() {
    let s = site().await;
    let (_, me) = brobygger(&s, "sofie@example.dk").await;
    let date = local_day(3);
    let year = date.format("%Y").to_string();
    let (admin, _) = s.app.signed_in(Role::Admin).await;
    let national = format!("/admin/statistik?aar={year}");
    let branch = format!("/koordinator/statistik?aar={year}&afdeling={}", s.branch);
    let count = |html: String| texts(&html, "#brobygninger").join("");
    assert_eq!(count(admin.get_html(&national).await), "0");
    assert_eq!(count(s.staff.get_html(&branch).await), "0");
    assert_eq!(count(admin.get_html(&national).await), "0", "asked again");

    let counsellor = s.coordinator.id.to_string();
    let response = me
        .post_form(
            "/frivillig/brobygninger",
            &fields(&date.format("%Y-%m-%d").to_string(), "120", &counsellor),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    assert_eq!(count(admin.get_html(&national).await), "1");
    assert_eq!(count(s.staff.get_html(&branch).await), "1");
    let csv = admin
        .get(&format!("/admin/statistik.csv?aar={year}"))
        .await
        .text()
        .await
        .expect("csv");
    assert_eq!(
        csv.lines().find(|l| l.starts_with("Brobygninger;")),
        Some("Brobygninger;1"),
        "{csv}"
    );
}

#[tokio::test]
async fn the_export_lists_ones_brobygninger_and_erasure_keeps_the_counts_without_the_person() {
    let s = site().await;
    let (sofie, me) = brobygger(&s, "sofie@example.dk").await;
    let counsellor = s.coordinator.id.to_string();
    me.post_form(
        "/frivillig/brobygninger",
        &fields(&day(1), "240", &counsellor),
    )
    .await;
    let response = me.get("/konto/data.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let json: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("JSON");
    let rows: Vec<&serde_json::Value> = json["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .filter(|t| t["table"] == "brobygninger")
        .flat_map(|t| t["rows"].as_array().into_iter().flatten())
        .collect();
    assert_eq!(rows.len(), 1, "{json}");
    assert_eq!(rows[0]["minutes"], 240);

    {
        let mut pooled = s.app.db.conn().expect("connection");
        let conn: &mut DbConnection = &mut pooled;
        erase(conn, sofie.id);
        // The rådgiver erased too: the briefing stays, without a name.
        erase(conn, s.coordinator.id);
        let left: Vec<store::Row> = schema::brobygninger::table
            .select(store::Row::as_select())
            .load(conn)
            .expect("rows");
        assert_eq!(left.len(), 1, "the count stays");
        assert_eq!(left[0].user_id, None);
        assert_eq!(left[0].briefed_by, None);
        assert!(left[0].briefing);
        assert_eq!(left[0].updated_by, None);
    }
    assert_month_sums_are_live(&s.app);
    let named = s.app.scalar(&format!(
        "SELECT COUNT(*) AS n FROM brobygning_month_people WHERE user_id = {}",
        sofie.id
    ));
    assert_eq!(named, 0, "the erased person's sums carry no name");
    let (admin, _) = s.app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin/statistik").await;
    assert!(!texts(&html, "#brobygninger").is_empty());
}
