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
            if let Some(lang) = Lang::from_tag(primary)
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
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
}
