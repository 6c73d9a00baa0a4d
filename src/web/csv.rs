//! CSV downloads that Danish Excel opens as it should: UTF-8 with a byte
//! order mark (or Excel guesses the wrong encoding and mangles æ, ø, å),
//! semicolons between fields (Excel's separator where the decimal mark is a
//! comma), CRLF line ends and Danish dates.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::error::AppError;

/// Builds the file from a header row and data rows.
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
                .write_record(row)
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
    fn dates_are_danish_and_local() {
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(15, 30, 0))
            .expect("date");
        assert_eq!(danish_datetime(utc), "01-07-2026 17:30");
    }
}
