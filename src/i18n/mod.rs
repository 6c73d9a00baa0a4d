//! Languages: Danish first, English second. Texts live in Fluent files under
//! `templates/locales/<lang>/`; dates, times and amounts are formatted by the
//! conventions of the language (`format`).

pub mod format;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid};
use serde::Serialize;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" | "da-dk" => Some(Lang::Da),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header, honouring
    /// the client's q-values; Danish when nothing matches.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Lang::parse(primary)
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }
}

/// The text for `key`; the key itself (and a warning) if it is missing, so
/// a forgotten translation shows up on the page instead of breaking it.
pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &HashMap::new())
}

pub fn t_args(lang: Lang, key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> String {
    let args = (!args.is_empty()).then_some(args);
    // Looked up directly rather than through `Loader::lookup`, which
    // negotiates languages on every call: pages make hundreds of lookups.
    let found = LOCALES
        .lookup_single_language(lang.id(), key, args)
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
    fn accept_language_is_negotiated_by_quality() {
        assert_eq!(Lang::negotiate("en-GB,en;q=0.9,da;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("de-DE, da;q=0.5, en;q=0.4"), Lang::Da);
        assert_eq!(Lang::negotiate("fr, de"), Lang::Da);
        assert_eq!(Lang::negotiate(""), Lang::Da);
        assert_eq!(Lang::negotiate("en;q=0, da;q=0.1"), Lang::Da);
    }

    #[test]
    fn texts_exist_in_both_languages() {
        assert_eq!(t(Lang::Da, "nav-login"), "Log ind");
        assert_eq!(t(Lang::En, "nav-login"), "Log in");
    }
}
