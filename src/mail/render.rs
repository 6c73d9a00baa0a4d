//! Turns a `Message` into the subject, plain text and HTML of an email in
//! the recipient's language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use crate::domain::events::{Message, Recipient};
use crate::i18n;
use crate::templates::Templates;

#[derive(Debug, Clone, Serialize)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub fn render(
    templates: &Templates,
    to: &Recipient,
    message: &Message,
) -> Result<RenderedEmail, tera::Error> {
    let lang = to.language;
    let fields =
        serde_json::to_value(message).map_err(|e| tera::Error::chain("the message as JSON", e))?;
    let mut ctx = Context::from_serialize(&fields)?;
    ctx.insert("recipient", to);
    ctx.insert("lang", lang.code());
    let kind = message.kind();
    Ok(RenderedEmail {
        subject: subject_of(to, message, &fields),
        text: templates.render(lang, &format!("emails/{kind}.txt"), &ctx)?,
        html: templates.render(lang, &format!("emails/{kind}.html"), &ctx)?,
    })
}

/// The subject alone, as `render` writes it: what retention keeps of a
/// message whose body it clears.
pub fn subject(to: &Recipient, message: &Message) -> Option<String> {
    let fields = serde_json::to_value(message).ok()?;
    Some(subject_of(to, message, &fields))
}

fn subject_of(to: &Recipient, message: &Message, fields: &serde_json::Value) -> String {
    // The subject may name things from the message ("Kursus: {$course}"):
    // every plain field is offered to the translation as an argument.
    let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    if let serde_json::Value::Object(map) = fields {
        // Nested records offer their plain fields too, as `session_title`.
        for (k, v) in map {
            if let serde_json::Value::Object(inner) = v {
                for (ik, iv) in inner {
                    if let serde_json::Value::String(s) = iv {
                        args.insert(
                            Cow::Owned(format!("{k}_{ik}")),
                            FluentValue::from(s.clone()),
                        );
                    }
                }
            }
        }
        for (k, v) in map {
            match v {
                serde_json::Value::String(s) => {
                    args.insert(Cow::Owned(k.clone()), FluentValue::from(s.clone()));
                }
                serde_json::Value::Array(items) => {
                    let joined: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
                    args.insert(Cow::Owned(k.clone()), FluentValue::from(joined.join(", ")));
                }
                serde_json::Value::Number(n) => {
                    args.insert(
                        Cow::Owned(k.clone()),
                        FluentValue::from(n.as_f64().unwrap_or_default()),
                    );
                }
                _ => {}
            }
        }
    }
    i18n::t_args(
        to.language,
        &format!("email-{}-subject", message.kind().replace('_', "-")),
        &args,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Code;
    use crate::domain::events::samples;

    fn to(lang: &str) -> Recipient {
        Recipient {
            user_id: Some(1),
            email: "aase@example.dk".into(),
            name: "Åse Ørum".into(),
            language: crate::domain::Lang::parse(lang).expect("a language code"),
        }
    }

    #[test]
    fn every_message_renders_in_both_languages() {
        let templates = Templates::load().expect("templates");
        let kinds: std::collections::BTreeSet<&str> = samples().iter().map(Message::kind).collect();
        let with_templates = crate::templates::TemplateFiles::iter()
            .filter(|n| n.starts_with("emails/") && n.ends_with(".txt"))
            .filter(|n| !n.contains("/_") && !n.ends_with("layout.txt"))
            .count();
        assert_eq!(kinds.len(), with_templates, "one sample per email template");
        for message in samples() {
            for lang in ["da", "en"] {
                let email = render(&templates, &to(lang), &message).expect("renders");
                for part in [&email.subject, &email.text, &email.html] {
                    assert!(
                        !part.contains("email-"),
                        "{} ({lang}) has an untranslated key: {part}",
                        message.kind()
                    );
                }
                assert!(email.text.contains("Åse Ørum"), "greets by name");
            }
        }
    }

    #[test]
    fn session_emails_show_copenhagen_time_after_a_daylight_saving_change() {
        let templates = Templates::load().expect("templates");
        let enrolled = samples()
            .into_iter()
            .find(|m| m.kind() == "enrolled")
            .expect("sample");
        let email = render(&templates, &to("da"), &enrolled).expect("renders");
        // 07:00 UTC on 30 March 2026 is 09:00 summer time.
        assert!(
            email
                .text
                .contains("mandag den 30. marts 2026 kl. 09.00–12.00"),
            "{}",
            email.text
        );
        assert_eq!(
            email.subject,
            "Tilmeldt: LGBT+ venlig praksis i sundhedsvæsenet"
        );
    }
}
