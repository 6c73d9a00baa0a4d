//! Importing people from a spreadsheet (`brobyg import volunteers|
//! coordinators FILE.csv` and `/admin/import`): the brobyggere and
//! coordinators Social Sundhed had before Brobyg existed.
//!
//! Plain functions, no I/O: `read_sheet` turns the file's bytes into rows
//! (as Excel writes them: UTF-8 with or without a byte order mark, `;` or
//! `,` between cells), `columns` matches the header to the columns a kind
//! of import knows, and `volunteers` / `coordinators` parse each row into a
//! typed record or the problems that stop it, each with its line, column
//! and the translation key of the reason. The application layer compares
//! the records with what is stored (`volunteers::changes`) and writes all
//! rows or none.

pub mod coordinators;
pub mod volunteers;
pub mod welcome;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::names::slugify;
use super::validation::Invalid;

/// Largest file an import reads: far more than the ~500 people expected.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Most data rows one import takes.
pub const MAX_ROWS: usize = 10_000;

/// One thing wrong with the file: where (line 1 is the header; `column` is
/// the header's name, `None` for the whole line) and why, as the key of a
/// translated message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: usize,
    pub column: Option<String>,
    pub reason: &'static str,
}

impl Problem {
    pub fn at(line: usize, column: &str, reason: &'static str) -> Problem {
        Problem {
            line,
            column: Some(column.to_string()),
            reason,
        }
    }

    pub fn line(line: usize, reason: &'static str) -> Problem {
        Problem {
            line,
            column: None,
            reason,
        }
    }
}

/// The file as rows of trimmed cells: the header and the data rows with
/// the line each starts on. Rows with nothing in them are left out (Excel
/// writes `;;;;` for an emptied row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads the file: UTF-8 (a byte order mark is dropped), the delimiter is
/// whichever of `;` and `,` the header line holds more of (Danish Excel
/// writes `;`, others `,`). Problems with the file as a whole come back
/// as the error.
pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![Problem::line(1, "import-error-too-large")]);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::line(1, "import-error-encoding")]);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        // Where the next record starts (skipping the empty lines the reader
        // skips), for its line number.
        let mut start = usize::try_from(reader.position().byte())
            .unwrap_or(0)
            .min(text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let line = text.as_bytes()[..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(vec![Problem::line(line, "import-error-unreadable")]),
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if header.is_none() {
            header = Some(cells);
        } else {
            rows.push((line, cells));
        }
    }
    let Some(header) = header else {
        return Err(vec![Problem::line(1, "import-error-empty")]);
    };
    if rows.is_empty() {
        return Err(vec![Problem::line(1, "import-error-no-rows")]);
    }
    if rows.len() > MAX_ROWS {
        return Err(vec![Problem::line(1, "import-error-too-many-rows")]);
    }
    Ok(Sheet { header, rows })
}

/// A column an import knows, by its name in the header.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

/// A header as people type it, made comparable: trimmed, lower case,
/// æ/ø/å spelt out and spaces or dashes as `_` ("Tavshedserklæring
/// version" is `tavshedserklaering_version`).
fn header_key(header: &str) -> String {
    slugify(header).replace('-', "_")
}

