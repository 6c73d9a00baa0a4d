//! Long lists split into pages. A national branch can have thousands of
//! volunteers; a page that renders all of them is slow to serve and useless
//! to read, so every coordinator list shows one page with the total and
//! links to the neighbours. Page numbers are 1-based because people read
//! them; a number past the end shows the last page.

use serde::Serialize;

/// Rows per page on the coordinators' lists.
pub const PER_PAGE: i64 = 50;

/// Which slice of a list of `total` rows one page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pager {
    /// The page shown, 1-based.
    pub number: i64,
    pub pages: i64,
    pub total: i64,
    /// 1-based positions of the first and last row shown (0 when empty).
    pub first: i64,
    pub last: i64,
    pub previous: Option<i64>,
    pub next: Option<i64>,
}

impl Pager {
    /// The page `requested` of a list of `total` rows, clamped into range.
    pub fn new(requested: i64, per_page: i64, total: i64) -> Pager {
        let per_page = per_page.max(1);
        let total = total.max(0);
        let pages = ((total + per_page - 1) / per_page).max(1);
        let number = requested.clamp(1, pages);
        let offset = (number - 1) * per_page;
        let last = (offset + per_page).min(total);
        Pager {
            number,
            pages,
            total,
            first: if total == 0 { 0 } else { offset + 1 },
            last,
            previous: (number > 1).then_some(number - 1),
            next: (number < pages).then_some(number + 1),
        }
    }

    /// Rows to skip in the underlying query.
    pub fn offset(&self) -> i64 {
        (self.first - 1).max(0)
    }

    /// Rows to read in the underlying query.
    pub fn limit(&self) -> i64 {
        self.last - self.offset()
    }

    /// This page's part of a list already held in full.
    pub fn slice<T>(&self, rows: Vec<T>) -> Vec<T> {
        rows.into_iter()
            .skip(self.offset() as usize)
            .take(self.limit() as usize)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_page_of_a_long_list() {
        let p = Pager::new(1, 50, 4200);
        assert_eq!((p.number, p.pages, p.first, p.last), (1, 84, 1, 50));
        assert_eq!((p.previous, p.next), (None, Some(2)));
        assert_eq!((p.offset(), p.limit()), (0, 50));
    }

    #[test]
    fn last_page_is_partial() {
        let p = Pager::new(3, 50, 120);
        assert_eq!(
            (p.first, p.last, p.offset(), p.limit()),
            (101, 120, 100, 20)
        );
        assert_eq!((p.previous, p.next), (Some(2), None));
    }

    #[test]
    fn out_of_range_numbers_show_the_nearest_page() {
        assert_eq!(Pager::new(99, 50, 120).number, 3);
        assert_eq!(Pager::new(0, 50, 120).number, 1);
        assert_eq!(Pager::new(-4, 50, 120).number, 1);
    }

    #[test]
    fn an_empty_list_is_one_empty_page() {
        let p = Pager::new(2, 50, 0);
        assert_eq!((p.number, p.pages, p.first, p.last), (1, 1, 0, 0));
        assert_eq!((p.previous, p.next), (None, None));
        assert_eq!(p.limit(), 0);
    }

    #[test]
    fn slice_takes_the_page_rows() {
        let p = Pager::new(2, 3, 7);
        assert_eq!(p.slice((1..=7).collect()), vec![4, 5, 6]);
    }
}
