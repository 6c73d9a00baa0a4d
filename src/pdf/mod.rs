//! Short PDF documents (course certificates): centred lines of text in the
//! house style, with DejaVu Sans embedded so that æ, ø and å print the same
//! everywhere and the file works offline and years later.
//!
//! Only the glyphs a document uses are embedded (`subsetter`, typst's
//! subsetter), as a CID font addressed by glyph id with a `ToUnicode` map,
//! so a document is a few tens of kilobytes and its text can be copied,
//! searched and read aloud. Bold is drawn by stroking the outline.
//!
//! Tagged for screen readers in the spirit of PDF/UA: title (shown as the
//! window title) and language in the catalogue, the info dictionary and
//! XMP; a structure tree (Document with H1, H2, P and lists) in reading
//! order, every text run a marked-content item of its element, the frame
//! and rules marked as artifacts. Not done: no claim of PDF/UA
//! conformance (no `pdfuaid` in the XMP, no validation against the Matterhorn
//! protocol), no font-level `ActualText`, and kerning and shaping are left
//! out (the text is laid out glyph by glyph).

pub mod invoice;

use std::collections::BTreeSet;

use pdf_writer::types::{
    CidFontType, FontFlags, StructRole, SystemInfo, TabOrder, TextRenderingMode, UnicodeCmap,
};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

const FONT: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
/// The name of the embedded subset (six letters and `+`, as PDF wants).
const FONT_NAME: &[u8] = b"BROBYG+DejaVuSans";

/// A4 portrait, in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 72.0;
/// The lowest baseline on a page; below it the text goes on a new page.
const BOTTOM: f32 = 64.0;
/// List items are indented from the left margin by this much.
const INDENT: f32 = 90.0;
const PLUM: (f32, f32, f32) = (0.478, 0.180, 0.302);
const INK: (f32, f32, f32) = (0.11, 0.11, 0.11);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the embedded font does not parse: {0}")]
    Font(#[from] ttf_parser::FaceParsingError),
    #[error("the embedded font cannot be subset: {0}")]
    Subset(#[from] subsetter::Error),
}

/// What a line is, for the structure tree that screen readers follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document's heading (`H1`).
    Title,
    /// A section heading (`H2`).
    Heading,
    /// A paragraph (`P`).
    Paragraph,
    /// An entry of a bulleted list; neighbouring entries form one list.
    Item,
}

/// One line (or paragraph, wrapped to the page) of a document.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub plum: bool,
    /// Space above the line, in points.
    pub space_before: f32,
    pub role: Role,
    /// A rule to sign on is drawn above the text.
    pub signature: bool,
    /// The language of this text when it differs from the document's
    /// (Danish course text in an English certificate).
    pub lang: Option<&'static str>,
}

impl Line {
    pub fn new(text: impl Into<String>, size: f32) -> Line {
        Line {
            text: text.into(),
            size,
            bold: false,
            plum: false,
            space_before: size * 0.6,
            role: Role::Paragraph,
            signature: false,
            lang: None,
        }
    }

    pub fn bold(mut self) -> Line {
        self.bold = true;
        self
    }

    pub fn plum(mut self) -> Line {
        self.plum = true;
        self
    }

    pub fn space(mut self, points: f32) -> Line {
        self.space_before = points;
        self
    }

    pub fn role(mut self, role: Role) -> Line {
        self.role = role;
        self
    }

    pub fn lang(mut self, lang: Option<&'static str>) -> Line {
        self.lang = lang;
        self
    }

    /// A signature line: a rule to sign on above the text (who signs).
    pub fn signature(mut self) -> Line {
        self.signature = true;
        self
    }
}

/// The document as a whole: its properties and its lines.
pub struct Document<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// The language of the text, as a BCP 47 tag ("da", "en").
    pub lang: &'a str,
    pub lines: &'a [Line],
}

/// The font as the layout needs it.
struct Font<'a> {
    face: Face<'a>,
    per_em: f32,
}

