//! The error summary at the top of a form sent back with mistakes: one line
//! per field in the order the fields stand in the form, each naming the
//! field by the label the person sees beside it ("Navn: udfyld feltet.")
//! and linking to it.
//!
//! Order and labels are read from the page as rendered, not declared again
//! in each handler: the page is the one place where a form's fields, their
//! order and their labels are written, so the summary cannot drift from it.
//! Every field is drawn by the form components as an element with the id
//! `f-{field}` and a `<label for="f-{field}">` (or, for a group of choices,
//! a `<legend id="f-{field}">`).

use serde::Serialize;
use tera::{Context, Value};

use crate::domain::Lang;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The id to link to (`f-{field}`), when the page has that field.
    pub target: Option<String>,
    /// The translated message, named by the field's label when it has one.
    pub text: String,
}

/// The context keys that hold a form's field errors: a map of field name
/// to message key each (a page may hold more than one form, such as the
/// account details with their separate email form). Sorted, as the lines
/// of fields a page does not show keep this order. A handler that names
/// another `…_errors` key fails `every_error_map_is_summarised`.
pub const ERROR_MAPS: [&str; 5] = [
    "day_errors",
    "email_errors",
    "errors",
    "settings_errors",
    "slot_errors",
];

/// The field errors a page's context carries, each map's fields in the
/// order of their names.
pub fn field_errors(ctx: &Context) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for name in ERROR_MAPS {
        let Some(errors) = ctx.get(name).and_then(Value::as_map) else {
            continue;
        };
        let mut these: Vec<(String, String)> = errors
            .iter()
            .filter_map(|(field, key)| Some((field.as_str()?.to_owned(), key.as_str()?.to_owned())))
            .collect();
        these.sort();
        found.extend(these);
    }
    found
}

/// The summary of `errors` (field, message key) for the rendered `html`.
/// Fields the page does not show (a form-wide refusal) come last, in the
/// order given, without a link.
pub fn lines(html: &str, errors: &[(String, String)], lang: Lang) -> Vec<Line> {
    let mut placed: Vec<(usize, Line)> = errors
        .iter()
        .map(|(field, key)| {
            let message = crate::i18n::t(lang, key);
            let id = format!("f-{field}");
            let position = html.find(&format!("id=\"{id}\""));
            let text = match position.and_then(|_| label(html, &id)) {
                Some(label) => format!("{label}: {}", lower_first(&message)),
                None => message,
            };
            let line = Line {
                target: position.map(|_| id),
                text,
            };
            (position.unwrap_or(usize::MAX), line)
        })
        .collect();
    // Stable: fields missing from the page keep their given order.
    placed.sort_by_key(|(position, _)| *position);
    placed.into_iter().map(|(_, line)| line).collect()
}

/// The visible label of the field with this id: its `<label for>`, or the
/// `<legend>` that carries the id. Only the label's own text, without the
/// "(valgfrit)" that follows in a span.
fn label(html: &str, id: &str) -> Option<String> {
    let start = html
        .find(&format!("<label for=\"{id}\""))
        .or_else(|| html.find(&format!("<legend id=\"{id}\"")))?;
    let text_start = start + html[start..].find('>')? + 1;
    let text_end = text_start + html[text_start..].find('<')?;
    let text = unescape(html[text_start..text_end].trim());
    (!text.is_empty()).then_some(text)
}

/// The entities Tera's escaping writes, back to text (the summary is
/// escaped again when drawn).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// "Udfyld feltet." after a label reads "Navn: udfyld feltet."; a message
/// that opens with an abbreviation ("CVR-nummeret …") is left as written.
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(message.chars().skip(1))
            .collect(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = r#"<form>
      <label for="f-name">Navn</label><input id="f-name" name="name">
      <label for="f-email">E-mail <span class="optional">(valgfrit)</span></label><input id="f-email">
      <fieldset><legend id="f-invoice_kind">Hvem betaler?</legend></fieldset>
      <label for="f-cvr">CVR &amp; firma</label><input id="f-cvr">
    </form>"#;

    fn errors(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(f, k)| (f.to_string(), k.to_string()))
            .collect()
    }

    #[test]
    fn lines_follow_the_form_and_name_each_field() {
        let got = lines(
            FORM,
            &errors(&[
                ("cvr", "error-required"),
                ("email", "error-required"),
                ("invoice_kind", "error-required"),
                ("name", "error-required"),
            ]),
            Lang::Da,
        );
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Navn: udfyld feltet.",
                "E-mail: udfyld feltet.",
                "Hvem betaler?: udfyld feltet.",
                "CVR & firma: udfyld feltet.",
            ]
        );
        assert_eq!(got[0].target.as_deref(), Some("f-name"));
        assert_eq!(got[2].target.as_deref(), Some("f-invoice_kind"));
    }

    #[test]
    fn a_field_missing_from_the_page_comes_last_without_a_link() {
        let got = lines(
            FORM,
            &errors(&[("form", "error-required"), ("cvr", "error-required")]),
            Lang::En,
        );
        assert_eq!(got[0].target.as_deref(), Some("f-cvr"));
        assert_eq!(got[1].target, None);
        assert_eq!(got[1].text, "Please fill in this field.");
    }

    #[test]
    fn abbreviations_keep_their_capitals() {
        assert_eq!(
            lower_first("CVR-nummeret mangler."),
            "CVR-nummeret mangler."
        );
        assert_eq!(lower_first("Udfyld feltet."), "udfyld feltet.");
    }

    /// Every map of field errors a page is given is read for the summary,
    /// in the order of the names, each map's fields by name; other keys
    /// and values that are not message keys are passed over.
    #[test]
    fn field_errors_reads_every_error_map() {
        let ctx = Context::from_serialize(&serde_json::json!({
            "errors": {"name": "error-required", "email": "error-email"},
            "slot_errors": {"start": "error-time"},
            "day_errors": {"date": "error-date", "count": 3},
            "form_errors_seen": true,
            "notes": {"x": "y"},
        }))
        .expect("a map");
        let found = field_errors(&ctx);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|(f, k)| (f.as_str(), k.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("date", "error-date"),
                ("email", "error-email"),
                ("name", "error-required"),
                ("start", "error-time"),
            ]
        );
    }

    /// A handler that gives a page field errors under a name of its own
    /// must add the name to `ERROR_MAPS`, or the page would be sent back
    /// without its summary.
    #[test]
    fn every_error_map_is_summarised() {
        let mut unknown = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (at, _) in text.match_indices("errors\"") {
                    let start = text[..at].rfind('"').map_or(at, |q| q + 1);
                    let name = &text[start..at + "errors".len()];
                    let is_key = name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                    if is_key && !ERROR_MAPS.contains(&name) {
                        unknown.push(format!("{}: {name}", path.display()));
                    }
                }
            }
        }
        assert!(unknown.is_empty(), "not in ERROR_MAPS: {unknown:?}");
    }
}
