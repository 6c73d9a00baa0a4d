//! The Tera engines that render pages and emails: one per language, parsed
//! once at start-up and shared, each with `t(key=...)` bound to its language
//! so that templates and their macros never pass the language around.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use fluent_templates::fluent_bundle::FluentValue;
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use tera::{Context, Tera, Value};

use crate::domain::Lang;
use crate::i18n::{self, format};

/// Templates, translations and static assets. In debug builds rust-embed
/// reads them from disk, in release builds they are inside the binary, so
/// a deployed site is one file.
#[derive(RustEmbed)]
#[folder = "templates/"]
pub struct TemplateFiles;

pub struct Templates {
    da: Tera,
    en: Tera,
    /// Changes whenever an asset changes, for cache-busting URLs.
    pub asset_version: String,
}

impl Templates {
    pub fn load() -> Result<Templates, tera::Error> {
        let sources: Vec<(String, String)> = TemplateFiles::iter()
            .filter(|name| name.ends_with(".html") || name.ends_with(".txt"))
            .filter_map(|name| {
                let file = TemplateFiles::get(&name)?;
                let text = String::from_utf8_lossy(&file.data).into_owned();
                Some((name.into_owned(), text))
            })
            .collect();
        let mut hasher = Sha256::new();
        for name in TemplateFiles::iter().filter(|n| n.starts_with("assets/")) {
            if let Some(file) = TemplateFiles::get(&name) {
                hasher.update(&file.data);
            }
        }
        let digest = hasher.finalize();
        let asset_version = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        // Parsed once: the languages differ only in the functions and
        // filters bound to them, and parsing is most of a start-up.
        let mut parsed = Tera::default();
        parsed.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))?;
        Ok(Templates {
            da: engine(Lang::Da, parsed.clone()),
            en: engine(Lang::En, parsed),
            asset_version,
        })
    }

    pub fn render(&self, lang: Lang, name: &str, context: &Context) -> Result<String, tera::Error> {
        match lang {
            Lang::Da => self.da.render(name, context),
            Lang::En => self.en.render(name, context),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.da.get_template_names().any(|n| n == name)
    }
}

fn engine(lang: Lang, mut tera: Tera) -> Tera {
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        translate(lang, args)
    });
    tera.register_filter("local_date", time_filter(lang, format::date));
    tera.register_filter("local_short_date", time_filter(lang, format::short_date));
    tera.register_filter("local_time", time_filter(lang, format::time));
    tera.register_filter("local_datetime", time_filter(lang, format::datetime));
    tera.register_filter("num", move |v: &Value, _: &HashMap<String, Value>| {
        let n = v
            .as_i64()
            .ok_or_else(|| tera::Error::msg("num expects an integer"))?;
        Ok(Value::String(format::integer(lang, n)))
    });
    tera.register_filter("money", move |v: &Value, _: &HashMap<String, Value>| {
        let ore = v
            .as_i64()
            .ok_or_else(|| tera::Error::msg("money expects øre as an integer"))?;
        Ok(Value::String(match lang {
            Lang::Da => crate::domain::money::danish(ore),
            Lang::En => crate::domain::money::english(ore),
        }))
    });
    tera.register_filter("hours", move |v: &Value, _: &HashMap<String, Value>| {
        let minutes = v
            .as_i64()
            .ok_or_else(|| tera::Error::msg("hours expects minutes as an integer"))?;
        Ok(Value::String(format::hours(
            lang,
            i32::try_from(minutes).unwrap_or_default(),
        )))
    });
    tera.register_filter("day", move |v: &Value, _: &HashMap<String, Value>| {
        let text = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("day expects a date"))?;
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|e| tera::Error::msg(format!("bad date {text:?}: {e}")))?;
        Ok(Value::String(format::day(lang, day)))
    });
    tera
}