impl<'a> Font<'a> {
    fn parse() -> Result<Font<'a>, Error> {
        let face = Face::parse(FONT, 0)?;
        let per_em = f32::from(face.units_per_em());
        Ok(Font { face, per_em })
    }

    /// The character as printed: one the font lacks becomes "?".
    fn printable(&self, c: char) -> char {
        if self.face.glyph_index(c).is_some() {
            c
        } else {
            '?'
        }
    }

    fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    fn scale(&self, units: f32) -> f32 {
        units * 1000.0 / self.per_em
    }

    /// Advance of a glyph in thousandths of the font size.
    fn advance(&self, glyph: GlyphId) -> f32 {
        self.scale(f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)))
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// Breaks a line into pieces that fit `max` points, at spaces.
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let text: String = text.chars().map(|c| self.printable(c)).collect();
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.width(&candidate, size) > max {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }
}

/// One piece of text placed on a page.
struct Placed {
    /// Index of its `Line`.
    line: usize,
    text: String,
    x: f32,
    y: f32,
}

/// The pages, each with the pieces on it, top to bottom.
fn layout(font: &Font<'_>, lines: &[Line]) -> Vec<Vec<Placed>> {
    let mut pages = vec![Vec::new()];
    let top = HEIGHT - MARGIN - 30.0;
    let mut y = top;
    for (index, line) in lines.iter().enumerate() {
        let item = line.role == Role::Item;
        let max = if item {
            WIDTH - 2.0 * (MARGIN + INDENT)
        } else {
            WIDTH - 2.0 * MARGIN
        };
        let extra = if line.signature { 30.0 } else { 0.0 };
        y -= line.space_before + extra;
        for piece in font.wrap(&line.text, line.size, max) {
            y -= line.size;
            if y < BOTTOM {
                pages.push(Vec::new());
                y = top - line.size;
            }
            let x = if item {
                MARGIN + INDENT
            } else {
                (WIDTH - font.width(&piece, line.size)) / 2.0
            };
            if let Some(page) = pages.last_mut() {
                page.push(Placed {
                    line: index,
                    text: piece,
                    x,
                    y,
                });
            }
            y -= line.size * 0.35;
        }
    }
    pages
}

/// Allocates object ids in order.
struct Ids(i32);

