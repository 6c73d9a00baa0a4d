//! Who still waits for the welcome email after an import, grouped as the
//! administrator sends it: the brobyggere of one import day together
//! (a file imported on the command line leaves no page to send from), and
//! the coordinators together.

use chrono::NaiveDate;
use serde::Serialize;

/// One imported person without a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub user_id: i64,
    /// The day (Copenhagen) the brobygger was imported; `None`: a
    /// coordinator.
    pub imported_on: Option<NaiveDate>,
    /// A welcome link was sent before.
    pub welcomed: bool,
}

/// People sent the welcome with one button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// `None`: the coordinators.
    pub imported_on: Option<NaiveDate>,
    pub people: Vec<i64>,
    /// How many of them were sent a welcome before (and have still not
    /// chosen a password).
    pub welcomed: usize,
}

/// Brobyggere by import day, newest first, then the coordinators.
pub fn groups(waiting: &[Waiting]) -> Vec<Group> {
    let mut days: Vec<Option<NaiveDate>> = waiting.iter().map(|w| w.imported_on).collect();
    days.sort_unstable_by(|a, b| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(a), Some(b)) => b.cmp(a),
    });
    days.dedup();
    days.into_iter()
        .map(|day| {
            let members: Vec<&Waiting> = waiting.iter().filter(|w| w.imported_on == day).collect();
            Group {
                imported_on: day,
                people: members.iter().map(|w| w.user_id).collect(),
                welcomed: members.iter().filter(|w| w.welcomed).count(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 12, d)
    }

    fn waiting(user_id: i64, imported_on: Option<NaiveDate>, welcomed: bool) -> Waiting {
        Waiting {
            user_id,
            imported_on,
            welcomed,
        }
    }

    #[test]
    fn brobyggere_are_grouped_by_import_day_newest_first_then_the_coordinators() {
        let found = groups(&[
            waiting(1, day(1), false),
            waiting(9, None, false),
            waiting(2, day(2), true),
            waiting(3, day(1), true),
            waiting(4, day(2), false),
        ]);
        assert_eq!(
            found,
            vec![
                Group {
                    imported_on: day(2),
                    people: vec![2, 4],
                    welcomed: 1
                },
                Group {
                    imported_on: day(1),
                    people: vec![1, 3],
                    welcomed: 1
                },
                Group {
                    imported_on: None,
                    people: vec![9],
                    welcomed: 0
                },
            ]
        );
    }

    #[test]
    fn nobody_waiting_is_no_group() {
        assert!(groups(&[]).is_empty());
    }
}
