//! Languages: Danish first, English second. Texts live in Fluent files under
//! `templates/locales/<lang>/`; dates, times and amounts are formatted by the
//! conventions of the language (`format`).

pub mod format;

use std::borrow::Cow;
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

pub fn t_args(lang: Lang, key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> String {
    let args = (!args.is_empty()).then_some(args);
    // Looked up directly rather than through `Loader::lookup`, which
    // negotiates languages on every call: pages make hundreds of lookups.
    let found = LOCALES
        .lookup_single_language(id(lang), key, args)
        .or_else(|_| LOCALES.lookup_single_language(&DA, key, args));
    found.unwrap_or_else(|_| {
        tracing::warn!(key, lang = lang.code(), "missing translation");
        key.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_exist_in_both_languages() {
        assert_eq!(t(Lang::Da, "nav-login"), "Log ind");
        assert_eq!(t(Lang::En, "nav-login"), "Log in");
    }
}
