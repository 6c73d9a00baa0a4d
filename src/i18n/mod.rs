//! Languages: Danish first, English second. Texts live in Fluent files under
//! `templates/locales/<lang>/`; dates, times and amounts are formatted by the
//! conventions of the language (`format`).

pub mod format;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::thread::LocalKey;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::types::FluentNumberOptions;
use fluent_templates::{LanguageIdentifier, langid};

use crate::domain::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./templates/locales",
        fallback_language: "da",
        // Unicode isolation marks around arguments confuse email clients
        // and tests; both languages here are left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DA: LanguageIdentifier = langid!("da");
static EN: LanguageIdentifier = langid!("en");

/// The Fluent locale of a language.
fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

/// The text for `key`; the key itself (and a warning) if it is missing, so
/// a forgotten translation shows up on the page instead of breaking it.
pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &HashMap::new())
}

/// Whether `lang` itself has a text for `key` (`t` falls back to Danish,
/// which would hide a missing English text).
pub fn exists(lang: Lang, key: &str) -> bool {
    LOCALES
        .lookup_single_language::<&str>(id(lang), key, None)
        .is_ok()
}

/// The text for `key` without arguments, or `None` if neither `lang` nor
/// Danish has it (for callers that must not show the key in its place).
pub fn text(lang: Lang, key: &str) -> Option<String> {
    lookup(lang, key, None)
}

