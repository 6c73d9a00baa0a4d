//! CSV downloads that Danish Excel opens as it should: UTF-8 with a byte
//! order mark (or Excel guesses the wrong encoding and mangles æ, ø, å),
//! semicolons between fields (Excel's separator where the decimal mark is a
//! comma), CRLF line ends and Danish dates.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::error::AppError;

/// A cell as text, never as a formula: a spreadsheet runs a cell that
/// starts with `=`, `+`, `-` or `@` (and TAB or CR, which it skips before
/// looking), so a name typed into a public form could otherwise become a
/// live link or command in a coordinator's spreadsheet. OWASP's rule:
/// prefix such a cell with `'`.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Builds the file from a header row and data rows; every cell is written
/// as text (`inert`).
pub fn build(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer
            .write_record(header)
            .map_err(|e| AppError::Internal(e.into()))?;
        for row in rows {
            writer
                .write_record(row.iter().map(|cell| inert(cell).into_owned()))
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        writer.flush().map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(out)
}

/// The file as a download named `filename` (ASCII, e.g. "deltagere-42.csv").
pub fn download(filename: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body)
}

/// "30-03-2026 09:00" in Copenhagen time: a format Danish Excel reads as a
/// date and time.
pub fn danish_datetime(utc: chrono::NaiveDateTime) -> String {
    crate::domain::time::local(utc)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_gets_a_bom_semicolons_and_quoted_fields() {
        let bytes = build(
            &["Navn", "Arbejdsplads"],
            &[vec![
                "Søren Ærø".into(),
                "Aarhus Universitetshospital; Akutafdelingen".into(),
            ]],
        )
        .expect("csv");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(
            text,
            "\u{feff}Navn;Arbejdsplads\r\nSøren Ærø;\"Aarhus Universitetshospital; Akutafdelingen\"\r\n"
        );
    }

    #[test]
    fn no_cell_is_a_formula() {
        let cells = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+45 12 34 56 78",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ];
        let bytes =
            build(&["A"; 6], &[cells.iter().map(|c| c.to_string()).collect()]).expect("csv");
        let text = String::from_utf8(bytes).expect("utf-8");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let row = reader.records().next().expect("a row").expect("a record");
        for (cell, typed) in row.iter().zip(cells) {
            assert_eq!(cell, format!("'{typed}"));
        }
        let plain = build(&["A", "B"], &[vec!["Søren".into(), "1,5".into()]]).expect("csv");
        assert!(
            String::from_utf8(plain)
                .expect("utf-8")
                .ends_with("Søren;1,5\r\n")
        );
    }

    #[test]
    fn dates_are_danish_and_local() {
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(15, 30, 0))
            .expect("date");
        assert_eq!(danish_datetime(utc), "01-07-2026 17:30");
    }
}
