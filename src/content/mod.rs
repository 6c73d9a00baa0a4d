//! Texts the site publishes from `course-material/`: Markdown files with
//! TOML front matter, embedded in the binary. Also turns Markdown typed by
//! coordinators into safe HTML.

pub mod courses;
pub mod preparation;

use rust_embed::RustEmbed;
use serde::de::DeserializeOwned;

#[derive(RustEmbed)]
#[folder = "course-material/"]
pub struct MaterialFiles;

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{file}: no front matter between +++ lines")]
    NoFrontMatter { file: String },
    #[error("{file}: bad front matter: {source}")]
    BadFrontMatter {
        file: String,
        #[source]
        source: toml::de::Error,
    },
}

/// A parsed file: its front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Document<T> {
    pub path: String,
    pub meta: T,
    pub body: String,
}

/// Splits `+++`-delimited TOML front matter from the Markdown body.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<Document<T>, ContentError> {
    let no_front = || ContentError::NoFrontMatter {
        file: path.to_string(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(no_front)?;
    let end = rest.find("\n+++").ok_or_else(no_front)?;
    let (front, body) = rest.split_at(end);
    let body = body
        .trim_start_matches("\n+++")
        .trim_start_matches(['\r', '\n']);
    let meta = toml::from_str(front).map_err(|source| ContentError::BadFrontMatter {
        file: path.to_string(),
        source,
    })?;
    Ok(Document {
        path: path.to_string(),
        meta,
        body: body.to_string(),
    })
}

/// Every Markdown file under `folder` (e.g. "genlaer/"), parsed, in file
/// name order.
pub fn load_folder<T: DeserializeOwned>(folder: &str) -> Result<Vec<Document<T>>, ContentError> {
    let mut names: Vec<String> = MaterialFiles::iter()
        .filter(|n| n.starts_with(folder) && n.ends_with(".md"))
        .map(|n| n.into_owned())
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|name| MaterialFiles::get(name).map(|f| (name, f)))
        .map(|(name, file)| parse(name, &String::from_utf8_lossy(&file.data)))
        .collect()
}

/// Markdown to HTML that is safe to put in a page: raw HTML and scripts in
/// the source are cleaned away, links get `rel="noopener noreferrer"`.
pub fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::clean(&unsafe_html)
}

/// The plain text of each paragraph and list item of a Markdown text, in
/// order, for documents that are not HTML (a certificate's learning goals).
pub fn markdown_blocks(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            // A nested list starts a new block; its item's text so far is one.
            Event::Start(Tag::Item | Tag::List(_))
            | Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_)) => {
                flush(&mut current)
            }
            _ => {}
        }
    }
    flush(&mut current);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Meta {
        id: String,
        hours: f64,
    }

    #[test]
    fn front_matter_and_body_are_split() {
        let doc: Document<Meta> = parse(
            "x.md",
            "+++\nid = \"rolle\"\nhours = 2.5\n+++\n\n# Rolle\n\nTekst.\n",
        )
        .expect("parses");
        assert_eq!(
            doc.meta,
            Meta {
                id: "rolle".into(),
                hours: 2.5
            }
        );
        assert_eq!(doc.body, "# Rolle\n\nTekst.\n");
    }

    #[test]
    fn missing_or_broken_front_matter_names_the_file() {
        let err = parse::<Meta>("a.md", "# Ingen front matter").expect_err("refused");
        assert_eq!(err.to_string(), "a.md: no front matter between +++ lines");
        let err = parse::<Meta>("b.md", "+++\nid = 3\n+++\n").expect_err("refused");
        assert!(err.to_string().starts_with("b.md: bad front matter"));
    }

    #[test]
    fn markdown_becomes_safe_html() {
        let html = markdown_to_html("**Fed** og <script>alert(1)</script> [link](https://x.dk)");
        assert!(html.contains("<strong>Fed</strong>"));
        assert!(!html.contains("<script"));
        assert!(html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn markdown_blocks_are_the_plain_paragraphs_and_items() {
        let md = "Efter kurset kan du:\n\n- forstå **social** ulighed\n  i sundhed\n- møde borgeren\n  - hvor hun er\n\n# Mere\n";
        assert_eq!(
            markdown_blocks(md),
            vec![
                "Efter kurset kan du:",
                "forstå social ulighed i sundhed",
                "møde borgeren",
                "hvor hun er",
                "Mere"
            ]
        );
        assert!(markdown_blocks("  \n").is_empty());
    }
}