pub fn t_args(lang: Lang, key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> String {
    let text = if args.is_empty() {
        kept(&PLAIN, lang, key, || lookup(lang, key, None))
    } else if let Some(counted) = counted_key(key, args) {
        kept(&COUNTED, lang, &counted, || lookup(lang, key, Some(args)))
    } else {
        lookup(lang, key, Some(args))
    };
    text.unwrap_or_else(|| missing(lang, key))
}

// Texts without arguments, each formatted once per worker thread. They
// are compiled into the binary and never change, and a page asks for the
// same few again and again (a table's column labels are repeated in every
// row for narrow screens): formatting them with Fluent each time was a
// sixth of drawing such a page (BENCHMARKS.md). The keys are the
// templates' and the code's own; the bound only guards against a key
// made from data.
//
// Texts whose arguments are all numbers are kept the same way, under the
// key and the numbers: "12 dage over" is the same text on every page that
// asks for it, and a table asks for one in each row (the supervision
// overview fifty times), each a Fluent formatting with its plural rules.
// Only numbers: a text with a name or an email in it is never kept. They
// have their own table, so that however many numbers a thread meets, the
// plain texts are still kept.
thread_local! {
    static PLAIN: Texts = RefCell::default();
    static COUNTED: Texts = RefCell::default();
}
type Texts = RefCell<[HashMap<Box<str>, String>; 2]>;
const PLAIN_MAX: usize = 4096;

/// The key a text with only numbers for arguments is kept under: the
/// text's key and each argument, in the arguments' names' order; `None`
/// if any argument is not a number.
fn counted_key(key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> Option<String> {
    let mut numbers: Vec<(&str, f64)> = Vec::with_capacity(args.len());
    for (name, value) in args {
        let FluentValue::Number(n) = value else {
            return None;
        };
        // A number's options change its text too: only plain numbers,
        // which is what the templates and the code pass.
        if n.options != FluentNumberOptions::default() {
            return None;
        }
        numbers.push((name, n.value));
    }
    numbers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut counted = String::with_capacity(key.len() + 16 * numbers.len());
    counted.push_str(key);
    for (name, n) in numbers {
        // A separator no key or argument name holds.
        counted.push('\u{1f}');
        counted.push_str(name);
        // Writing into a String cannot fail.
        let _ = write!(counted, "={n}");
    }
    Some(counted)
}

/// The text kept under `key` in this thread's `table`, or formatted by
/// `format` and kept (a missing text is not kept, so that it is reported
/// every time).
fn kept(
    table: &'static LocalKey<Texts>,
    lang: Lang,
    key: &str,
    format: impl FnOnce() -> Option<String>,
) -> Option<String> {
    let slot = lang.index();
    if let Some(text) = table.with(|p| p.borrow()[slot].get(key).cloned()) {
        return Some(text);
    }
    let text = format()?;
    table.with(|p| {
        let map = &mut p.borrow_mut()[slot];
        if map.len() < PLAIN_MAX {
            map.insert(key.into(), text.clone());
        }
    });
    Some(text)
}

fn lookup(
    lang: Lang,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
) -> Option<String> {
    // Looked up directly rather than through `Loader::lookup`, which
    // negotiates languages on every call: pages make hundreds of lookups.
    LOCALES
        .lookup_single_language(id(lang), key, args)
        .or_else(|_| LOCALES.lookup_single_language(&DA, key, args))
        .ok()
}

fn missing(lang: Lang, key: &str) -> String {
    tracing::warn!(key, lang = lang.code(), "missing translation");
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_exist_in_both_languages() {
        assert_eq!(t(Lang::Da, "nav-login"), "Log ind");
        assert_eq!(t(Lang::En, "nav-login"), "Log in");
    }

    #[test]
    fn a_text_kept_for_one_language_is_not_given_for_the_other() {
        for _ in 0..2 {
            assert_eq!(t(Lang::En, "nav-login"), "Log in");
            assert_eq!(t(Lang::Da, "nav-login"), "Log ind");
        }
        // A missing text is still the key itself, every time.
        assert_eq!(t(Lang::Da, "no-such-text"), "no-such-text");
        assert_eq!(t(Lang::Da, "no-such-text"), "no-such-text");
    }

    fn days(n: i64) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
        HashMap::from([(Cow::Borrowed("days"), FluentValue::from(n))])
    }

    #[test]
    fn a_text_with_numbers_is_kept_for_its_language_and_numbers() {
        // Asked twice each: the second answer is the kept one.
        for _ in 0..2 {
            let key = "supervision-days-overdue";
            assert_eq!(t_args(Lang::Da, key, &days(1)), "– 1 dag over");
            assert_eq!(t_args(Lang::Da, key, &days(12)), "– 12 dage over");
            assert_eq!(t_args(Lang::En, key, &days(12)), "– 12 days overdue");
            assert_eq!(
                t_args(Lang::Da, "supervision-days-left", &days(0)),
                "– senest i dag"
            );
            assert_eq!(t_args(Lang::Da, "no-such-text", &days(3)), "no-such-text");
        }
    }

    #[test]
    fn texts_with_numbers_never_crowd_out_the_plain_texts() {
        for n in 0..PLAIN_MAX as i64 + 10 {
            t_args(Lang::Da, "supervision-days-overdue", &days(n));
        }
        assert_eq!(COUNTED.with(|p| p.borrow()[0].len()), PLAIN_MAX);
        assert_eq!(t(Lang::Da, "nav-login"), "Log ind");
        assert!(PLAIN.with(|p| p.borrow()[0].contains_key("nav-login")));
        // Past the bound a text is still right, only formatted each time.
        let n = PLAIN_MAX as i64 + 5;
        assert_eq!(
            t_args(Lang::Da, "supervision-days-overdue", &days(n)),
            format!("– {n} dage over")
        );
    }

    #[test]
    fn a_text_with_a_name_in_it_is_not_kept() {
        let name = HashMap::from([(Cow::Borrowed("name"), FluentValue::from("Signe Holm"))]);
        assert_eq!(
            t_args(Lang::Da, "home-welcome", &name),
            "Velkommen, Signe Holm"
        );
        let kept = [&PLAIN, &COUNTED].iter().any(|table| {
            table.with(|p| {
                p.borrow()
                    .iter()
                    .flatten()
                    .any(|(_, text)| text.contains("Signe"))
            })
        });
        assert!(!kept, "a person's name stayed in the thread's texts");
        // Nor a number with options of its own, which change its text.
        let mut n = fluent_templates::fluent_bundle::types::FluentNumber::from(2);
        n.options.minimum_fraction_digits = Some(2);
        let args = HashMap::from([(Cow::Borrowed("days"), FluentValue::Number(n))]);
        assert_eq!(counted_key("supervision-days-overdue", &args), None);
        assert!(counted_key("supervision-days-overdue", &days(2)).is_some());
    }
}
