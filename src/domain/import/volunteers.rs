//! The volunteer import: brobyggere (and alumni) trained before Brobyg,
//! one per row, with their course and confidentiality declaration.
//!
//! A row says what is true of a person; `changes` compares it with what is
//! stored and lists what the import would write, so that importing the same
//! file twice writes nothing the second time. An empty optional cell adds
//! nothing and erases nothing: the file reports what is known.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Action, BranchRef, Cells, Column, Parsed, Problem, Sheet, branch, columns, past_date};
use crate::domain::curriculum::Curriculum;
use crate::domain::validation::{Invalid, optional_text};
use crate::domain::volunteer::VolunteerStatus;
use crate::domain::{EmailAddress, application, names};

pub const COLUMNS: &[Column] = &[
    col("navn", true),
    col("email", true),
    col("telefon", false),
    col("afdeling", true),
    col("status", true),
    col("uddannet_dato", false),
    col("gennemfoerte_moduler", false),
    col("tavshedserklaering_version", false),
    col("tavshedserklaering_dato", false),
    col("sidste_supervision", false),
    col("studie", false),
    col("institution", false),
    col("noter_til_koordinator", false),
];

const fn col(name: &'static str, required: bool) -> Column {
    Column { name, required }
}

/// The statuses a file may give, by their Danish names.
pub fn status(input: &str) -> Result<VolunteerStatus, Invalid> {
    match input.trim().to_lowercase().as_str() {
        "" => Err(Invalid("error-required")),
        "ansøger" | "ansoeger" => Ok(VolunteerStatus::Applicant),
        "i uddannelse" | "i_uddannelse" => Ok(VolunteerStatus::InTraining),
        "aktiv" => Ok(VolunteerStatus::Active),
        "pause" => Ok(VolunteerStatus::Paused),
        "alumne" => Ok(VolunteerStatus::Alumni),
        _ => Err(Invalid("import-error-status")),
    }
}

/// Module numbers as the course numbers them ("1,2,3", "1-6", "1 2 3"),
/// as module ids in teaching order.
pub fn modules(input: &str, curriculum: &Curriculum) -> Result<Vec<String>, Invalid> {
    let bad = Invalid("import-error-modules");
    let mut orders: Vec<i32> = Vec::new();
    for part in input
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (
                    a.trim().parse::<i32>().map_err(|_| bad)?,
                    b.trim().parse::<i32>().map_err(|_| bad)?,
                );
                // A range is short: the course has ten modules, and a
                // typo like 1-1000000 must not fill memory.
                if a > b || b - a > 100 {
                    return Err(bad);
                }
                orders.extend(a..=b);
            }
            None => orders.push(part.parse::<i32>().map_err(|_| bad)?),
        }
    }
    if orders.is_empty() {
        return Err(Invalid("error-required"));
    }
    let mut ids = Vec::new();
    for module in curriculum.modules() {
        if orders.contains(&module.order) {
            ids.push(module.id.clone());
        }
    }
    let known = orders
        .iter()
        .all(|o| curriculum.modules().iter().any(|m| m.order == *o));
    if !known {
        return Err(bad);
    }
    Ok(ids)
}

/// A declaration version: a whole number from 1.
pub fn version(input: &str) -> Result<i32, Invalid> {
    match input.trim().parse::<i32>() {
        Ok(v) if (1..=999).contains(&v) => Ok(v),
        _ => Err(Invalid("import-error-version")),
    }
}

/// One brobygger as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerRow {
    pub line: usize,
    pub name: String,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub branch_id: i64,
    pub branch_name: String,
    pub status: VolunteerStatus,
    /// Modules completed before Brobyg, by id, with the date when the
    /// whole course was (`uddannet_dato`). `None`: the file says nothing.
    pub training: Option<BTreeMap<String, Option<NaiveDate>>>,
    /// The declaration signed on paper: version and date.
    pub declaration: Option<(i32, NaiveDate)>,
    pub last_supervision: Option<NaiveDate>,
    pub study: Option<String>,
    pub institution: Option<String>,
    pub notes: Option<String>,
}

/// What the rows are checked against.
pub struct Lookup<'a> {
    pub branches: &'a [BranchRef],
    pub curriculum: &'a Curriculum,
    pub today: NaiveDate,
}

