//! Page links for long lists (`?side=2`); which rows a page holds is
//! `domain::paging`.

pub use crate::domain::paging::{PER_PAGE, Pager};

/// `?side=N` of a paged list with no filters: without it, the first page
/// (`Pager` clamps a number out of range).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    pub side: i64,
}

/// The address of a list with its filters, ready for `side=N` to be
/// appended: empty filters are left out, so the links stay short.
pub fn base_href(path: &str, params: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
        query.append_pair(k, v);
    }
    let query = query.finish();
    if query.is_empty() {
        format!("{path}?")
    } else {
        format!("{path}?{query}&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_href_keeps_only_filters_in_use() {
        assert_eq!(base_href("/x", &[("vis", ""), ("q", "")]), "/x?");
        assert_eq!(
            base_href("/x", &[("vis", "overdue"), ("q", "Æble & co")]),
            "/x?vis=overdue&q=%C3%86ble+%26+co&"
        );
    }
}