impl Ids {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// A structure element: its role, and the marked-content items (page
/// index, MCID) or child elements it holds.
struct Element {
    id: Ref,
    role: StructRole,
    lang: Option<&'static str>,
    parent: Ref,
    marks: Vec<(usize, i32)>,
    children: Vec<Ref>,
}

/// Writes the document: A4 pages with a frame, the lines centred from the
/// top (list items left-aligned), the fonts' used glyphs, and the tags.
pub fn document(doc: &Document<'_>) -> Result<Vec<u8>, Error> {
    let font = Font::parse()?;
    let pages = layout(&font, doc.lines);

    // The glyphs used, renumbered for the subset; the bullet too.
    let bullet = font.printable('•');
    let used: BTreeSet<u16> = pages
        .iter()
        .flatten()
        .flat_map(|p| p.text.chars())
        .chain([bullet])
        .map(|c| font.glyph(c).0)
        .collect();
    let mut remapper = GlyphRemapper::new();
    for gid in &used {
        remapper.remap(*gid);
    }
    let encode = |text: &str| -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let gid = font.glyph(c).0;
                remapper.get(gid).unwrap_or(0).to_be_bytes()
            })
            .collect()
    };

    let mut ids = Ids(0);
    let catalog = ids.next();
    let tree = ids.next();
    let type0 = ids.next();
    let cid_font = ids.next();
    let descriptor = ids.next();
    let font_file = ids.next();
    let to_unicode = ids.next();
    let info = ids.next();
    let xmp = ids.next();
    let struct_root = ids.next();
    let document_element = ids.next();
    let page_ids: Vec<Ref> = pages.iter().map(|_| ids.next()).collect();
    let content_ids: Vec<Ref> = pages.iter().map(|_| ids.next()).collect();
    let font_name = Name(b"F1");

    // The structure: one element per line (lists grouped as L > LI >
    // LBody), in the order of the lines, which is the reading order.
    let mut elements: Vec<Element> = Vec::new();
    let mut top_level: Vec<Ref> = Vec::new();
    let mut element_of_line: Vec<usize> = Vec::with_capacity(doc.lines.len());
    let mut open_list: Option<usize> = None;
    for line in doc.lines {
        if line.role == Role::Item {
            let list = match open_list {
                Some(l) => l,
                None => {
                    let id = ids.next();
                    top_level.push(id);
                    elements.push(Element {
                        id,
                        role: StructRole::L,
                        lang: None,
                        parent: document_element,
                        marks: Vec::new(),
                        children: Vec::new(),
                    });
                    open_list = Some(elements.len() - 1);
                    elements.len() - 1
                }
            };
            let list_id = elements[list].id;
            let item = ids.next();
            let body = ids.next();
            elements[list].children.push(item);
            elements.push(Element {
                id: item,
                role: StructRole::LI,
                lang: None,
                parent: list_id,
                marks: Vec::new(),
                children: vec![body],
            });
            elements.push(Element {
                id: body,
                role: StructRole::LBody,
                lang: line.lang,
                parent: item,
                marks: Vec::new(),
                children: Vec::new(),
            });
            element_of_line.push(elements.len() - 1);
        } else {
            open_list = None;
            let id = ids.next();
            top_level.push(id);
            elements.push(Element {
                id,
                role: match line.role {
                    Role::Title => StructRole::H1,
                    Role::Heading => StructRole::H2,
                    _ => StructRole::P,
                },
                lang: line.lang,
                parent: document_element,
                marks: Vec::new(),
                children: Vec::new(),
            });
            element_of_line.push(elements.len() - 1);
        }
    }

    let mut pdf = Pdf::new();
    let mut contents = Vec::with_capacity(pages.len());
    // For each page, the element of each MCID (the parent tree).
    let mut parents: Vec<Vec<Ref>> = Vec::with_capacity(pages.len());
    for (page_index, placed) in pages.iter().enumerate() {
        let mut content = Content::new();
        let mut marks = Vec::new();
        content.begin_marked_content(Name(b"Artifact"));
        content
            .set_stroke_rgb(PLUM.0, PLUM.1, PLUM.2)
            .set_line_width(3.0)
            .rect(36.0, 36.0, WIDTH - 72.0, HEIGHT - 72.0)
            .stroke()
            .set_line_width(0.8)
            .rect(44.0, 44.0, WIDTH - 88.0, HEIGHT - 88.0)
            .stroke();
        content.end_marked_content();
        let mut previous_line = None;
        for piece in placed {
            let line = &doc.lines[piece.line];
            let first_piece = previous_line != Some(piece.line);
            previous_line = Some(piece.line);
            let (r, g, b) = if line.plum { PLUM } else { INK };
            if first_piece && (line.signature || line.role == Role::Item) {
                content.begin_marked_content(Name(b"Artifact"));
                if line.signature {
                    let half = 110.0;
                    let y = piece.y + line.size + 8.0;
                    content
                        .set_stroke_rgb(INK.0, INK.1, INK.2)
                        .set_line_width(0.6)
                        .move_to(WIDTH / 2.0 - half, y)
                        .line_to(WIDTH / 2.0 + half, y)
                        .stroke();
                }
                if line.role == Role::Item {
                    content
                        .begin_text()
                        .set_font(font_name, line.size)
                        .set_fill_rgb(r, g, b)
                        .set_text_rendering_mode(TextRenderingMode::Fill)
                        .next_line(piece.x - line.size, piece.y)
                        .show(Str(&encode(&bullet.to_string())))
                        .end_text();
                }
                content.end_marked_content();
            }
            let element = element_of_line[piece.line];
            let mcid = marks.len() as i32;
            marks.push(elements[element].id);
            elements[element].marks.push((page_index, mcid));
            content
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .identify(mcid);
            content.begin_text();
            content.set_font(font_name, line.size);
            content.set_fill_rgb(r, g, b);
            if line.bold {
                content
                    .set_stroke_rgb(r, g, b)
                    .set_line_width(line.size / 30.0)
                    .set_text_rendering_mode(TextRenderingMode::FillStroke);
            } else {
                content.set_text_rendering_mode(TextRenderingMode::Fill);
            }
            content.next_line(piece.x, piece.y);
            content.show(Str(&encode(&piece.text)));
            content.end_text();
            content.end_marked_content();
        }
        contents.push(content.finish());
        parents.push(marks);
    }

    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(tree);
        cat.lang(TextStr(doc.lang));
        cat.metadata(xmp);
        cat.mark_info().marked(true);
        cat.insert(Name(b"StructTreeRoot")).primitive(struct_root);
        cat.viewer_preferences().display_doc_title(true);
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    for (index, (&page_id, &content_id)) in page_ids.iter().zip(&content_ids).enumerate() {
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
        page.parent(tree);
        page.contents(content_id);
        page.struct_parents(index as i32);
        page.tab_order(TabOrder::StructureOrder);
        page.resources().fonts().pair(font_name, type0);
        page.finish();
    }
    // Left uncompressed: a few kilobytes, and readable by tests.
    for (&content_id, content) in content_ids.iter().zip(&contents) {
        pdf.stream(content_id, content);
    }

    {
        let mut root = pdf.indirect(struct_root).start::<StructTreeRoot>();
        root.child(document_element);
        // Each page's MCIDs to their elements, in MCID order.
        let mut tree = root.insert(Name(b"ParentTree")).dict();
        let mut nums = tree.insert(Name(b"Nums")).array();
        for (index, marks) in parents.iter().enumerate() {
            nums.item(index as i32);
            nums.push().array().items(marks.iter().copied());
        }
        nums.finish();
        tree.finish();
        root.parent_tree_next_key(parents.len() as i32);
    }
    pdf.struct_element(document_element)
        .kind(StructRole::Document)
        .parent(struct_root)
        .lang(TextStr(doc.lang))
        .children()
        .items(top_level.iter().copied());
    for element in &elements {
        let mut el = pdf.struct_element(element.id);
        el.kind(element.role).parent(element.parent);
        if let Some(lang) = element.lang {
            el.lang(TextStr(lang));
        }
        let first_page = element.marks.first().map(|(page, _)| *page);
        if let Some(page) = first_page {
            el.page(page_ids[page]);
        }
        let mut kids = el.children();
        for child in &element.children {
            kids.struct_element(*child);
        }
        for (page, mcid) in &element.marks {
            if Some(*page) == first_page {
                kids.marked_content_id(*mcid);
            } else {
                // Continued on a later page: say which.
                kids.marked_content_ref()
                    .marked_content_id(*mcid)
                    .page(page_ids[*page]);
            }
        }
    }

    pdf.document_info(info)
        .title(TextStr(doc.title))
        .author(TextStr(doc.author))
        .creator(TextStr("Brobyg"))
        .producer(TextStr("Brobyg"));
    let metadata = xmp_packet(doc);
    pdf.metadata(xmp, metadata.as_bytes());

    // The font: a Type 0 font over a CID font whose CIDs are the subset's
    // glyph ids, with a ToUnicode map back to the characters.
    let subset = subsetter::subset(FONT, 0, &remapper)?;
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
    let widths: Vec<f32> = remapper
        .remapped_gids()
        .map(|gid| font.advance(GlyphId(gid)))
        .collect();
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(FONT_NAME))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    pdf.cid_font(cid_font)
        .subtype(CidFontType::Type2)
        .base_font(Name(FONT_NAME))
        .system_info(system_info)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"))
        .widths()
        .consecutive(0, widths);
    let face = &font.face;
    let b = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(Name(FONT_NAME))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            font.scale(f32::from(b.x_min)),
            font.scale(f32::from(b.y_min)),
            font.scale(f32::from(b.x_max)),
            font.scale(f32::from(b.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(font.scale(f32::from(face.ascender())))
        .descent(font.scale(f32::from(face.descender())))
        .cap_height(font.scale(f32::from(face.capital_height().unwrap_or(1493))))
        .stem_v(80.0)
        .font_file2(font_file);
    pdf.stream(font_file, &compressed)
        .filter(Filter::FlateDecode);
    let mut cmap = UnicodeCmap::new(Name(b"Brobyg-UTF16"), system_info);
    let mut seen = BTreeSet::new();
    for c in pages
        .iter()
        .flatten()
        .flat_map(|p| p.text.chars())
        .chain([bullet])
    {
        if let Some(new) = remapper.get(font.glyph(c).0)
            && seen.insert(new)
        {
            cmap.pair(new, c);
        }
    }
    pdf.cmap(to_unicode, &cmap.finish());
    Ok(pdf.finish())
}

/// The XMP metadata packet: title, author and language where PDF/UA
/// readers look for them.
fn xmp_packet(doc: &Document<'_>) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let (title, author, lang) = (esc(doc.title), esc(doc.author), esc(doc.lang));
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<dc:format>application/pdf</dc:format>
<pdf:Producer>Brobyg</pdf:Producer>
<xmp:CreatorTool>Brobyg</xmp:CreatorTool>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(lines: &[Line]) -> Vec<u8> {
        document(&Document {
            title: "Kursusbevis",
            author: "Social Sundhed",
            lang: "da",
            lines,
        })
        .expect("pdf")
    }

    #[test]
    fn the_embedded_font_has_the_danish_letters() {
        let font = Font::parse().expect("font parses");
        for c in "æøåÆØÅ–•".chars() {
            assert_eq!(font.printable(c), c, "{c}");
        }
        assert_eq!(font.printable('\u{e000}'), '?');
        assert!(font.width("Kursusbevis", 12.0) > 50.0);
    }

    #[test]
    fn a_document_embeds_only_the_glyphs_it_uses() {
        let bytes = sample(&[
            Line::new("Kursusbevis", 30.0).bold().role(Role::Title),
            Line::new("Åse Ørum", 20.0),
        ]);
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 30_000, "{} bytes", bytes.len());
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/FontFile2"));
        assert!(text.contains("/ToUnicode"));
        assert!(text.contains("BROBYG+DejaVuSans"));
        assert!(text.trim_end().ends_with("%%EOF"));
    }

    #[test]
    fn a_document_is_tagged_with_title_language_and_structure() {
        let bytes = sample(&[
            Line::new("Kursusbevis", 30.0).role(Role::Title),
            Line::new("Læringsmål", 14.0).role(Role::Heading),
            Line::new("at forstå", 11.0).role(Role::Item),
            Line::new("at møde", 11.0).role(Role::Item).lang(Some("da")),
            Line::new("Social Sundhed Aarhus", 11.0).signature(),
        ]);
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            "/Lang (da)",
            "/MarkInfo",
            "/Marked true",
            "/StructTreeRoot",
            "/DisplayDocTitle true",
            "/S /Document",
            "/S /H1",
            "/S /H2",
            "/S /L",
            "/S /LI",
            "/S /LBody",
            "/S /P",
            "/Title (Kursusbevis)",
            "<dc:title>",
            "/Artifact BMC",
            "/Span <<",
        ] {
            assert!(text.contains(needle), "{needle}");
        }
        assert_eq!(text.matches("/S /LI\n").count(), 2, "one list of two");
        // The catalogue, the Document element and the item marked Danish.
        assert_eq!(text.matches("/Lang (da)").count(), 3);
    }

    #[test]
    fn long_lines_wrap_inside_the_margins() {
        let font = Font::parse().expect("font");
        let long = "Social ulighed i sundhed for visitatorer ved Præhospitalet i Region Midtjylland og andre";
        let pieces = font.wrap(long, 20.0, WIDTH - 2.0 * MARGIN);
        assert!(pieces.len() > 1);
        for p in pieces {
            assert!(font.width(&p, 20.0) <= WIDTH - 2.0 * MARGIN);
        }
    }

    #[test]
    fn text_past_the_bottom_goes_on_a_second_page() {
        let font = Font::parse().expect("font");
        let lines: Vec<Line> = (0..40)
            .map(|i| Line::new(format!("Mål nummer {i}"), 11.0).role(Role::Item))
            .collect();
        let pages = layout(&font, &lines);
        assert_eq!(pages.len(), 2);
        assert!(pages.iter().flatten().all(|p| p.y >= BOTTOM));
        let bytes = sample(&lines);
        assert!(String::from_utf8_lossy(&bytes).contains("/Count 2"));
    }
}
