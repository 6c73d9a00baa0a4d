//! Simple charts drawn by the site itself as inline SVG: no scripts, no
//! external services, nothing leaves the server. Horizontal bars, each row
//! labelled in text and each bar with its number (and its series' name when
//! there are several), so the chart never speaks through colour alone; the
//! SVG carries a title and a description for screen readers.

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

#[cfg(test)]
mod tests {
    use super::*;

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
