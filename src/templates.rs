//! The Tera engines that render pages and emails: one per language, parsed
//! once at start-up and shared, each with `t(key=...)` bound to its language
//! so that templates and their components never pass the language around.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDateTime;
use fluent_templates::fluent_bundle::FluentValue;
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use tera::{Context, Kwargs, State, Tera, TeraResult};

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
        Ok(Templates {
            da: parsed(Lang::Da, &sources)?,
            en: parsed(Lang::En, &sources)?,
            asset_version,
        })
    }

    /// The templates, parsed by the first caller in this process and shared
    /// after that: they are compiled into the binary, so every site started
    /// by one process (the tests start hundreds) draws with the same ones.
    pub fn shared() -> Result<Arc<Templates>, tera::Error> {
        static SHARED: OnceLock<Arc<Templates>> = OnceLock::new();
        if let Some(templates) = SHARED.get() {
            return Ok(templates.clone());
        }
        let loaded = Arc::new(Templates::load()?);
        Ok(SHARED.get_or_init(|| loaded).clone())
    }

    pub fn render(&self, lang: Lang, name: &str, context: &Context) -> Result<String, tera::Error> {
        match lang {
            Lang::Da => self.da.render(name, context),
            Lang::En => self.en.render(name, context),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.da.contains_template(name)
    }
}

/// Whether Tera escapes what a template draws: pages, not the text part of
/// an email.
fn escaped(name: &str) -> bool {
    [".html", ".htm", ".xml"].iter().any(|s| name.ends_with(s))
}

/// Each language's templates, with its plain texts written in: parsed
/// once per language (some 70 ms more for a start), as the sources
/// differ.
fn parsed(lang: Lang, sources: &[(String, String)]) -> Result<Tera, tera::Error> {
    let sources: Vec<(&str, String)> = sources
        .iter()
        .map(|(name, source)| {
            let escape = escaped(name);
            (name.as_str(), plain_texts_written_in(lang, source, escape))
        })
        .collect();
    // Tera 2 checks every filter and function a template names when it is
    // added, so the engine is set up first.
    let mut tera = engine(lang);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (*n, s.as_str())))?;
    Ok(tera)
}

/// HTML escaping as the site has always written it (Tera 1's set, with
/// `'` and `/` as numeric references), so that a text written in at start-up
/// and a value drawn while rendering are escaped alike.
fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut from = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#x27;",
            b'/' => b"&#x2F;",
            _ => continue,
        };
        out.write_all(&bytes[from..at])?;
        out.write_all(entity)?;
        from = at + 1;
    }
    out.write_all(&bytes[from..])
}

fn escaped_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing into a Vec cannot fail.
    let _ = escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

const CALL_OPEN: &str = "{{ t(key=\"";
const CALL_CLOSE: &str = ") }}";

