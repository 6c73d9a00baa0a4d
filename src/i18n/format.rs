//! Dates, times and numbers the way each language writes them. Every time
//! is stored in UTC and shown in Europe/Copenhagen.

use std::sync::OnceLock;

use chrono::format::{Item, StrftimeItems};
use chrono::{Locale, NaiveDateTime};

use crate::domain::Lang;
use crate::domain::time::local;

fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::Da => Locale::da_DK,
        Lang::En => Locale::en_GB,
    }
}

/// A pattern in each language, parsed once. chrono parses a pattern given
/// as text on every call, and a list page formats a date or two per row:
/// parsed once, the pipeline's date filters cost a third less
/// (BENCHMARKS.md).
struct Pattern {
    da: &'static str,
    en: &'static str,
    parsed: OnceLock<[Vec<Item<'static>>; 2]>,
}

impl Pattern {
    const fn new(da: &'static str, en: &'static str) -> Self {
        Pattern {
            da,
            en,
            parsed: OnceLock::new(),
        }
    }

    fn items(&self, lang: Lang) -> &[Item<'static>] {
        let [da, en] = self.parsed.get_or_init(|| {
            [
                StrftimeItems::new(self.da).collect(),
                StrftimeItems::new(self.en).collect(),
            ]
        });
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

static DATE: Pattern = Pattern::new("%A den %-d. %B %Y", "%A %-d %B %Y");
static SHORT_DATE: Pattern = Pattern::new("%-d. %B %Y", "%-d %B %Y");
static TIME: Pattern = Pattern::new("%H.%M", "%H:%M");

/// "mandag den 3. marts 2026" / "Monday 3 March 2026".
pub fn date(lang: Lang, utc: NaiveDateTime) -> String {
    local(utc)
        .format_localized_with_items(DATE.items(lang).iter(), locale(lang))
        .to_string()
}

/// "3. mar. 2026" style without weekday: "3. marts 2026" / "3 March 2026".
pub fn short_date(lang: Lang, utc: NaiveDateTime) -> String {
    local(utc)
        .format_localized_with_items(SHORT_DATE.items(lang).iter(), locale(lang))
        .to_string()
}

/// A calendar day without time: "1. april 2026" / "1 April 2026".
pub fn day(lang: Lang, day: chrono::NaiveDate) -> String {
    day.format_localized_with_items(SHORT_DATE.items(lang).iter(), locale(lang))
        .to_string()
}

/// A month as the trend charts label it: "dec. 2026", "maj 2026" /
/// "Dec 2026". `month` is 1–12.
pub fn month(lang: Lang, year: i32, month: u32) -> String {
    const DA: [&str; 12] = [
        "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    };
    let i = (month.clamp(1, 12) - 1) as usize;
    format!("{} {year}", names[i])
}

/// A month written out, as a sentence names it: "december" /
/// "December" (the year is left to the sentence).
pub fn month_name(lang: Lang, day: chrono::NaiveDate) -> String {
    day.format_localized("%B", locale(lang)).to_string()
}

/// Danish writes the clock with a full stop: "17.00"; English "17:00".
pub fn time(lang: Lang, utc: NaiveDateTime) -> String {
    local(utc)
        .format_with_items(TIME.items(lang).iter())
        .to_string()
}

/// "mandag den 3. marts 2026 kl. 17.00" / "Monday 3 March 2026, 17:00".
pub fn datetime(lang: Lang, utc: NaiveDateTime) -> String {
    match lang {
        Lang::Da => format!("{} kl. {}", date(lang, utc), time(lang, utc)),
        Lang::En => format!("{}, {}", date(lang, utc), time(lang, utc)),
    }
}

/// "12.976" / "12,976".
pub fn integer(lang: Lang, n: i64) -> String {
    let separator = match lang {
        Lang::Da => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Minutes as hours with the language's decimal mark: "1,5" / "1.5";
/// whole hours without decimals: "3".
pub fn hours(lang: Lang, minutes: i32) -> String {
    let text = if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        let h = f64::from(minutes) / 60.0;
        let s = format!("{h:.2}");
        s.trim_end_matches('0').to_string()
    };
    match lang {
        Lang::Da => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid date")
    }

    #[test]
    fn months_are_abbreviated_as_each_language_does() {
        assert_eq!(month(Lang::Da, 2026, 12), "dec. 2026");
        assert_eq!(month(Lang::Da, 2026, 5), "maj 2026");
        assert_eq!(month(Lang::En, 2026, 12), "Dec 2026");
        assert_eq!(month(Lang::En, 2027, 1), "Jan 2027");
    }

    #[test]
    fn winter_and_summer_times_are_shown_in_copenhagen() {
        // 16:00 UTC is 17:00 in winter (CET) and 18:00 in summer (CEST).
        assert_eq!(time(Lang::Da, utc(2026, 3, 3, 16, 0)), "17.00");
        assert_eq!(time(Lang::Da, utc(2026, 6, 3, 16, 0)), "18.00");
        assert_eq!(time(Lang::En, utc(2026, 6, 3, 16, 0)), "18:00");
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let t = utc(2026, 3, 2, 16, 0);
        assert_eq!(datetime(Lang::Da, t), "mandag den 2. marts 2026 kl. 17.00");
        assert_eq!(datetime(Lang::En, t), "Monday 2 March 2026, 17:00");
        // Late evening UTC is already the next day in Copenhagen.
        assert_eq!(
            short_date(Lang::Da, utc(2026, 12, 31, 23, 30)),
            "1. januar 2027"
        );
        assert_eq!(short_date(Lang::En, t), "2 March 2026");
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).expect("valid date");
        assert_eq!(day(Lang::Da, d), "1. april 2026");
        assert_eq!(day(Lang::En, d), "1 April 2026");
        // Each language's pattern is its own, whichever is asked first.
        assert_eq!(date(Lang::En, t), "Monday 2 March 2026");
        assert_eq!(date(Lang::Da, t), "mandag den 2. marts 2026");
    }

    #[test]
    fn hours_use_the_decimal_mark_of_the_language() {
        assert_eq!(hours(Lang::Da, 90), "1,5");
        assert_eq!(hours(Lang::En, 90), "1.5");
        assert_eq!(hours(Lang::Da, 180), "3");
        assert_eq!(hours(Lang::Da, 135), "2,25");
        assert_eq!(hours(Lang::Da, 0), "0");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(integer(Lang::Da, 12976), "12.976");
        assert_eq!(integer(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(integer(Lang::Da, 450), "450");
        assert_eq!(integer(Lang::Da, -3244), "-3.244");
    }
}