/// Every row of the sheet, parsed; the file's own problems (its header)
/// come back as the error.
pub fn parse(
    sheet: &Sheet,
    lookup: &Lookup<'_>,
) -> Result<Vec<Parsed<VolunteerRow>>, Vec<Problem>> {
    let cols = columns(&sheet.header, COLUMNS)?;
    let mut parsed: Vec<Parsed<VolunteerRow>> = sheet
        .rows
        .iter()
        .map(|(line, cells)| {
            let mut row = Cells::new(*line, cells, &cols, &sheet.header);
            let record = parse_row(&mut row, lookup);
            Parsed {
                line: *line,
                name: row.get("navn").to_string(),
                email: row.get("email").to_string(),
                record: record.filter(|_| row.problems.is_empty()),
                problems: row.problems,
            }
        })
        .collect();
    let emails: Vec<(usize, String)> = parsed
        .iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| (p.line, p.email.to_lowercase()))
        .collect();
    let dupes = super::duplicates(emails.iter().map(|(l, e)| (*l, e.as_str())));
    for problem in dupes {
        if let Some(p) = parsed.iter_mut().find(|p| p.line == problem.line) {
            p.record = None;
            p.problems.push(problem);
        }
    }
    Ok(parsed)
}

fn parse_row(row: &mut Cells<'_>, lookup: &Lookup<'_>) -> Option<VolunteerRow> {
    let today = lookup.today;
    let name = row.parse("navn", names::person_name);
    let email = row.parse("email", EmailAddress::parse);
    let phone = row.optional("telefon", application::phone);
    let branch = row.parse("afdeling", |c| branch(lookup.branches, c).cloned());
    let status = row.parse("status", status);
    let course = row.optional("uddannet_dato", |c| past_date(c, today));
    let modules = row.optional("gennemfoerte_moduler", |c| modules(c, lookup.curriculum));
    let version = row.optional("tavshedserklaering_version", version);
    let signed = row.optional("tavshedserklaering_dato", |c| past_date(c, today));
    let supervision = row.optional("sidste_supervision", |c| past_date(c, today));
    let study = row.parse("studie", |c| optional_text(c, 200));
    let institution = row.parse("institution", |c| optional_text(c, 200));
    let notes = row.parse("noter_til_koordinator", |c| optional_text(c, 2000));
    let declaration = match (version?, signed?) {
        (Some(v), Some(d)) => Some((v, d)),
        (None, None) => None,
        (Some(_), None) => {
            let p = Problem::at(row.line, "tavshedserklaering_dato", "error-required");
            row.problems.push(p);
            return None;
        }
        (None, Some(_)) => {
            let p = Problem::at(row.line, "tavshedserklaering_version", "error-required");
            row.problems.push(p);
            return None;
        }
    };
    // The whole course, when the file gives its date, credits every module
    // (whatever `gennemfoerte_moduler` says).
    let training = match (course?, modules?) {
        (Some(date), _) => Some(
            lookup
                .curriculum
                .modules()
                .iter()
                .map(|m| (m.id.clone(), Some(date)))
                .collect(),
        ),
        (None, Some(ids)) => Some(ids.into_iter().map(|id| (id, None)).collect()),
        (None, None) => None,
    };
    let branch = branch?;
    Some(VolunteerRow {
        line: row.line,
        name: name?,
        email: email?,
        phone: phone?,
        branch_id: branch.id,
        branch_name: branch.name,
        status: status?,
        training,
        declaration,
        last_supervision: supervision?,
        study: study?,
        institution: institution?,
        notes: notes?,
    })
}

/// What is stored about the person a row's address belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Current {
    pub user_id: i64,
    pub name: String,
    pub phone: Option<String>,
    /// Branch and status, if they have a volunteer record.
    pub volunteer: Option<(i64, VolunteerStatus)>,
    /// The date of their last supervision (Copenhagen).
    pub last_supervision: Option<NaiveDate>,
    /// Modules imported before, with their dates.
    pub training: BTreeMap<String, Option<NaiveDate>>,
    pub signed_versions: Vec<i32>,
    /// Study, institution and notes from an earlier import.
    pub details: Option<(Option<String>, Option<String>, Option<String>)>,
}

/// One thing an import writes for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Name and phone of the account.
    Contact,
    /// Branch or status of the volunteer record (or the record itself).
    Record,
    /// The modules completed before Brobyg.
    Training,
    /// A declaration signed on paper.
    Declaration,
    /// A later last supervision than the one stored.
    Supervision,
    /// Study, institution, notes.
    Details,
}