/// `source` with every `{{ t(key="...") }}` that takes no arguments
/// replaced by the text it renders, escaped as Tera would escape it. Such a
/// call gives the same text on every render in one language, yet Tera
/// builds an argument map and calls `t` each time: three in four calls in
/// the templates are of this kind. Kept as a call: a key with no text (so
/// that it is still reported when drawn), a key built from data, a call
/// with arguments or filters, and a text with a brace, which Tera would
/// read as template syntax.
fn plain_texts_written_in(lang: Lang, source: &str, escape: bool) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(CALL_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CALL_OPEN.len()..];
        let written = after.find('"').and_then(|end| {
            let (key, tail) = after.split_at(end);
            let tail = tail[1..].strip_prefix(CALL_CLOSE)?;
            let text = i18n::text(lang, key)?;
            let braces =
                text.contains(['{', '}']) || (out.ends_with('{') && text.starts_with(['%', '#']));
            (!braces).then_some((text, tail))
        });
        match written {
            Some((text, tail)) => {
                out.push_str(&if escape { escaped_text(&text) } else { text });
                rest = tail;
            }
            None => {
                out.push_str(CALL_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// An engine for one language, with `t` and the filters bound to it.
fn engine(lang: Lang) -> Tera {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_function("t", move |args: Kwargs, _: &State| translate(lang, &args));
    tera.register_filter("local_date", time_filter(lang, format::date));
    tera.register_filter("local_short_date", time_filter(lang, format::short_date));
    tera.register_filter("local_time", time_filter(lang, format::time));
    tera.register_filter("local_datetime", time_filter(lang, format::datetime));
    tera.register_filter("num", move |n: i64, _: Kwargs, _: &State| {
        format::integer(lang, n)
    });
    tera.register_filter("money", move |ore: i64, _: Kwargs, _: &State| match lang {
        Lang::Da => crate::domain::money::danish(ore),
        Lang::En => crate::domain::money::english(ore),
    });
    tera.register_filter("hours", move |minutes: i64, _: Kwargs, _: &State| {
        format::hours(lang, i32::try_from(minutes).unwrap_or_default())
    });
    tera.register_filter("day", move |text: &str, _: Kwargs, _: &State| {
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|e| tera::Error::message(format!("bad date {text:?}: {e}")))?;
        TeraResult::Ok(format::day(lang, day))
    });
    tera.register_filter("urlencode", |text: &str, _: Kwargs, _: &State| {
        percent_encoding::utf8_percent_encode(text, URL_KEEPS_PATH).to_string()
    });
    tera.register_filter("urlencode_strict", |text: &str, _: Kwargs, _: &State| {
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
    });
    tera
}

/// What Tera 1's `urlencode` left as it was: letters, digits, `/` and the
/// marks `-_.~`, so that a path stays a path.
const URL_KEEPS_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn translate(lang: Lang, args: &Kwargs) -> TeraResult<String> {
    let key: &str = args.must_get("key")?;
    let mut fluent_args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    for (name, value) in args.iter() {
        let Some(name) = name.as_str() else { continue };
        if name == "key" {
            continue;
        }
        let fv = if let Some(i) = value.as_i64() {
            FluentValue::from(i)
        } else if value.is_number() {
            FluentValue::from(value.as_f64().unwrap_or_default())
        } else if let Some(s) = value.as_str() {
            FluentValue::from(s.to_owned())
        } else if value.is_none() || value.is_undefined() {
            FluentValue::from("")
        } else {
            FluentValue::from(value.to_string())
        };
        fluent_args.insert(Cow::Owned(name.to_owned()), fv);
    }
    Ok(i18n::t_args(lang, key, &fluent_args))
}

fn time_filter(
    lang: Lang,
    f: fn(Lang, NaiveDateTime) -> String,
) -> impl Fn(&str, Kwargs, &State) -> TeraResult<String> + Send + Sync + 'static {
    move |text, _, _| {
        // As serde writes it ("2026-03-03T17:00:00", a fraction if any),
        // which `FromStr` reads without parsing a pattern first.
        let utc: NaiveDateTime = text
            .parse()
            .map_err(|e| tera::Error::message(format!("bad timestamp {text:?}: {e}")))?;
        Ok(f(lang, utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Value;

    /// A timestamp as serde writes it, with or without a fraction of a
    /// second, is shown in Copenhagen's time; anything else is an error.
    #[test]
    fn the_time_filters_read_what_serde_writes() {
        let tera = engine(Lang::Da);
        let draw = |at: Value| {
            let mut ctx = Context::new();
            ctx.insert_value("at", at);
            tera.render_str("{{ at | local_time }}", &ctx, false)
        };
        for (text, shown) in [
            ("2026-03-03T16:00:00", "17.00"),
            ("2026-06-03T16:05:00.123456", "18.05"),
        ] {
            assert_eq!(draw(Value::from(text)).expect(text), shown, "{text}");
        }
        assert!(draw(Value::from("3. marts")).is_err());
        assert!(draw(Value::from(true)).is_err());
    }

    /// Values drawn into a page are escaped as the texts written in at
    /// start-up are, and as the site always escaped them.
    #[test]
    fn drawn_values_are_escaped_as_before() {
        let mut ctx = Context::new();
        ctx.insert("name", "<Ea & Bo's \"side\"/>");
        let drawn = engine(Lang::Da)
            .render_str("{{ name }}", &ctx, true)
            .expect("draws");
        assert_eq!(drawn, "&lt;Ea &amp; Bo&#x27;s &quot;side&quot;&#x2F;&gt;");
        assert_eq!(escaped_text("<Ea & Bo's \"side\"/>"), drawn);
    }

    /// A search term in a link keeps a path's slashes with `urlencode` and
    /// loses them with `urlencode_strict`, as with Tera 1.
    #[test]
    fn urlencode_filters_keep_or_encode_a_path() {
        let mut ctx = Context::new();
        ctx.insert("q", "a/b c&d=æ");
        let draw = |source: &str| {
            engine(Lang::Da)
                .render_str(source, &ctx, false)
                .expect("draws")
        };
        assert_eq!(draw("{{ q | urlencode }}"), "a/b%20c%26d%3D%C3%A6");
        assert_eq!(draw("{{ q | urlencode_strict }}"), "a%2Fb%20c%26d%3D%C3%A6");
    }

    /// A plain text is written in as Tera would have drawn it: escaped in
    /// a page, as it is in an email's text part, in each language.
    #[test]
    fn plain_texts_are_written_in_as_they_would_be_drawn() {
        let source = "<th>{{ t(key=\"invoice-payer\") }}</th>{{ t(key=\"nav-login\") }}";
        assert_eq!(
            plain_texts_written_in(Lang::Da, source, true),
            "<th>EAN&#x2F;CVR</th>Log ind"
        );
        assert_eq!(
            plain_texts_written_in(Lang::Da, source, false),
            "<th>EAN/CVR</th>Log ind"
        );
        assert_eq!(
            plain_texts_written_in(Lang::En, source, false),
            "<th>EAN/CVR</th>Log in"
        );
    }

    /// Only a call whose whole text is known when the site starts is
    /// written in; every other call is left exactly as it was.
    #[test]
    fn calls_that_depend_on_the_page_stay_calls() {
        for call in [
            "{{ t(key=\"volunteer-status-\" ~ v.status) }}",
            "{{ t(key=\"application-sent\", date=a.created_at | local_short_date) }}",
            "{{ t(key=\"application-sent\") }}",
            "{{ t(key=\"nav-login\") | upper }}",
            "{{ t(key=\"no-such-text\") }}",
            "{% set l = t(key=\"nav-login\") %}",
            "{{ t(key=\"",
        ] {
            let source = format!("a {call} b");
            assert_eq!(plain_texts_written_in(Lang::Da, &source, true), source);
        }
    }

    /// A page draws the same with the texts written in as with every text
    /// asked for while drawing: the pipeline's template, and a text that is
    /// escaped.
    #[test]
    fn written_in_texts_draw_the_same_page() {
        let file = TemplateFiles::get("volunteers/pipeline.html").expect("the pipeline's template");
        let pipeline = String::from_utf8_lossy(&file.data);
        let escaped = "<th>{{ t(key=\"invoice-payer\") }}</th>";
        let mut context = Context::new();
        context.insert(
            "branch",
            &serde_json::json!({"id": 7, "name": "Aarhus & omegn"}),
        );
        context.insert(
            "settings",
            &serde_json::json!({"auto_activate": true, "child_certificate": true}),
        );
        context.insert("total_minutes", &1200);
        context.insert(
            "p",
            &serde_json::json!({
                "applications": [{"id": 1, "name": "Ea", "study_programme": "Medicin",
                    "institution": "AU", "created_at": "2026-03-03T16:00:00", "intro_on": null}],
                "applications_total": 3, "ready": [], "ready_total": 0,
                "training": [{"user_id": 2, "name": "Bo", "status": "in_training", "done_minutes": 600}],
                "training_total": 1, "approved": 0, "in_training": 1, "active": 4,
                "paused": [], "paused_total": 0, "alumni": 2, "rejected": 1,
            }),
        );
        let base = "{% block title %}{% endblock title %}{% block content %}{% endblock content %}";
        for lang in [Lang::Da, Lang::En] {
            for source in [pipeline.as_ref(), escaped] {
                let draw = |source: &str| {
                    let mut tera = engine(lang);
                    tera.add_raw_templates([("base.html", base), ("page.html", source)])
                        .expect("the template parses");
                    tera.render("page.html", &context).expect("the page draws")
                };
                let written_in = plain_texts_written_in(lang, source, true);
                assert_ne!(written_in, source, "{lang:?}: a text is written in");
                assert_eq!(draw(&written_in), draw(source), "{lang:?}");
            }
        }
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
            templates_for(&templates, lang)
                .render_str("{{ at | local_datetime }}", &ctx, true)
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
            templates_for(&templates, lang)
                .render_str("{{ price | money }} / {{ on | day }}", &ctx, true)
                .expect("render")
        };
        assert_eq!(render(Lang::Da), "1.250,00 kr. / 1. april 2026");
        assert_eq!(render(Lang::En), "DKK 1,250.00 / 1 April 2026");
    }

    fn templates_for(t: &Templates, lang: Lang) -> &Tera {
        match lang {
            Lang::Da => &t.da,
            Lang::En => &t.en,
        }
    }
}
