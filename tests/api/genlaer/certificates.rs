use brobyg::db::{attendance, sessions};
use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;
use std::collections::HashMap;

use reqwest::StatusCode;

use super::{course, session};
use crate::helpers::{spawn_app, texts};

/// The text a PDF reader gets from the certificate: each string a page
/// shows (`… Tj`), its two-byte glyph codes decoded through the font's
/// `ToUnicode` map, as copying, searching and screen readers do.
fn pdf_strings(bytes: &[u8]) -> Vec<String> {
    let latin1: String = bytes.iter().map(|b| char::from(*b)).collect();
    let mut unicode: HashMap<u16, String> = HashMap::new();
    for block in latin1.split("beginbfchar").skip(1) {
        let block = block.split("endbfchar").next().unwrap_or("");
        for line in block.lines() {
            let hex: Vec<&str> = line
                .split(['<', '>'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if let [code, text] = hex[..] {
                let units: Vec<u16> = (0..text.len())
                    .step_by(4)
                    .filter_map(|i| u16::from_str_radix(text.get(i..i + 4)?, 16).ok())
                    .collect();
                if let Ok(code) = u16::from_str_radix(code, 16) {
                    unicode.insert(code, String::from_utf16_lossy(&units));
                }
            }
        }
    }
    let decode = |raw: &[u8]| -> String {
        raw.chunks(2)
            .map(|pair| {
                let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                unicode
                    .get(&code)
                    .cloned()
                    .unwrap_or_else(|| "\u{fffd}".into())
            })
            .collect()
    };
    let mut out = Vec::new();
    // Only the page contents show text; the font program is binary.
    for segment in latin1.split("endstream").filter(|s| s.contains(" Tj")) {
        let b: Vec<u8> = segment.chars().map(|c| c as u8).collect();
        let mut i = 0;
        while i < b.len() {
            let (raw, next) = match b[i] {
                b'(' => {
                    let (mut raw, mut depth, mut j) = (Vec::new(), 1, i + 1);
                    while j < b.len() && depth > 0 {
                        match b[j] {
                            b'\\' => {
                                j += 1;
                                match b.get(j) {
                                    Some(d @ b'0'..=b'7') => {
                                        let mut v = u32::from(d - b'0');
                                        let mut k = 1;
                                        while k < 3 && matches!(b.get(j + 1), Some(b'0'..=b'7')) {
                                            j += 1;
                                            k += 1;
                                            v = v * 8 + u32::from(b[j] - b'0');
                                        }
                                        raw.push(v as u8);
                                    }
                                    Some(b'n') => raw.push(b'\n'),
                                    Some(b'r') => raw.push(b'\r'),
                                    Some(b't') => raw.push(b'\t'),
                                    Some(b'b') => raw.push(8),
                                    Some(b'f') => raw.push(12),
                                    Some(other) => raw.push(*other),
                                    None => {}
                                }
                            }
                            b'(' => {
                                depth += 1;
                                raw.push(b'(');
                            }
                            b')' => {
                                depth -= 1;
                                if depth > 0 {
                                    raw.push(b')');
                                }
                            }
                            other => raw.push(other),
                        }
                        j += 1;
                    }
                    (raw, j)
                }
                b'<' if b.get(i + 1) != Some(&b'<') => {
                    let end = b[i..]
                        .iter()
                        .position(|c| *c == b'>')
                        .map_or(b.len(), |p| i + p);
                    let hex: String = b[i + 1..end].iter().map(|c| char::from(*c)).collect();
                    let raw = (0..hex.len())
                        .step_by(2)
                        .filter_map(|k| u8::from_str_radix(hex.get(k..k + 2)?, 16).ok())
                        .collect();
                    (raw, end + 1)
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            if b[next..].starts_with(b" Tj") {
                out.push(decode(&raw));
            }
            i = next;
        }
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
    assert!(strings.contains(&"Læringsmål".to_string()), "{strings:?}");
    assert!(
        strings.contains(&"At forstå".to_string()),
        "the course's learning goals: {strings:?}"
    );
    assert!(
        strings.contains(&"Arrangør: Social Sundhed Aarhus".to_string()),
        "the organiser: {strings:?}"
    );
    assert!(
        strings.contains(&"Underskrift på vegne af Social Sundhed Aarhus".to_string()),
        "a line to sign on: {strings:?}"
    );
    // Small: only the glyphs used are embedded (the whole font was 389 KB).
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    // Tagged for screen readers: title and language, structure, marks.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Lang (da)"));
    assert!(raw.contains("/DisplayDocTitle true"));
    assert!(
        raw.contains("<rdf:li xml:lang=\"x-default\">Kursusbevis – LGBT+ venlig praksis</rdf:li>")
    );
    assert!(raw.contains("/StructTreeRoot") && raw.contains("/Marked true"));
    assert!(raw.contains("/S /H1") && raw.contains("/S /LI"));
    // A second download is the same certificate.
    attended.get(&pdf_path).await;
    let again = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::certificates::find(&mut conn, s, a.id)
            .expect("q")
            .expect("issued")
    };
    assert_eq!(again.code, cert.code);
    // In English the labels and the document's language follow; the
    // course's own text stays as it was written.
    attended
        .post_form("/sprog", &[("lang", "en"), ("next", "/")])
        .await;
    let english = attended.get(&pdf_path).await.bytes().await.expect("pdf");
    let strings = pdf_strings(&english);
    assert!(String::from_utf8_lossy(&english).contains("/Lang (en)"));
    assert!(
        strings.contains(&"Learning goals".to_string()),
        "{strings:?}"
    );
    assert!(strings.contains(&"At forstå".to_string()));

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
