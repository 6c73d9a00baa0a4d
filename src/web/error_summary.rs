//! The error summary at the top of a form sent back with mistakes: one line
//! per field in the order the fields stand in the form, each naming the
//! field by the label the person sees beside it ("Navn: udfyld feltet.")
//! and linking to it.
//!
//! Order and labels are read from the page as rendered, not declared again
//! in each handler: the page is the one place where a form's fields, their
//! order and their labels are written, so the summary cannot drift from it.
//! Every field is drawn by the form macros as an element with the id
//! `f-{field}` and a `<label for="f-{field}">` (or, for a group of choices,
//! a `<legend id="f-{field}">`).

use serde::Serialize;
use tera::Value;

use crate::domain::Lang;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The id to link to (`f-{field}`), when the page has that field.
    pub target: Option<String>,
    /// The translated message, named by the field's label when it has one.
    pub text: String,
}

/// The field errors a page's context carries: every `errors` or
/// `…_errors` map of field name to message key (a page may hold more than
/// one form, such as the account details with their separate email form).
/// Takes the context as JSON (`Context::into_json` moves it, where
/// looking through a copy cost a deep copy of everything the page shows,
/// on every page).
pub fn field_errors(ctx: &Value) -> Vec<(String, String)> {
    let Value::Object(all) = ctx else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, value) in all {
        if name != "errors" && !name.ends_with("_errors") {
            continue;
        }
        if let Value::Object(errors) = value {
            for (field, key) in errors {
                if let Value::String(key) = key {
                    found.push((field.clone(), key.clone()));
                }
            }
        }
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
}
