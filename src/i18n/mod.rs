//! Languages: Danish first, English second. Texts live in Fluent files under
//! `templates/locales/<lang>/`; dates, times and amounts are formatted by the
//! conventions of the language (`format`).

pub mod format;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
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
    if args.is_empty() {
        return plain(lang, key);
    }
    lookup(lang, key, Some(args)).unwrap_or_else(|| missing(lang, key))
}

// Texts without arguments, each formatted once per worker thread. They
// are compiled into the binary and never change, and a page asks for the
// same few again and again (a table's column labels are repeated in every
// row for narrow screens): formatting them with Fluent each time was a
// sixth of drawing such a page (BENCHMARKS.md). The keys are the
// templates' and the code's own; the bound only guards against a key
// made from data.
thread_local! {
    static PLAIN: RefCell<[HashMap<Box<str>, String>; 2]> = RefCell::default();
}
const PLAIN_MAX: usize = 4096;

fn plain(lang: Lang, key: &str) -> String {
    let slot = match lang {
        Lang::Da => 0,
        Lang::En => 1,
    };
    if let Some(text) = PLAIN.with(|p| p.borrow()[slot].get(key).cloned()) {
        return text;
    }
    // A missing text is not kept, so that it is reported every time.
    let Some(text) = lookup(lang, key, None) else {
        return missing(lang, key);
    };
    PLAIN.with(|p| {
        let map = &mut p.borrow_mut()[slot];
        if map.len() < PLAIN_MAX {
            map.insert(key.into(), text.clone());
        }
    });
    text
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
}