/// Where each known column is in the sheet. Unknown columns, columns named
/// twice and missing required ones are problems on line 1.
pub fn columns(
    header: &[String],
    known: &[Column],
) -> Result<HashMap<&'static str, usize>, Vec<Problem>> {
    let mut found = HashMap::new();
    let mut problems = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let key = header_key(h);
        if key.is_empty() {
            continue;
        }
        match known.iter().find(|c| c.name == key) {
            Some(c) if found.contains_key(c.name) => {
                problems.push(Problem::at(1, h, "import-error-column-twice"));
            }
            Some(c) => {
                found.insert(c.name, i);
            }
            None => problems.push(Problem::at(1, h, "import-error-unknown-column")),
        }
    }
    for c in known.iter().filter(|c| c.required) {
        if !found.contains_key(c.name) {
            problems.push(Problem::at(1, c.name, "import-error-missing-column"));
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// One data row's cells by column name, collecting the row's problems as
/// its cells are parsed.
pub struct Cells<'a> {
    pub line: usize,
    cells: &'a [String],
    columns: &'a HashMap<&'static str, usize>,
    pub problems: Vec<Problem>,
}

impl<'a> Cells<'a> {
    /// The row; a CPR number anywhere in it is a problem of its cell, and
    /// that cell then reads as empty so nothing else is said about it.
    pub fn new(
        line: usize,
        cells: &'a [String],
        columns: &'a HashMap<&'static str, usize>,
        header: &[String],
    ) -> Cells<'a> {
        let mut problems = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if super::cpr::contains(cell) {
                // Named as the other problems of a known column are.
                let known = columns.iter().find(|(_, at)| **at == i).map(|(c, _)| *c);
                let name = known.or(header.get(i).map(String::as_str)).unwrap_or("?");
                problems.push(Problem::at(line, name, "error-no-cpr"));
            }
        }
        // Excel writes empty cells past the last column; only text there
        // is a mistake.
        if cells.iter().skip(header.len()).any(|c| !c.is_empty()) {
            problems.push(Problem::line(line, "import-error-extra-cells"));
        }
        Cells {
            line,
            cells,
            columns,
            problems,
        }
    }

    /// The trimmed cell of `column` ("" when the column or cell is absent,
    /// or when it held a CPR number).
    pub fn get(&self, column: &str) -> &'a str {
        let Some(cell) = self
            .columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map(String::as_str)
        else {
            return "";
        };
        if super::cpr::contains(cell) { "" } else { cell }
    }

    /// Parses `column` with `parse`, recording its refusal.
    pub fn parse<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        match parse(self.get(column)) {
            Ok(v) => Some(v),
            Err(why) => {
                self.problems.push(Problem::at(self.line, column, why.0));
                None
            }
        }
    }

    /// Parses a cell that may be empty (`None` then).
    pub fn optional<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
    ) -> Option<Option<T>> {
        if self.get(column).is_empty() {
            return Some(None);
        }
        self.parse(column, parse).map(Some)
    }
}

/// A date as the file writes it, `dd.mm.åååå` or `åååå-mm-dd`, on or
/// before `today` (the import records what already happened).
pub fn past_date(input: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    let date = ["%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .ok_or(Invalid("import-error-date"))?;
    if date > today {
        return Err(Invalid("error-date-future"));
    }
    Ok(date)
}

/// A row of the sheet: the record, or what stops it. `name` and `email`
/// are the cells as written, for the dry run's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed<R> {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub record: Option<R>,
    pub problems: Vec<Problem>,
}

/// What an import will do to one row's person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Unchanged,
}

/// Refuses an address a row before already used: one row per person.
pub fn duplicates<'a>(emails: impl Iterator<Item = (usize, &'a str)>) -> Vec<Problem> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (line, email) in emails {
        if seen.insert(email, line).is_some() {
            problems.push(Problem::at(line, "email", "import-error-duplicate-email"));
        }
    }
    problems
}