/// What importing `row` writes over `current`: nothing when the stored
/// facts already say what the row says.
pub fn changes(row: &VolunteerRow, current: &Current) -> Vec<Change> {
    let mut out = Vec::new();
    let phone_differs = row.phone.is_some() && row.phone != current.phone;
    if row.name != current.name || phone_differs {
        out.push(Change::Contact);
    }
    if current.volunteer != Some((row.branch_id, row.status)) {
        out.push(Change::Record);
    }
    if row
        .training
        .as_ref()
        .is_some_and(|t| *t != current.training)
    {
        out.push(Change::Training);
    }
    if row
        .declaration
        .is_some_and(|(v, _)| !current.signed_versions.contains(&v))
    {
        out.push(Change::Declaration);
    }
    if row
        .last_supervision
        .is_some_and(|d| current.last_supervision.is_none_or(|c| d > c))
    {
        out.push(Change::Supervision);
    }
    let (study, institution, notes) = current.details.clone().unwrap_or_default();
    let differs = |new: &Option<String>, old: &Option<String>| new.is_some() && new != old;
    if current.details.is_none()
        || differs(&row.study, &study)
        || differs(&row.institution, &institution)
        || differs(&row.notes, &notes)
    {
        out.push(Change::Details);
    }
    out
}

/// The action the dry run shows for a row.
pub fn action(row: &VolunteerRow, current: Option<&Current>) -> Action {
    match current {
        None => Action::Create,
        Some(c) if changes(row, c).is_empty() => Action::Unchanged,
        Some(_) => Action::Update,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::Module;
    use crate::domain::import::read_sheet;

    fn ten_modules() -> Curriculum {
        Curriculum::new(
            (1..=10)
                .map(|i| Module {
                    id: format!("m{i:02}"),
                    title: format!("Modul {i}"),
                    order: i,
                    minutes: 120,
                    mandatory: true,
                })
                .collect(),
        )
        .expect("curriculum")
    }

    fn lookup_parse(text: &str) -> Result<Vec<Parsed<VolunteerRow>>, Vec<Problem>> {
        let branches = vec![BranchRef {
            id: 3,
            name: "Aarhus".into(),
            slug: "aarhus".into(),
        }];
        let c = ten_modules();
        let lookup = Lookup {
            branches: &branches,
            curriculum: &c,
            today: NaiveDate::from_ymd_opt(2026, 12, 2).expect("date"),
        };
        parse(&read_sheet(text.as_bytes()).expect("sheet"), &lookup)
    }

    const HEADER: &str = "navn;email;telefon;afdeling;status;uddannet_dato;gennemfoerte_moduler;tavshedserklaering_version;tavshedserklaering_dato;sidste_supervision;studie;institution;noter_til_koordinator\n";

    #[test]
    fn statuses_and_module_lists() {
        assert_eq!(status(" Aktiv "), Ok(VolunteerStatus::Active));
        assert_eq!(status("i uddannelse"), Ok(VolunteerStatus::InTraining));
        assert_eq!(status("alumne"), Ok(VolunteerStatus::Alumni));
        assert_eq!(status("godkendt"), Err(Invalid("import-error-status")));
        let c = ten_modules();
        let six: Vec<String> = (1..=6).map(|i| format!("m{i:02}")).collect();
        assert_eq!(modules("1,2,3,4,5,6", &c), Ok(six.clone()));
        assert_eq!(modules("6 5 4 3 2 1", &c), Ok(six.clone()));
        assert_eq!(modules("1-6", &c), Ok(six));
        assert_eq!(modules("1,11", &c), Err(Invalid("import-error-modules")));
        assert_eq!(modules("a", &c), Err(Invalid("import-error-modules")));
        assert_eq!(modules("6-1", &c), Err(Invalid("import-error-modules")));
        assert_eq!(
            modules("1-2000000000", &c),
            Err(Invalid("import-error-modules"))
        );
    }

    #[test]
    fn a_complete_row_becomes_a_record() {
        let rows = lookup_parse(&format!(
            "{HEADER}Anna Berg;Anna@Example.dk;20 30 40 50;aarhus;aktiv;15.03.2024;;1;2024-03-20;01.11.2026;Medicin;AU;Kan tale arabisk\n"
        ))
        .expect("parsed");
        let r = rows[0].record.as_ref().expect("record");
        assert_eq!(r.email.as_str(), "anna@example.dk");
        assert_eq!(r.branch_id, 3);
        assert_eq!(r.status, VolunteerStatus::Active);
        let training = r.training.as_ref().expect("training");
        assert_eq!(training.len(), 10, "the whole course");
        assert_eq!(
            r.declaration,
            Some((1, NaiveDate::from_ymd_opt(2024, 3, 20).expect("d")))
        );
        assert_eq!(r.notes.as_deref(), Some("Kan tale arabisk"));
    }

    #[test]
    fn every_problem_has_its_line_and_column() {
        let rows = lookup_parse(&format!(
            "{HEADER}Anna;anna@x;;Odense;aktiv;32.01.2024;;1;;;;;\nBo;bo@x.dk;;aarhus;pause;;1,12;;;;;;ring 010203-1234\nBo B;BO@x.dk;;aarhus;alumne;;;;;;;;\n"
        ))
        .expect("parsed");
        let problems: Vec<(usize, Option<&str>, &str)> = rows
            .iter()
            .flat_map(|r| r.problems.iter())
            .map(|p| (p.line, p.column.as_deref(), p.reason))
            .collect();
        assert_eq!(
            problems,
            vec![
                (2, Some("email"), "error-email-invalid"),
                (2, Some("afdeling"), "import-error-branch"),
                (2, Some("uddannet_dato"), "import-error-date"),
                (2, Some("tavshedserklaering_dato"), "error-required"),
                (3, Some("noter_til_koordinator"), "error-no-cpr"),
                (3, Some("gennemfoerte_moduler"), "import-error-modules"),
                (4, Some("email"), "import-error-duplicate-email"),
            ]
        );
        assert!(rows.iter().all(|r| r.record.is_none()));
        assert_eq!(rows[1].name, "Bo", "the table still names the row");
    }

    fn row() -> VolunteerRow {
        VolunteerRow {
            line: 2,
            name: "Anna".into(),
            email: EmailAddress::parse("a@x.dk").expect("email"),
            phone: None,
            branch_id: 3,
            branch_name: "Aarhus".into(),
            status: VolunteerStatus::InTraining,
            training: Some([("m01".to_string(), None)].into()),
            declaration: Some((1, NaiveDate::from_ymd_opt(2024, 1, 1).expect("d"))),
            last_supervision: None,
            study: None,
            institution: None,
            notes: None,
        }
    }

    fn as_imported() -> Current {
        Current {
            user_id: 1,
            name: "Anna".into(),
            phone: Some("12345678".into()),
            volunteer: Some((3, VolunteerStatus::InTraining)),
            last_supervision: NaiveDate::from_ymd_opt(2026, 1, 1),
            training: [("m01".to_string(), None)].into(),
            signed_versions: vec![1],
            details: Some((None, None, None)),
        }
    }

    #[test]
    fn the_same_row_again_changes_nothing() {
        assert_eq!(action(&row(), None), Action::Create);
        assert_eq!(changes(&row(), &as_imported()), vec![]);
        assert_eq!(action(&row(), Some(&as_imported())), Action::Unchanged);
        // An older supervision date than the one stored is no news.
        let older = VolunteerRow {
            last_supervision: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..row()
        };
        assert_eq!(changes(&older, &as_imported()), vec![]);
    }

    #[test]
    fn an_updated_row_lists_what_changes() {
        let moved = VolunteerRow {
            status: VolunteerStatus::Active,
            name: "Anna Berg".into(),
            training: Some([("m01".to_string(), None), ("m02".to_string(), None)].into()),
            declaration: Some((2, NaiveDate::from_ymd_opt(2025, 1, 1).expect("d"))),
            study: Some("Medicin".into()),
            ..row()
        };
        assert_eq!(
            changes(&moved, &as_imported()),
            vec![
                Change::Contact,
                Change::Record,
                Change::Training,
                Change::Declaration,
                Change::Details
            ]
        );
        // An account that is no volunteer yet gets a record and details.
        let coordinator = Current {
            volunteer: None,
            details: None,
            ..as_imported()
        };
        assert_eq!(
            changes(&row(), &coordinator),
            vec![Change::Record, Change::Details]
        );
    }
}
