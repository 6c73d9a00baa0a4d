//! Simple charts drawn by the site itself: no scripts, no external
//! services, nothing leaves the server. Horizontal bars, each row labelled
//! in text and each bar with its number (and its series' name when there
//! are several), so a chart never speaks through colour alone.
//!
//! Two forms: `bar_table`, an HTML table whose cells hold the number as
//! text and the bar as a small inline SVG stretched to the cell, so labels
//! wrap and keep the page's font size on a phone (the dashboard's); and
//! `bar_chart`, one SVG scaled as a whole, with a title and description
//! for screen readers (for documents of a fixed width).

use std::fmt::Write as _;

/// One row of bars: a label and one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<i64>,
}

/// What a chart shows. `series` names the values of each row ("tilmeldt",
/// "mødt"); with a single series its name is left out of the bars' text.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// Unique on the page: the ids of the title and description.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub series: &'a [&'a str],
    pub rows: &'a [Row],
}

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 200;
/// Room after the longest bar for its number and series name.
const VALUE_ROOM: i64 = 110;
const BAR_HEIGHT: i64 = 18;
const BAR_GAP: i64 = 4;
const ROW_GAP: i64 = 12;
const LABEL_MAX_CHARS: usize = 28;

/// Escapes text for SVG (XML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Long labels are cut with an ellipsis; the full text stays in a
/// `<title>` on the row for pointing devices and in the description.
fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_MAX_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The length of a bar for `value` when `max` fills `room` pixels. A value
/// above zero always shows at least one pixel.
pub fn bar_length(value: i64, max: i64, room: i64) -> i64 {
    if value <= 0 || max <= 0 {
        return 0;
    }
    ((value as f64 / max as f64) * room as f64).round().max(1.0) as i64
}