/// A branch as a cell may name it: by its name or its slug, in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchRef {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// The branch a cell names.
pub fn branch<'b>(branches: &'b [BranchRef], cell: &str) -> Result<&'b BranchRef, Invalid> {
    let key = slugify(cell);
    if key.is_empty() {
        return Err(Invalid("error-required"));
    }
    branches
        .iter()
        .find(|b| b.slug == key || slugify(&b.name) == key)
        .ok_or(Invalid("import-error-branch"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_with_a_bom_and_commas_without_read_alike() {
        let excel = "\u{feff}navn;email\r\nÅse Ørum;ase@example.dk\r\n;\r\n".as_bytes();
        let plain = b"navn,email\nAse,ase@example.dk\n";
        let a = read_sheet(excel).expect("excel");
        assert_eq!(a.header, vec!["navn", "email"]);
        assert_eq!(
            a.rows,
            vec![(
                2,
                vec!["Åse Ørum".to_string(), "ase@example.dk".to_string()]
            )]
        );
        let b = read_sheet(plain).expect("plain");
        assert_eq!(b.rows[0].1[1], "ase@example.dk");
        // A quoted cell may hold the other delimiter and a line break.
        let quoted = "navn;noter\n\"Berg, Anna\";\"to\nlinjer\"\nBo;x\n".as_bytes();
        let q = read_sheet(quoted).expect("quoted");
        assert_eq!(q.rows[0].1[0], "Berg, Anna");
        assert_eq!(q.rows[1].0, 4, "the line a row starts on");
    }

    #[test]
    fn unreadable_files_are_refused_as_a_whole() {
        assert_eq!(
            read_sheet(b"navn;email\n\xff\xfe;x\n"),
            Err(vec![Problem::line(1, "import-error-encoding")])
        );
        assert_eq!(
            read_sheet(b""),
            Err(vec![Problem::line(1, "import-error-empty")])
        );
        assert_eq!(
            read_sheet(b"navn;email\n"),
            Err(vec![Problem::line(1, "import-error-no-rows")])
        );
    }

    #[test]
    fn headers_match_loosely_and_unknown_or_missing_ones_are_named() {
        let known = [
            Column {
                name: "navn",
                required: true,
            },
            Column {
                name: "tavshedserklaering_version",
                required: false,
            },
            Column {
                name: "email",
                required: true,
            },
        ];
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let found = columns(&h(&[" Navn ", "Tavshedserklæring version"]), &known);
        assert_eq!(
            found,
            Err(vec![Problem::at(1, "email", "import-error-missing-column")])
        );
        let found = columns(&h(&["NAVN", "email", "cpr"]), &known);
        assert_eq!(
            found,
            Err(vec![Problem::at(1, "cpr", "import-error-unknown-column")])
        );
        let found = columns(&h(&["navn", "E-mail", "email"]), &known);
        assert!(found.is_err(), "e_mail is not email");
        let ok = columns(&h(&["email", "navn"]), &known).expect("ok");
        assert_eq!(ok.get("navn"), Some(&1));
    }

    #[test]
    fn a_cpr_number_in_any_cell_is_refused_and_not_echoed() {
        let header: Vec<String> = vec!["navn".into(), "noter".into()];
        let cols: HashMap<&'static str, usize> = [("navn", 0), ("noter", 1)].into();
        let cells: Vec<String> = vec!["Anna".into(), "cpr 010203-1234".into()];
        let row = Cells::new(5, &cells, &cols, &header);
        assert_eq!(row.problems, vec![Problem::at(5, "noter", "error-no-cpr")]);
        assert_eq!(row.get("noter"), "");
        assert_eq!(row.get("navn"), "Anna");
    }

    #[test]
    fn empty_cells_past_the_header_are_no_mistake() {
        let header: Vec<String> = vec!["navn".into()];
        let cols: HashMap<&'static str, usize> = [("navn", 0)].into();
        let quiet: Vec<String> = vec!["Anna".into(), String::new()];
        assert_eq!(Cells::new(2, &quiet, &cols, &header).problems, vec![]);
        let extra: Vec<String> = vec!["Anna".into(), "x".into()];
        assert_eq!(
            Cells::new(3, &extra, &cols, &header).problems,
            vec![Problem::line(3, "import-error-extra-cells")]
        );
    }

    #[test]
    fn dates_in_both_formats_and_never_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let d = NaiveDate::from_ymd_opt(2024, 3, 15);
        assert_eq!(past_date("15.03.2024", today).ok(), d);
        assert_eq!(past_date("2024-03-15", today).ok(), d);
        assert_eq!(
            past_date("15/03/2024", today),
            Err(Invalid("import-error-date"))
        );
        assert_eq!(
            past_date("31.02.2024", today),
            Err(Invalid("import-error-date"))
        );
        assert_eq!(
            past_date("03.12.2026", today),
            Err(Invalid("error-date-future"))
        );
    }

    #[test]
    fn each_address_once_per_file() {
        let rows = [(2, "a@x.dk"), (3, "b@x.dk"), (4, "a@x.dk")];
        assert_eq!(
            duplicates(rows.into_iter()),
            vec![Problem::at(4, "email", "import-error-duplicate-email")]
        );
    }

    #[test]
    fn branches_by_name_or_slug() {
        let branches = vec![BranchRef {
            id: 7,
            name: "Nykøbing Falster".into(),
            slug: "nykoebing-falster".into(),
        }];
        assert_eq!(branch(&branches, "nykøbing falster").map(|b| b.id), Ok(7));
        assert_eq!(branch(&branches, "nykoebing-falster").map(|b| b.id), Ok(7));
        assert_eq!(
            branch(&branches, "Aarhus").map(|b| b.id),
            Err(Invalid("import-error-branch"))
        );
    }
}
