//! Dates, times and numbers the way each language writes them. Every time
//! is stored in UTC and shown in Europe/Copenhagen.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::domain::Lang;
use crate::domain::time::local;

/// The names chrono's `da_DK` and `en_GB` locales give (a test compares
/// every day of a year with chrono's). Written out by hand: chrono's
/// localised formatting cost some 2,300 instructions a date, and a list
/// page draws a date or two per row (BENCHMARKS.md, Tera 2).
const MONTHS: [[&str; 12]; 2] = [
    [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

/// Monday first, as `Weekday::num_days_from_monday` counts.
const WEEKDAYS: [[&str; 7]; 2] = [
    [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ],
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
];

/// "3. marts 2026" / "3 March 2026" onto `out`; the year as chrono's `%Y`
/// writes it (four digits, a sign outside 0–9999: "-0005", "+10000").
fn write_day(out: &mut String, lang: Lang, day: NaiveDate) {
    let month = MONTHS[lang.index()][day.month0() as usize];
    let year = day.year();
    let dot = match lang {
        Lang::Da => ".",
        Lang::En => "",
    };
    // Writing into a String cannot fail.
    let _ = match year {
        0..=9999 => write!(out, "{}{dot} {month} {year:04}", day.day()),
        ..0 => write!(out, "{}{dot} {month} {year:05}", day.day()),
        _ => write!(out, "{}{dot} {month} +{year}", day.day()),
    };
}

/// "mandag den 3. marts 2026" / "Monday 3 March 2026".
pub fn date(lang: Lang, utc: NaiveDateTime) -> String {
    let day = local(utc).date_naive();
    let weekday = WEEKDAYS[lang.index()][day.weekday().num_days_from_monday() as usize];
    let mut out = String::with_capacity(32);
    out.push_str(weekday);
    out.push_str(match lang {
        Lang::Da => " den ",
        Lang::En => " ",
    });
    write_day(&mut out, lang, day);
    out
}

/// "3. marts 2026" / "3 March 2026": the date without its weekday.
pub fn short_date(lang: Lang, utc: NaiveDateTime) -> String {
    day(lang, local(utc).date_naive())
}

/// A calendar day without time: "1. april 2026" / "1 April 2026".
pub fn day(lang: Lang, day: NaiveDate) -> String {
    let mut out = String::with_capacity(20);
    write_day(&mut out, lang, day);
    out
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
    MONTHS[lang.index()][day.month0() as usize].to_string()
}

/// Danish writes the clock with a full stop: "17.00"; English "17:00".
pub fn time(lang: Lang, utc: NaiveDateTime) -> String {
    let clock = local(utc);
    let mark = match lang {
        Lang::Da => '.',
        Lang::En => ':',
    };
    format!("{:02}{mark}{:02}", clock.hour(), clock.minute())
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
    use chrono::Locale;

    fn locale(lang: Lang) -> Locale {
        match lang {
            Lang::Da => Locale::da_DK,
            Lang::En => Locale::en_GB,
        }
    }

    /// The hand-written names and layouts give what chrono's locales gave
    /// for every day of a common and a leap year, at midday and just
    /// before midnight UTC (already the next day in Copenhagen), and for
    /// years chrono pads or signs.
    #[test]
    fn dates_are_written_as_chronos_locales_write_them() {
        let patterns = |lang| match lang {
            Lang::Da => ("%A den %-d. %B %Y", "%-d. %B %Y"),
            Lang::En => ("%A %-d %B %Y", "%-d %B %Y"),
        };
        let mut days: Vec<NaiveDate> = [2026, 2028]
            .into_iter()
            .flat_map(|y| {
                let first = NaiveDate::from_ymd_opt(y, 1, 1).expect("valid date");
                first.iter_days().take_while(move |d| d.year() == y)
            })
            .collect();
        days.extend(
            [(33, 7, 4), (999, 12, 31), (10_000, 1, 1), (-5, 3, 1)]
                .into_iter()
                .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        );
        for lang in [Lang::Da, Lang::En] {
            let (long, short) = patterns(lang);
            for d in &days {
                for (h, min) in [(12, 0), (23, 30)] {
                    let at = d.and_hms_opt(h, min, 0).expect("valid time");
                    let here = local(at);
                    assert_eq!(
                        date(lang, at),
                        here.format_localized(long, locale(lang)).to_string()
                    );
                    assert_eq!(
                        short_date(lang, at),
                        here.format_localized(short, locale(lang)).to_string()
                    );
                }
                assert_eq!(
                    day(lang, *d),
                    d.format_localized(short, locale(lang)).to_string()
                );
                assert_eq!(
                    month_name(lang, *d),
                    d.format_localized("%B", locale(lang)).to_string()
                );
            }
        }
    }

    /// The clock as chrono wrote it, every seven minutes over the days
    /// around both changes of summer time.
    #[test]
    fn times_are_written_as_chrono_wrote_them() {
        for (m, d) in [(3, 28), (10, 24)] {
            let start = utc(2026, m, d, 0, 0);
            for step in 0..(4 * 24 * 60 / 7) {
                let at = start + chrono::Duration::minutes(7 * step);
                assert_eq!(time(Lang::Da, at), local(at).format("%H.%M").to_string());
                assert_eq!(time(Lang::En, at), local(at).format("%H:%M").to_string());
            }
        }
    }

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
