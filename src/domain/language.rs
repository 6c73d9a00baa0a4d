//! The languages of the site: Danish first, English second. A person's
//! choice is stored with their account and decides the language of every
//! page and email they get.

use serde::{Deserialize, Serialize};

use super::code::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Code for Lang {
    const ALL: &'static [Lang] = &[Lang::Da, Lang::En];

    fn as_str(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

impl Lang {
    /// The language's place in a table kept for both, `[da, en]`.
    pub fn index(self) -> usize {
        match self {
            Lang::Da => 0,
            Lang::En => 1,
        }
    }

    /// The stored code, "da" or "en" (what pages put in `lang=""`).
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// A language tag as browsers, cookies and forms send it ("da-DK",
    /// "EN"), more lenient than a stored code.
    pub fn from_tag(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" | "da-dk" => Some(Lang::Da),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a visitor who has not chosen one, from their
    /// browser's `Accept-Language`. Danish unless the browser asks for
    /// English and not Danish at all: many Danes run their systems in
    /// English, so any Danish in the list (at any quality above zero) or a
    /// Danish region (`en-DK`) means Danish; so does anything we do not
    /// speak.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut english = false;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
            // A malformed or zero quality is "not acceptable".
            if quality.is_none_or(|q| q <= 0.0) {
                continue;
            }
            let mut subtags = tag.split('-');
            let primary = subtags.next().unwrap_or("");
            if primary == "da" || subtags.any(|s| s == "dk") {
                return Lang::Da;
            }
            english |= primary == "en";
        }
        if english { Lang::En } else { Lang::Da }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_the_browser_asks_for_english_and_not_danish() {
        assert_eq!(Lang::negotiate("en"), Lang::En);
        assert_eq!(Lang::negotiate("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(Lang::negotiate("en-US, de;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate("de-DE, en;q=0.4"), Lang::En);
    }

    #[test]
    fn any_danish_in_the_list_means_danish() {
        assert_eq!(Lang::negotiate("en-GB,en;q=0.9,da;q=0.8"), Lang::Da);
        assert_eq!(Lang::negotiate("en-US,en;q=0.9,da;q=0.1"), Lang::Da);
        assert_eq!(Lang::negotiate("da"), Lang::Da);
        assert_eq!(Lang::negotiate("DA-dk"), Lang::Da);
    }

    #[test]
    fn a_danish_region_means_danish() {
        assert_eq!(Lang::negotiate("en-DK"), Lang::Da);
        assert_eq!(Lang::negotiate("en-dk, en;q=0.8"), Lang::Da);
    }

    #[test]
    fn danish_when_nothing_we_speak_is_asked_for() {
        assert_eq!(Lang::negotiate(""), Lang::Da);
        assert_eq!(Lang::negotiate("fr, de"), Lang::Da);
        assert_eq!(Lang::negotiate("*"), Lang::Da);
    }

    #[test]
    fn refused_languages_do_not_count() {
        // q=0 means "not acceptable", for Danish as for English.
        assert_eq!(Lang::negotiate("en, da;q=0"), Lang::En);
        assert_eq!(Lang::negotiate("en;q=0, fr"), Lang::Da);
        assert_eq!(Lang::negotiate("en;q=0.0, da;q=0.1"), Lang::Da);
        assert_eq!(Lang::negotiate("en;q=abc"), Lang::Da);
    }
}