fn translate(lang: Lang, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let key = args
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("t() needs key=\"...\""))?;
    let mut fluent_args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    for (name, value) in args.iter().filter(|(n, _)| n.as_str() != "key") {
        let fv = match value {
            Value::Number(n) => match n.as_i64() {
                Some(i) => FluentValue::from(i),
                None => FluentValue::from(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => FluentValue::from(s.clone()),
            Value::Null => FluentValue::from(""),
            other => FluentValue::from(other.to_string()),
        };
        fluent_args.insert(Cow::Owned(name.clone()), fv);
    }
    Ok(Value::String(i18n::t_args(lang, key, &fluent_args)))
}

fn time_filter(
    lang: Lang,
    f: fn(Lang, NaiveDateTime) -> String,
) -> impl Fn(&Value, &HashMap<String, Value>) -> tera::Result<Value> + Send + Sync {
    move |value, _| {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("expected a timestamp"))?;
        // As serde writes it ("2026-03-03T17:00:00", a fraction if any),
        // which `FromStr` reads without parsing a pattern first.
        let utc: NaiveDateTime = text
            .parse()
            .map_err(|e| tera::Error::msg(format!("bad timestamp {text:?}: {e}")))?;
        Ok(Value::String(f(lang, utc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A timestamp as serde writes it, with or without a fraction of a
    /// second, is shown in Copenhagen's time; anything else is an error.
    #[test]
    fn the_time_filters_read_what_serde_writes() {
        let filter = time_filter(Lang::Da, format::time);
        let none = HashMap::new();
        for (text, shown) in [
            ("2026-03-03T16:00:00", "17.00"),
            ("2026-06-03T16:05:00.123456", "18.05"),
        ] {
            let got = filter(&Value::String(text.into()), &none).expect(text);
            assert_eq!(got, Value::String(shown.into()), "{text}");
        }
        assert!(filter(&Value::String("3. marts".into()), &none).is_err());
        assert!(filter(&Value::Bool(true), &none).is_err());
    }

    #[test]
    fn every_template_parses_in_both_languages() {
        let templates = Templates::load().expect("templates parse");
        assert!(templates.has("base.html"));
        assert_eq!(templates.asset_version.len(), 10);
    }

    /// A table wider than a phone scrolls inside its region, which a
    /// keyboard can reach (axe's `scrollable-region-focusable`) and a
    /// screen reader can name; and every table is inside one.
    #[test]
    fn every_scrolling_table_region_is_focusable_and_labelled() {
        for name in TemplateFiles::iter().filter(|n| n.ends_with(".html")) {
            if name.starts_with("emails/") {
                continue;
            }
            let file = TemplateFiles::get(&name).expect("template");
            let text = String::from_utf8_lossy(&file.data);
            for (at, _) in text.match_indices("class=\"table-scroll\"") {
                let end = text[at..].find('>').map_or(text.len(), |e| at + e);
                let tag = &text[at..end];
                assert!(
                    tag.contains("role=\"region\"") && tag.contains("tabindex=\"0\""),
                    "{name}: a table-scroll region is focusable: {tag}"
                );
                assert!(
                    tag.contains("aria-label=") || tag.contains("aria-labelledby="),
                    "{name}: a table-scroll region is labelled: {tag}"
                );
            }
            let tables = text.matches("<table").count();
            let regions = text.matches("class=\"table-scroll\"").count();
            assert!(
                regions >= tables,
                "{name}: {tables} tables but {regions} scrolling regions"
            );
        }
    }

    #[test]
    fn filters_show_copenhagen_time_in_the_page_language() {
        let templates = Templates::load().expect("templates parse");
        let mut ctx = Context::new();
        ctx.insert("at", &"2026-07-01T15:30:00");
        let render = |lang| {
            let mut tera = templates_for(&templates, lang);
            tera.render_str("{{ at | local_datetime }}", &ctx)
                .expect("render")
        };
        assert_eq!(render(Lang::Da), "onsdag den 1. juli 2026 kl. 17.30");
        assert_eq!(render(Lang::En), "Wednesday 1 July 2026, 17:30");
    }

    #[test]
    fn money_and_days_are_written_in_the_page_language() {
        let templates = Templates::load().expect("templates parse");
        let mut ctx = Context::new();
        ctx.insert("price", &125_000);
        ctx.insert("on", &"2026-04-01");
        let render = |lang| {
            let mut tera = templates_for(&templates, lang);
            tera.render_str("{{ price | money }} / {{ on | day }}", &ctx)
                .expect("render")
        };
        assert_eq!(render(Lang::Da), "1.250,00 kr. / 1. april 2026");
        assert_eq!(render(Lang::En), "DKK 1,250.00 / 1 April 2026");
    }

    fn templates_for(t: &Templates, lang: Lang) -> Tera {
        match lang {
            Lang::Da => t.da.clone(),
            Lang::En => t.en.clone(),
        }
    }
}
