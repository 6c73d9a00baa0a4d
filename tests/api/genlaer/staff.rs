use brobyg::domain::Role;
use reqwest::StatusCode;

use super::{course, enrolment_status, session};
use crate::helpers::{PASSWORD, TestApp, TestUser, location, spawn_app, texts};

struct Setup {
    app: TestApp,
    branch: i64,
    region: i64,
    coordinator: TestUser,
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let region = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::branches::find(&mut conn, branch)
            .expect("branch")
            .region_id
    };
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    Setup {
        app,
        branch,
        region,
        coordinator,
    }
}

fn course_form<'a>(title: &'a str, region: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("summary", "Kort om kurset"),
        ("description", "Lang **beskrivelse**"),
        ("audience", "leaders"),
        ("target_group", "ledere"),
        ("learning_goals", "- mål"),
        ("hours", "3,5"),
        ("format", "both"),
        ("price", "1.250,00"),
        ("vat_note", "Momsfri"),
        ("cancellation_terms", ""),
        ("late_free_if_refilled", "on"),
        ("region", region),
        ("published", "on"),
    ]
}

#[tokio::test]
async fn a_coordinator_creates_a_regional_course_and_a_session_across_a_dst_change() {
    let s = setup().await;
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    let region = s.region.to_string();
    // National courses are the administrators'.
    let r = b
        .post_form(
            "/koordinator/genlaer/kurser/ny",
            &course_form("Ledelse og lighed", ""),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut bad = course_form("Ledelse og lighed", &region);
    bad.retain(|(k, _)| *k != "price");
    bad.push(("price", "mange"));
    let r = b.post_form("/koordinator/genlaer/kurser/ny", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&r.text().await.expect("body"), "#f-price-error"),
        vec!["Skriv en pris i kroner, fx 1.250,00."]
    );

    let r = b
        .post_form(
            "/koordinator/genlaer/kurser/ny",
            &course_form("Ledelse og lighed", &region),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let course_path = location(&r);
    let id: i64 = course_path
        .rsplit('/')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("id");
    let public = s.app.browser().get_html("/genlaer/ledelse-og-lighed").await;
    assert!(public.contains("1.250,00 kr. pr. deltager"));
    assert!(public.contains("3,5 timer"));

    // Two meetings: before and after clocks go back (25 October 2026).
    let branch = s.branch.to_string();
    let r = b
        .post_form(
            &format!("/koordinator/genlaer/kurser/{id}/nyt-hold"),
            &[
                ("branch", &branch),
                ("title", "Ledelse og lighed"),
                ("location", "Dokk1, Aarhus"),
                ("online_url", ""),
                ("capacity", "1"),
                ("teachers", "Mads"),
                ("enrol_deadline", ""),
                ("cancel_deadline", ""),
                ("date_1", "2027-10-29"),
                ("start_1", "09:00"),
                ("end_1", "12:00"),
                ("date_2", "2027-11-05"),
                ("start_2", "09:00"),
                ("end_2", "12:00"),
                ("date_3", ""),
                ("start_3", ""),
                ("end_3", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let session_id: i64 = location(&r)
        .rsplit('/')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("id");
    let meetings = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, session_id).expect("meetings")
    };
    assert_eq!(
        meetings[0].starts_at.format("%H:%M").to_string(),
        "07:00",
        "summer time"
    );
    assert_eq!(
        meetings[1].starts_at.format("%H:%M").to_string(),
        "08:00",
        "winter time"
    );
    let edit = b
        .get_html(&format!("/koordinator/genlaer/hold/{session_id}"))
        .await;
    assert!(edit.contains("kl. 09.00"));

    // More seats go to the queue at once.
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Professional], None);
    let bo = s
        .app
        .create_user("bo@example.dk", &[Role::Professional], None);
    s.app.enrol(session_id, anna.id);
    s.app.enrol(session_id, bo.id);
    assert_eq!(
        enrolment_status(&s.app, session_id, &bo.email).as_deref(),
        Some("waitlisted")
    );
    let r = b
        .post_form(
            &format!("/koordinator/genlaer/hold/{session_id}"),
            &[
                ("title", "Ledelse og lighed"),
                ("location", "Dokk1, Aarhus"),
                ("online_url", ""),
                ("capacity", "2"),
                ("teachers", "Mads og Lone"),
                ("enrol_deadline", ""),
                ("cancel_deadline", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment_status(&s.app, session_id, &bo.email).as_deref(),
        Some("confirmed")
    );
}

#[tokio::test]
async fn the_participant_csv_opens_in_danish_excel_with_workplace_and_invoice() {
    let s = setup().await;
    let c = course(&s.app, "lgbt", "LGBT+ venlig praksis", None);
    let id = session(&s.app, c, Some(s.branch), Some(5), 10, None);
    s.app
        .browser()
        .post_form(
            &format!("/genlaer/hold/{id}/tilmeld"),
            &super::enrol_fields("Søren Ærø", "soeren@example.dk"),
        )
        .await;
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    let response = b
        .get(&format!("/koordinator/genlaer/hold/{id}/deltagere.csv"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
    let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "Navn;E-mail;Arbejdsplads;Stilling;Særlige behov;Status;Tilmeldt den;Fakturering;EAN;CVR;Fakturaadresse;Reference;Timer deltaget"
        )
    );
    let row = lines.next().expect("row");
    assert!(
        row.starts_with(
            "Søren Ærø;soeren@example.dk;Aarhus Universitetshospital;Sygeplejerske;;Tilmeldt;"
        ),
        "{row}"
    );
    assert!(row.contains(";EAN;5798000416604;;;PO-1;0"), "{row}");
    let date = row.split(';').nth(6).expect("date");
    assert!(
        chrono::NaiveDateTime::parse_from_str(date, "%d-%m-%Y %H:%M").is_ok(),
        "{date}"
    );
}

#[tokio::test]
async fn only_the_right_people_manage_genlaer() {
    let s = setup().await;
    let national = course(&s.app, "national", "Landsdækkende kursus", None);
    let regional = course(&s.app, "regional", "Regionalt kursus", Some(s.region));
    let own = session(&s.app, national, Some(s.branch), Some(5), 10, None);
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    assert_eq!(
        b.get(&format!("/koordinator/genlaer/kurser/{regional}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        b.get(&format!("/koordinator/genlaer/kurser/{national}"))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "national courses are the administrators'"
    );
    assert_eq!(
        b.get(&format!("/koordinator/genlaer/hold/{own}"))
            .await
            .status(),
        StatusCode::OK
    );
    let (admin, _) = s.app.signed_in(Role::Admin).await;
    assert_eq!(
        admin
            .get(&format!("/koordinator/genlaer/kurser/{national}"))
            .await
            .status(),
        StatusCode::OK
    );

    let (other, _) = s.app.signed_in(Role::Coordinator).await;
    for path in [
        format!("/koordinator/genlaer/hold/{own}"),
        format!("/koordinator/genlaer/hold/{own}/deltagere.csv"),
        format!("/koordinator/genlaer/kurser/{regional}"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let r = other
        .post_form(
            &format!("/koordinator/genlaer/hold/{own}/moeder"),
            &[("date", "2027-01-01"), ("start", "9"), ("end", "10")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for role in [Role::Volunteer, Role::Professional] {
        let (x, _) = s.app.signed_in(role).await;
        for path in [
            "/koordinator/genlaer",
            "/koordinator/genlaer/bestillinger",
            "/koordinator/genlaer/kurser/ny",
        ] {
            assert_eq!(
                x.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{role:?} {path}"
            );
        }
        assert_eq!(
            x.get(&format!("/koordinator/genlaer/hold/{own}/deltagere.csv"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    let anonymous = s.app.browser();
    for path in [
        "/koordinator/genlaer",
        "/genlaer/mine-kurser",
        "/koordinator/genlaer/bestillinger",
    ] {
        let r = anonymous.get(path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&r).starts_with("/log-ind?next="));
    }
    let index = b.get_html("/koordinator/genlaer").await;
    assert!(
        index.contains(&format!("/koordinator/hold/{own}")),
        "links to the generic page"
    );
}

/// A name typed into the public form reaches the coordinators' exports; a
/// spreadsheet must show it as text, never run it.
#[tokio::test]
async fn a_formula_typed_as_a_name_stays_text_in_both_participant_exports() {
    let s = setup().await;
    let c = course(&s.app, "formel", "Formler", None);
    let id = session(&s.app, c, Some(s.branch), Some(5), 10, None);
    let formula = "=HYPERLINK(\"http://x.example\",\"y\")";
    let response = s
        .app
        .browser()
        .post_form(
            &format!("/genlaer/hold/{id}/tilmeld"),
            &super::enrol_fields(formula, "formel@example.dk"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    for path in [
        format!("/koordinator/genlaer/hold/{id}/deltagere.csv"),
        format!("/koordinator/hold/{id}/deltagere.csv"),
    ] {
        let response = b.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let text = response.text().await.expect("csv");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let row = reader
            .records()
            .next()
            .expect("a participant")
            .expect("a row");
        assert_eq!(&row[0], format!("'{formula}"), "{path}");
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{path}: {cell}");
        }
    }
}

/// Saving the edit form without changing anything changes nothing: the
/// cancellation deadline at 13:00 became 23:59 when the form showed the
/// date alone.
#[tokio::test]
async fn saving_a_session_unchanged_keeps_every_field_to_the_minute() {
    let s = setup().await;
    let c = course(&s.app, "uaendret", "Uændret", None);
    // 13:00 in Copenhagen on a day ten days from now.
    let day = super::in_days(10).date();
    let at_one = brobyg::domain::time::local_to_utc(
        day,
        chrono::NaiveTime::from_hms_opt(13, 0, 0).expect("time"),
    )
    .expect("a Copenhagen time");
    let id = session(&s.app, c, Some(s.branch), Some(12), 20, Some(at_one));
    let before = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::find(&mut conn, id).expect("session")
    };
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    let path = format!("/koordinator/genlaer/hold/{id}");
    let html = b.get_html(&path).await;
    let names = [
        "title",
        "location",
        "online_url",
        "capacity",
        "teachers",
        "enrol_deadline",
        "cancel_deadline",
    ];
    let values: Vec<String> = names
        .iter()
        .map(|n| crate::helpers::input_value(&html, n).unwrap_or_default())
        .collect();
    let fields: Vec<(&str, &str)> = names
        .iter()
        .copied()
        .zip(values.iter().map(String::as_str))
        .collect();
    let r = b.post_form(&path, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::find(&mut conn, id).expect("session")
    };
    assert_eq!(after.cancel_deadline, Some(at_one));
    assert_eq!(
        (
            &after.title,
            &after.location,
            &after.online_url,
            after.capacity,
            after.enrol_deadline,
            after.cancel_deadline,
        ),
        (
            &before.title,
            &before.location,
            &before.online_url,
            before.capacity,
            before.enrol_deadline,
            before.cancel_deadline,
        )
    );
}

/// Year 0000, a decade back, or an enrolment deadline after the start were
/// all accepted for a new session.
#[tokio::test]
async fn a_session_is_planned_within_sensible_dates() {
    let s = setup().await;
    let c = course(&s.app, "datoer", "Datoer", None);
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    let branch = s.branch.to_string();
    let soon = (chrono::Utc::now() + chrono::Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();
    let later = (chrono::Utc::now() + chrono::Duration::days(30))
        .format("%Y-%m-%dT12:00")
        .to_string();
    let decade_ago = (chrono::Utc::now() - chrono::Duration::days(3650))
        .format("%Y-%m-%d")
        .to_string();
    for (date, enrol_deadline, field, message) in [
        (
            "0000-03-01",
            "",
            "date_1",
            "Vælg en dato fra det seneste år til fem år frem.",
        ),
        (
            decade_ago.as_str(),
            "",
            "date_1",
            "Vælg en dato fra det seneste år til fem år frem.",
        ),
        (
            soon.as_str(),
            later.as_str(),
            "enrol_deadline",
            "Fristen skal ligge før holdets første møde.",
        ),
    ] {
        let r = b
            .post_form(
                &format!("/koordinator/genlaer/kurser/{c}/nyt-hold"),
                &[
                    ("branch", &branch),
                    ("title", "Datoer"),
                    ("location", "Dokk1, Aarhus"),
                    ("capacity", "10"),
                    ("enrol_deadline", enrol_deadline),
                    ("date_1", date),
                    ("start_1", "09:00"),
                    ("end_1", "12:00"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        let html = r.text().await.expect("body");
        assert_eq!(
            texts(&html, &format!("#f-{field}-error")),
            vec![message],
            "{date}"
        );
    }
}

/// "Flyt til hold" moved a participant into another course's session, or
/// into an organisation's closed one. Only sessions of the same course and
/// the same booking are offered, and only those are accepted.
#[tokio::test]
async fn a_participant_moves_only_within_their_course() {
    let s = setup().await;
    let first = course(&s.app, "forste", "Første kursus", None);
    let other = course(&s.app, "andet", "Andet kursus", None);
    let from = session(&s.app, first, Some(s.branch), Some(5), 10, None);
    let same = session(&s.app, first, Some(s.branch), Some(5), 20, None);
    let elsewhere = session(&s.app, other, Some(s.branch), Some(5), 15, None);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Professional], None);
    s.app.enrol(from, anna.id);
    let b = s.app.browser();
    b.login(&s.coordinator.email, PASSWORD).await;
    let page = b.get_html(&format!("/koordinator/hold/{from}")).await;
    assert!(
        page.contains(&format!("value=\"{same}\"")),
        "same course offered"
    );
    assert!(
        !page.contains(&format!("value=\"{elsewhere}\"")),
        "another course is not offered"
    );
    let to = elsewhere.to_string();
    let r = b
        .post_refused(
            &format!("/koordinator/hold/{from}/flyt/{}", anna.id),
            &[("to", &to)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.get_html(&location(&r)).await;
    assert!(page.contains("Deltagere kan kun flyttes til et andet hold af samme kursus"));
    assert_eq!(
        enrolment_status(&s.app, elsewhere, &anna.email),
        None,
        "not moved"
    );
    assert_eq!(
        enrolment_status(&s.app, from, &anna.email).as_deref(),
        Some("confirmed")
    );
    let to = same.to_string();
    let r = b
        .post_form(
            &format!("/koordinator/hold/{from}/flyt/{}", anna.id),
            &[("to", &to)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment_status(&s.app, same, &anna.email).as_deref(),
        Some("confirmed")
    );
}