/// The chart as an `<svg>` element to place inline in a page.
pub fn bar_chart(chart: &Chart<'_>) -> String {
    let per_series = chart.series.len().max(1) as i64;
    let row_height = per_series * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
    let height = (chart.rows.len() as i64 * (row_height + ROW_GAP)).max(ROW_GAP) + ROW_GAP;
    let max = chart
        .rows
        .iter()
        .flat_map(|r| r.values.iter().copied())
        .max()
        .unwrap_or(0);
    let room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    let id = escape(chart.id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(chart.title),
        escape(chart.description),
    );
    for (i, row) in chart.rows.iter().enumerate() {
        let top = ROW_GAP + i as i64 * (row_height + ROW_GAP);
        let _ = write!(
            svg,
            r#"<g class="chart-row"><title>{}</title><text class="chart-label" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>"#,
            escape(&row.label),
            LABEL_WIDTH - 8,
            top + row_height / 2,
            escape(&short(&row.label)),
        );
        for (s, value) in row.values.iter().enumerate() {
            let y = top + s as i64 * (BAR_HEIGHT + BAR_GAP);
            let length = bar_length(*value, max, room);
            let text = match (chart.series.len() > 1, chart.series.get(s)) {
                (true, Some(name)) => format!("{value} {name}"),
                _ => value.to_string(),
            };
            let _ = write!(
                svg,
                r#"<rect class="chart-bar chart-series-{s}" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}"></rect><text class="chart-value" x="{}" y="{}" dominant-baseline="middle">{}</text>"#,
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT / 2,
                escape(&text),
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

/// One number of a `bar_table`: its bar (none without a value) and the text
/// written beside it, formatted by the caller ("12", "75 %", "–").
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Option<i64>,
    pub text: String,
}

impl Cell {
    pub fn count(value: i64, text: String) -> Cell {
        Cell {
            value: Some(value),
            text,
        }
    }
}

/// One row of a `bar_table`: its label and one cell per series.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A chart as a table. Each series is a column headed by its name.
#[derive(Debug, Clone)]
pub struct BarTable<'a> {
    /// Unique on the page: the table's id.
    pub id: &'a str,
    pub caption: &'a str,
    /// The heading of the labels' column ("Måned").
    pub label_heading: &'a str,
    pub series: &'a [&'a str],
    pub rows: &'a [TableRow],
    /// The value a full bar stands for (100 for percentages); the largest
    /// value of the table when `None`.
    pub full: Option<i64>,
}

/// The width of a `bar_table` bar's drawing: bars are in thousandths of
/// the cell, stretched to its width (`preserveAspectRatio="none"`).
const TABLE_BAR_UNITS: i64 = 1000;
/// Labels up to this long ("sep. 2026") get a narrower column.
const SHORT_LABEL_CHARS: usize = 12;

/// The chart as a `<table>` to place in a page: a caption, a column
/// heading per series, a row heading per label (which wraps like any
/// text) and in each cell the number as text followed by its bar, an
/// `<svg>` hidden from screen readers since the number says it all. No
/// style attributes: the stylesheet sizes the bars.
pub fn bar_table(table: &BarTable<'_>) -> String {
    let full = table.full.unwrap_or_else(|| {
        table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().filter_map(|c| c.value))
            .max()
            .unwrap_or(0)
    });
    // Short labels (months) leave more of the width to the bars.
    let short = table
        .rows
        .iter()
        .all(|r| r.label.chars().count() <= SHORT_LABEL_CHARS);
    let class = if short {
        "chart-table chart-table-short-labels"
    } else {
        "chart-table"
    };
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<table class="{class}" id="{}"><caption>{}</caption><thead><tr><th scope="col">{}</th>"#,
        escape(table.id),
        escape(table.caption),
        escape(table.label_heading),
    );
    for (s, name) in table.series.iter().enumerate() {
        let _ = write!(
            html,
            r#"<th scope="col" class="chart-series-head chart-series-{s}">{}</th>"#,
            escape(name)
        );
    }
    html.push_str("</tr></thead><tbody>");
    for row in table.rows {
        let _ = write!(html, r#"<tr><th scope="row">{}</th>"#, escape(&row.label));
        for (s, cell) in row.cells.iter().enumerate() {
            let _ = write!(
                html,
                r#"<td class="chart-cell"><span class="chart-cell-inner"><span class="chart-number">{}</span>"#,
                escape(&cell.text)
            );
            if let Some(value) = cell.value {
                let length = bar_length(value, full, TABLE_BAR_UNITS).min(TABLE_BAR_UNITS);
                let _ = write!(
                    html,
                    r#"<svg class="chart-track" viewBox="0 0 {TABLE_BAR_UNITS} 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="chart-bar chart-series-{s}" x="0" y="0" width="{length}" height="10"></rect></svg>"#
                );
            }
            html.push_str("</span></td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of<'a>(
        series: &'a [&'a str],
        rows: &'a [TableRow],
        full: Option<i64>,
    ) -> BarTable<'a> {
        BarTable {
            id: "t1",
            caption: "Ansøgninger pr. måned",
            label_heading: "Måned",
            series,
            rows,
            full,
        }
    }

    fn counts(label: &str, values: &[i64]) -> TableRow {
        TableRow {
            label: label.into(),
            cells: values
                .iter()
                .map(|v| Cell::count(*v, v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_table_chart_has_a_caption_headings_and_numbers_in_text() {
        let rows = [counts("nov. 2026", &[4, 2]), counts("dec. 2026", &[8, 0])];
        let html = bar_table(&table_of(&["ansøgninger", "aktiveret"], &rows, None));
        assert!(html.starts_with(
            r#"<table class="chart-table chart-table-short-labels" id="t1"><caption>Ansøgninger pr. måned</caption>"#
        ));
        assert!(html.ends_with("</tbody></table>"));
        assert!(html.contains(r#"<th scope="col">Måned</th>"#));
        // The series are named in text, in their column headings.
        assert!(html.contains(r#"chart-series-0">ansøgninger</th>"#));
        assert!(html.contains(r#"chart-series-1">aktiveret</th>"#));
        assert!(html.contains(r#"<th scope="row">dec. 2026</th>"#));
        for n in ["4", "2", "8", "0"] {
            assert!(
                html.contains(&format!(r#"<span class="chart-number">{n}</span>"#)),
                "{n}"
            );
        }
        // Bars speak to the eye only, and need no style attribute.
        assert_eq!(html.matches(r#"aria-hidden="true""#).count(), 4);
        assert_eq!(html.matches(r#"preserveAspectRatio="none""#).count(), 4);
        assert!(!html.contains("style="));
        assert!(html.contains(r#"class="chart-bar chart-series-1""#));
    }

    #[test]
    fn table_bars_are_in_proportion_to_the_largest_value_or_the_full_mark() {
        let rows = [counts("a", &[8]), counts("b", &[2]), counts("c", &[0])];
        let html = bar_table(&table_of(&["antal"], &rows, None));
        assert!(
            html.contains(r#"width="1000""#),
            "the largest fills the cell"
        );
        assert!(html.contains(r#"width="250""#));
        assert!(html.contains(r#"width="0""#));
        let rows = [TableRow {
            label: "dec. 2026".into(),
            cells: vec![Cell::count(75, "75 %".into())],
        }];
        let html = bar_table(&table_of(&["inden for reglen"], &rows, Some(100)));
        assert!(
            html.contains(r#"width="750""#),
            "against 100, not the largest"
        );
        assert!(html.contains(">75 %<"));
    }

    #[test]
    fn a_cell_without_a_value_has_text_and_no_bar() {
        let rows = [TableRow {
            label: "jan. 2026".into(),
            cells: vec![Cell {
                value: None,
                text: "–".into(),
            }],
        }];
        let html = bar_table(&table_of(&["inden for reglen"], &rows, Some(100)));
        assert!(html.contains(r#"<span class="chart-number">–</span></span></td>"#));
        assert!(!html.contains("<svg"));
    }

    #[test]
    fn table_text_is_escaped_and_labels_are_never_cut() {
        let long =
            "9. oktober 2026 Brobyggeraften om <sundhed> & \"ulighed\" i hele Region Midtjylland";
        let rows = [counts(long, &[1])];
        let html = bar_table(&BarTable {
            id: "t\"2",
            caption: "<b>",
            label_heading: "A & B",
            series: &["x<y"],
            rows: &rows,
            full: None,
        });
        assert!(!html.contains("<sundhed>"));
        assert!(!html.contains("<b>"));
        assert!(html.contains(r#"id="t&quot;2""#));
        assert!(html.contains("<caption>&lt;b&gt;</caption>"));
        assert!(html.contains(">A &amp; B<"));
        assert!(html.contains(">x&lt;y<"));
        assert!(html.contains(
            "9. oktober 2026 Brobyggeraften om &lt;sundhed&gt; &amp; &quot;ulighed&quot; i hele Region Midtjylland</th>"
        ));
        assert!(!html.contains('…'));
        assert!(
            html.starts_with(r#"<table class="chart-table" "#),
            "long labels get room"
        );
    }

    #[test]
    fn an_empty_table_chart_is_still_a_table() {
        let html = bar_table(&table_of(&["antal"], &[], None));
        assert!(html.contains("<tbody></tbody>"));
    }

    fn chart_of<'a>(series: &'a [&'a str], rows: &'a [Row]) -> Chart<'a> {
        Chart {
            id: "c1",
            title: "Brobyggere efter status",
            description: "Aktive 12, pause 3",
            series,
            rows,
        }
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        assert_eq!(bar_length(10, 10, 330), 330);
        assert_eq!(bar_length(5, 10, 330), 165);
        assert_eq!(bar_length(0, 10, 330), 0);
        assert_eq!(bar_length(1, 1000, 330), 1, "never invisible");
        assert_eq!(bar_length(3, 0, 330), 0);
    }

    #[test]
    fn the_chart_is_named_and_described_for_screen_readers() {
        let rows = [Row {
            label: "Aktive".into(),
            values: vec![12],
        }];
        let svg = bar_chart(&chart_of(&["antal"], &rows));
        assert!(svg.starts_with("<svg"));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="c1-title c1-desc""#));
        assert!(svg.contains(r#"<title id="c1-title">Brobyggere efter status</title>"#));
        assert!(svg.contains(r#"<desc id="c1-desc">Aktive 12, pause 3</desc>"#));
    }

    #[test]
    fn every_bar_says_its_number_and_series_in_text() {
        let rows = [
            Row {
                label: "Aften i marts".into(),
                values: vec![12, 9],
            },
            Row {
                label: "Aften i maj".into(),
                values: vec![6, 0],
            },
        ];
        let svg = bar_chart(&chart_of(&["tilmeldt", "mødt"], &rows));
        for text in [">12 tilmeldt<", ">9 mødt<", ">6 tilmeldt<", ">0 mødt<"] {
            assert!(svg.contains(text), "{text} in {svg}");
        }
        assert!(svg.contains(">Aften i marts<"));
        assert_eq!(svg.matches("<rect").count(), 4);
        // The longest bar fills the room; the others are in proportion.
        assert!(svg.contains(r#"width="330""#));
        assert!(svg.contains(r#"width="248""#));
        assert!(svg.contains(r#"width="165""#));
    }

    #[test]
    fn a_single_series_shows_bare_numbers() {
        let rows = [Row {
            label: "Pause".into(),
            values: vec![3],
        }];
        let svg = bar_chart(&chart_of(&["antal"], &rows));
        assert!(svg.contains(">3<"));
        assert!(!svg.contains("3 antal"));
    }

    #[test]
    fn text_is_escaped_and_long_labels_shortened() {
        let long = "Brobyggeraften om <sundhed> & \"ulighed\" i hele Region Midtjylland";
        let rows = [Row {
            label: long.into(),
            values: vec![1],
        }];
        let svg = bar_chart(&chart_of(&["antal"], &rows));
        assert!(!svg.contains("<sundhed>"));
        assert!(svg.contains("&lt;sundhed&gt; &amp; &quot;ulighed&quot;"));
        assert!(svg.contains("…</text>"), "a long label is cut");
    }

    #[test]
    fn an_empty_chart_is_still_a_valid_element() {
        let svg = bar_chart(&chart_of(&["antal"], &[]));
        assert!(svg.contains("viewBox=\"0 0 640 24\""));
        assert!(!svg.contains("<rect"));
    }
}
