//! The first few rows of several branches in one order, read a branch at a
//! time.
//!
//! A list over a coordinator's branches asks for its first rows in an order
//! that an index keeps within one branch: `branch_id IN (…) ORDER BY due
//! LIMIT 5`. Over more than one branch neither SQLite nor PostgreSQL can
//! read that index in order, so they read every matching row of every
//! branch and sort them all for five: the cost grows with the branches'
//! size, not with the list (952 overdue volunteers read in København's two
//! branches at national scale, 1,556 pending applications). Asked a branch
//! at a time, each query reads its first rows from the index and stops; the
//! merge keeps the first of them all (BENCHMARKS.md, issue 20).

use diesel::QueryResult;

/// The first `limit` of the rows that `read` gives for each of `branches`,
/// in the order of `key`. `read(branch)` must give that branch's first
/// `limit` rows in the same order: the first `limit` of all branches are
/// then among them. Rows with equal keys keep the order of `branches`.
pub fn first_of_branches<T, K: Ord>(
    branches: &[i64],
    limit: i64,
    key: impl Fn(&T) -> K,
    mut read: impl FnMut(i64) -> QueryResult<Vec<T>>,
) -> QueryResult<Vec<T>> {
    let mut rows = Vec::new();
    for &branch in branches {
        rows.extend(read(branch)?);
    }
    if branches.len() > 1 {
        // Once per row: a key may hold a name.
        rows.sort_by_cached_key(|row| key(row));
    }
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each branch's rows as its index gives them: (due, id), by due.
    fn branch_rows(branch: i64) -> Vec<(u32, i64)> {
        match branch {
            1 => vec![(3, 10), (5, 11), (9, 12)],
            2 => vec![(1, 20), (4, 21), (5, 22)],
            3 => vec![(2, 30)],
            _ => Vec::new(),
        }
    }

    fn first(branches: &[i64], limit: i64) -> Vec<i64> {
        first_of_branches(
            branches,
            limit,
            |row: &(u32, i64)| row.0,
            |b| {
                let mut rows = branch_rows(b);
                rows.truncate(limit as usize);
                Ok(rows)
            },
        )
        .expect("the reads cannot fail")
        .into_iter()
        .map(|(_, id)| id)
        .collect()
    }

    #[test]
    fn the_first_rows_of_all_branches_come_in_one_order() {
        assert_eq!(first(&[1, 2, 3], 4), vec![20, 30, 10, 21]);
    }

    #[test]
    fn a_row_cut_from_its_branch_could_never_have_been_among_the_first() {
        // Branch 1's third row (due 9) is not read with a limit of 2, and
        // the first two of all are 20 and 30 either way.
        assert_eq!(first(&[1, 2, 3], 2), vec![20, 30]);
    }

    #[test]
    fn equal_keys_keep_the_order_of_the_branches() {
        assert_eq!(first(&[1, 2], 6), vec![20, 10, 21, 11, 22, 12]);
        assert_eq!(first(&[2, 1], 6), vec![20, 10, 21, 22, 11, 12]);
    }

    #[test]
    fn one_branch_or_none() {
        assert_eq!(first(&[1], 2), vec![10, 11]);
        assert_eq!(first(&[], 5), Vec::<i64>::new());
        assert_eq!(first(&[1, 2], 0), Vec::<i64>::new());
    }
}
