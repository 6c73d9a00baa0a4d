use brobyg::db::{attendance, sessions};
use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;
use reqwest::StatusCode;

use super::{course, session};
use crate::helpers::{spawn_app, texts};

/// The strings a PDF page shows: literal `( … )` strings and hex `< … >`
/// strings (WinAnsi bytes, as the certificate's font encodes them).
fn pdf_strings(bytes: &[u8]) -> Vec<String> {
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(['(', '<']) {
        let open = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        let close = if open == b'(' { ')' } else { '>' };
        let Some(j) = rest.find(close) else { break };
        let inner = &rest[..j];
        if open == b'(' {
            out.push(inner.to_string());
        } else if !inner.is_empty()
            && inner.len().is_multiple_of(2)
            && inner.chars().all(|c| c.is_ascii_hexdigit())
        {
            let decoded: String = (0..inner.len())
                .step_by(2)
                .filter_map(|k| u8::from_str_radix(&inner[k..k + 2], 16).ok())
                .map(char::from)
                .collect();
            out.push(decoded);
        }
        rest = &rest[j + 1..];
    }
    out
}

#[tokio::test]
async fn a_certificate_needs_recorded_attendance_and_can_be_verified() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let staff = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, Some(branch), Some(10), -2, None);
    let (attended, a) = app.signed_in(Role::Professional).await;
    let (absent, b) = app.signed_in(Role::Professional).await;
    app.enrol(s, a.id);
    app.enrol(s, b.id);
    let pdf_path = format!("/genlaer/hold/{s}/kursusbevis.pdf");
    {
        let mut conn = app.db.conn().expect("connection");
        let m = sessions::meetings(&mut conn, s).expect("meetings")[0].clone();
        attendance::record(
            &mut conn,
            m.id,
            a.id,
            AttendanceStatus::Present,
            m.minutes(),
            staff.id,
        )
        .expect("a");
        attendance::record(&mut conn, m.id, b.id, AttendanceStatus::Absent, 0, staff.id)
            .expect("b");
    }
    assert_eq!(
        attended.get(&pdf_path).await.status(),
        StatusCode::NOT_FOUND,
        "not held yet"
    );
    {
        let mut conn = app.db.conn().expect("connection");
        sessions::mark_held(&mut conn, s).expect("held");
    }
    assert_eq!(
        absent.get(&pdf_path).await.status(),
        StatusCode::NOT_FOUND,
        "no attendance, no certificate"
    );
    let (outsider, _) = app.signed_in(Role::Professional).await;
    assert_eq!(
        outsider.get(&pdf_path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.browser().get(&pdf_path).await.status(),
        StatusCode::SEE_OTHER,
        "log in first"
    );

    {
        use brobyg::db::schema::users;
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        diesel::update(users::table.find(a.id))
            .set(users::name.eq("Åse Ørum"))
            .execute(&mut *conn)
            .expect("rename");
    }
    let mine = attended.get_html("/genlaer/mine-kurser").await;
    assert!(mine.contains(&pdf_path), "offered on Mine kurser");
    let response = attended.get(&pdf_path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let bytes = response.bytes().await.expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let cert = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::certificates::find(&mut conn, s, a.id)
            .expect("q")
            .expect("issued")
    };
    let strings = pdf_strings(&bytes);
    assert!(
        strings.iter().any(|t| t.ends_with(&cert.code)),
        "the verification code is printed: {strings:?}"
    );
    assert!(
        strings.contains(&"Åse Ørum".to_string()),
        "the name is printed, Danish letters and all: {strings:?}"
    );
    assert!(
        strings.contains(&"LGBT+ venlig praksis".to_string())
            || strings.iter().any(|t| t.contains("LGBT+"))
    );
    assert!(strings.contains(&"Kursusbevis".to_string()));
    assert!(strings.iter().any(|t| t == "3 timers deltagelse"));
    // A second download is the same certificate.
    attended.get(&pdf_path).await;
    let again = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::certificates::find(&mut conn, s, a.id)
            .expect("q")
            .expect("issued")
    };
    assert_eq!(again.code, cert.code);

    let page = app
        .browser()
        .get_html(&format!("/bevis/{}", cert.code.to_lowercase()))
        .await;
    assert_eq!(texts(&page, "#verified").len(), 1);
    assert!(page.contains("Åse Ørum"));
    assert!(page.contains("Social Sundhed Aarhus"));
    assert!(!page.contains(&a.email), "only what the certificate states");
    let unknown = app.browser().get("/bevis/AAAA-BBBB-CCCC").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let lookup = app
        .browser()
        .get(&format!("/bevis?kode={}", cert.code.replace('-', " ")))
        .await;
    assert_eq!(lookup.status(), StatusCode::SEE_OTHER);
}
