//! Turns a `Message` into the subject, plain text and HTML of an email in
//! the recipient's language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use super::{Message, Recipient};
use crate::i18n::{self, Lang};
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
    let lang = Lang::parse(&to.language).unwrap_or_default();
    let fields = serde_json::to_value(message).map_err(tera::Error::json)?;
    let mut ctx = Context::from_value(fields.clone())?;
    ctx.insert("recipient", to);
    ctx.insert("lang", lang.code());
    // The subject may name things from the message ("Kursus: {$course}"):
    // every plain field is offered to the translation as an argument.
    let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    if let serde_json::Value::Object(map) = &fields {
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
    let kind = message.kind();
    Ok(RenderedEmail {
        subject: i18n::t_args(
            lang,
            &format!("email-{}-subject", kind.replace('_', "-")),
            &args,
        ),
        text: templates.render(lang, &format!("emails/{kind}.txt"), &ctx)?,
        html: templates.render(lang, &format!("emails/{kind}.html"), &ctx)?,
    })
}
