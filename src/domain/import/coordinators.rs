//! The coordinator import: `navn; email; afdelinger`, the branches named
//! or by slug and separated by commas. An import adds branches and never
//! takes one away: removing someone's access is an administrator's
//! decision on their page, not a side effect of an old file.

use serde::Serialize;

use super::{Action, BranchRef, Cells, Column, Parsed, Problem, Sheet, branch, columns};
use crate::domain::validation::Invalid;
use crate::domain::{EmailAddress, names};

pub const COLUMNS: &[Column] = &[
    Column {
        name: "navn",
        required: true,
    },
    Column {
        name: "email",
        required: true,
    },
    Column {
        name: "afdelinger",
        required: true,
    },
];

/// One coordinator as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoordinatorRow {
    pub line: usize,
    pub name: String,
    pub email: EmailAddress,
    /// Sorted, without repeats.
    pub branch_ids: Vec<i64>,
}

/// The branches a cell names, separated by `,` (or `;` in a comma file's
/// quoted cell).
pub fn branch_list(branches: &[BranchRef], cell: &str) -> Result<Vec<i64>, Invalid> {
    let mut ids = Vec::new();
    for part in cell
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        ids.push(branch(branches, part)?.id);
    }
    if ids.is_empty() {
        return Err(Invalid("error-required"));
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

pub fn parse(
    sheet: &Sheet,
    branches: &[BranchRef],
) -> Result<Vec<Parsed<CoordinatorRow>>, Vec<Problem>> {
    let cols = columns(&sheet.header, COLUMNS)?;
    let mut parsed: Vec<Parsed<CoordinatorRow>> = sheet
        .rows
        .iter()
        .map(|(line, cells)| {
            let mut row = Cells::new(*line, cells, &cols, &sheet.header);
            let name = row.parse("navn", names::person_name);
            let email = row.parse("email", EmailAddress::parse);
            let ids = row.parse("afdelinger", |c| branch_list(branches, c));
            let record = match (name, email, ids) {
                (Some(name), Some(email), Some(branch_ids)) if row.problems.is_empty() => {
                    Some(CoordinatorRow {
                        line: *line,
                        name,
                        email,
                        branch_ids,
                    })
                }
                _ => None,
            };
            Parsed {
                line: *line,
                name: row.get("navn").to_string(),
                email: row.get("email").to_string(),
                record,
                problems: row.problems,
            }
        })
        .collect();
    let emails: Vec<(usize, String)> = parsed
        .iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| (p.line, p.email.to_lowercase()))
        .collect();
    for problem in super::duplicates(emails.iter().map(|(l, e)| (*l, e.as_str()))) {
        if let Some(p) = parsed.iter_mut().find(|p| p.line == problem.line) {
            p.record = None;
            p.problems.push(problem);
        }
    }
    Ok(parsed)
}

/// What is stored about the account a row's address belongs to: its name
/// and the branches it coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub user_id: i64,
    pub name: String,
    pub branch_ids: Vec<i64>,
}

/// The branches after the import: the stored ones and the row's.
pub fn merged(row: &CoordinatorRow, current: Option<&Current>) -> Vec<i64> {
    let mut all = current.map(|c| c.branch_ids.clone()).unwrap_or_default();
    all.extend(&row.branch_ids);
    all.sort_unstable();
    all.dedup();
    all
}

pub fn action(row: &CoordinatorRow, current: Option<&Current>) -> Action {
    match current {
        None => Action::Create,
        Some(c) => {
            let mut stored = c.branch_ids.clone();
            stored.sort_unstable();
            if c.name == row.name && merged(row, Some(c)) == stored {
                Action::Unchanged
            } else {
                Action::Update
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::read_sheet;

    fn branches() -> Vec<BranchRef> {
        vec![
            BranchRef {
                id: 1,
                name: "Aarhus".into(),
                slug: "aarhus".into(),
            },
            BranchRef {
                id: 2,
                name: "Randers".into(),
                slug: "randers".into(),
            },
        ]
    }

    #[test]
    fn rows_name_their_branches() {
        let sheet = read_sheet(
            "navn;email;afdelinger\nMette;mette@x.dk;Randers, aarhus\nOle;ole@x.dk;Aalborg\n"
                .as_bytes(),
        )
        .expect("sheet");
        let rows = parse(&sheet, &branches()).expect("parsed");
        assert_eq!(
            rows[0].record.as_ref().map(|r| r.branch_ids.clone()),
            Some(vec![1, 2])
        );
        assert_eq!(
            rows[1].problems,
            vec![Problem::at(3, "afdelinger", "import-error-branch")]
        );
    }

    #[test]
    fn an_import_adds_branches_and_never_removes_one() {
        let row = CoordinatorRow {
            line: 2,
            name: "Mette".into(),
            email: EmailAddress::parse("m@x.dk").expect("email"),
            branch_ids: vec![1],
        };
        let both = Current {
            user_id: 9,
            name: "Mette".into(),
            branch_ids: vec![2, 1],
        };
        assert_eq!(action(&row, None), Action::Create);
        assert_eq!(action(&row, Some(&both)), Action::Unchanged);
        assert_eq!(merged(&row, Some(&both)), vec![1, 2]);
        let other = Current {
            branch_ids: vec![2],
            ..both
        };
        assert_eq!(action(&row, Some(&other)), Action::Update);
    }
}
