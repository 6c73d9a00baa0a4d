//! One-page PDF documents (course certificates): centred lines of text in
//! the house style, with DejaVu Sans embedded so that æ, ø and å print the
//! same everywhere and the file works offline and years later.
//!
//! The font is embedded whole as a simple TrueType font with WinAnsi
//! encoding (which holds every Danish letter), so no shaping or subsetting
//! library is needed. Bold is drawn by stroking the outline.

use std::sync::OnceLock;

use pdf_writer::types::{FontFlags, TextRenderingMode};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const FONT: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const FIRST_CHAR: u8 = 32;

/// A4 portrait, in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 72.0;
const PLUM: (f32, f32, f32) = (0.478, 0.180, 0.302);

/// One line (or paragraph, wrapped to the page) of a document.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub plum: bool,
    /// Space above the line, in points.
    pub space_before: f32,
}

impl Line {
    pub fn new(text: impl Into<String>, size: f32) -> Line {
        Line {
            text: text.into(),
            size,
            bold: false,
            plum: false,
            space_before: size * 0.6,
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
}

/// What the font says about itself, read once.
struct Metrics {
    /// Advance widths of codes 32..=255, in thousandths of the font size.
    widths: Vec<f32>,
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    compressed: Vec<u8>,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(FONT, 0).ok();
        let per_em = face
            .as_ref()
            .map_or(2048.0, |f| f32::from(f.units_per_em()));
        let scale = |v: f32| v * 1000.0 / per_em;
        let widths = (FIRST_CHAR..=255)
            .map(|code| {
                let advance = face.as_ref().and_then(|f| {
                    let gid = f.glyph_index(win_ansi_char(code))?;
                    f.glyph_hor_advance(gid)
                });
                scale(f32::from(advance.unwrap_or(1229)))
            })
            .collect();
        let (bbox, ascent, descent, cap_height) = match &face {
            Some(f) => {
                let b = f.global_bounding_box();
                (
                    Rect::new(
                        scale(f32::from(b.x_min)),
                        scale(f32::from(b.y_min)),
                        scale(f32::from(b.x_max)),
                        scale(f32::from(b.y_max)),
                    ),
                    scale(f32::from(f.ascender())),
                    scale(f32::from(f.descender())),
                    scale(f32::from(f.capital_height().unwrap_or(1493))),
                )
            }
            None => (
                Rect::new(-1021.0, -463.0, 1793.0, 1232.0),
                928.0,
                -236.0,
                729.0,
            ),
        };
        Metrics {
            widths,
            bbox,
            ascent,
            descent,
            cap_height,
            compressed: miniz_oxide::deflate::compress_to_vec_zlib(FONT, 6),
        }
    })
}

/// The character a WinAnsi (Windows-1252) code stands for.
fn win_ansi_char(code: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match code {
        0x80..=0x9f => HIGH[usize::from(code - 0x80)],
        _ => char::from(code),
    }
}

/// Text in WinAnsi bytes; characters it lacks become "?".
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            0x20..=0x7e | 0xa0..=0xff => c as u8,
            _ => (0x80..=0x9f_u8)
                .find(|code| win_ansi_char(*code) == c)
                .unwrap_or(b'?'),
        })
        .collect()
}

fn text_width(bytes: &[u8], size: f32) -> f32 {
    let m = metrics();
    bytes
        .iter()
        .map(|b| {
            m.widths
                .get(usize::from(b.saturating_sub(FIRST_CHAR)))
                .copied()
                .unwrap_or(600.0)
        })
        .sum::<f32>()
        * size
        / 1000.0
}

/// Breaks a line into pieces that fit the page, at spaces.
fn wrap(text: &str, size: f32, max: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&win_ansi(&candidate), size) > max {
            lines.push(win_ansi(&current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(win_ansi(&current));
    }
    lines
}

/// A one-page document: a frame, the lines centred from the top, and the
/// document's title and author in its properties.
pub fn document(title: &str, author: &str, lines: &[Line]) -> Vec<u8> {
    let m = metrics();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let font_id = Ref::new(4);
    let descriptor = Ref::new(5);
    let font_file = Ref::new(6);
    let contents = Ref::new(7);
    let info = Ref::new(8);
    let font_name = Name(b"F1");

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
    page.parent(tree);
    page.contents(contents);
    page.resources().fonts().pair(font_name, font_id);
    page.finish();
    pdf.document_info(info)
        .title(TextStr(title))
        .author(TextStr(author))
        .creator(TextStr("Brobyg"));

    let mut font = pdf.indirect(font_id).dict();
    font.pair(Name(b"Type"), Name(b"Font"));
    font.pair(Name(b"Subtype"), Name(b"TrueType"));
    font.pair(Name(b"BaseFont"), Name(b"DejaVuSans"));
    font.pair(Name(b"FirstChar"), i32::from(FIRST_CHAR));
    font.pair(Name(b"LastChar"), 255);
    font.insert(Name(b"Widths"))
        .array()
        .items(m.widths.iter().copied());
    font.pair(Name(b"Encoding"), Name(b"WinAnsiEncoding"));
    font.pair(Name(b"FontDescriptor"), descriptor);
    font.finish();
    pdf.font_descriptor(descriptor)
        .name(Name(b"DejaVuSans"))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(m.bbox)
        .italic_angle(0.0)
        .ascent(m.ascent)
        .descent(m.descent)
        .cap_height(m.cap_height)
        .stem_v(80.0)
        .font_file2(font_file);
    pdf.stream(font_file, &m.compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), FONT.len() as i32);

    let mut content = Content::new();
    // Frame: a plum border inside the margin.
    content
        .set_stroke_rgb(PLUM.0, PLUM.1, PLUM.2)
        .set_line_width(3.0)
        .rect(36.0, 36.0, WIDTH - 72.0, HEIGHT - 72.0)
        .stroke()
        .set_line_width(0.8)
        .rect(44.0, 44.0, WIDTH - 88.0, HEIGHT - 88.0)
        .stroke();
    let mut y = HEIGHT - MARGIN - 30.0;
    for line in lines {
        y -= line.space_before;
        for piece in wrap(&line.text, line.size, WIDTH - 2.0 * MARGIN) {
            y -= line.size;
            let x = (WIDTH - text_width(&piece, line.size)) / 2.0;
            let (r, g, b) = if line.plum { PLUM } else { (0.11, 0.11, 0.11) };
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
            content.next_line(x, y);
            content.show(Str(&piece));
            content.end_text();
            y -= line.size * 0.35;
        }
    }
    // Left uncompressed: a few hundred bytes, and readable by tests.
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_have_their_windows_codes() {
        assert_eq!(
            win_ansi("æøå ÆØÅ"),
            vec![0xe6, 0xf8, 0xe5, 0x20, 0xc6, 0xd8, 0xc5]
        );
        assert_eq!(win_ansi("1–2 €"), vec![b'1', 0x96, b'2', b' ', 0x80]);
        assert_eq!(win_ansi("日"), b"?".to_vec());
    }

    #[test]
    fn the_embedded_font_has_the_danish_letters() {
        let face = ttf_parser::Face::parse(FONT, 0).expect("font parses");
        for c in "æøåÆØÅ–".chars() {
            assert!(face.glyph_index(c).is_some(), "{c}");
        }
        let w = metrics();
        assert_eq!(w.widths.len(), 224);
        assert!(text_width(b"Kursusbevis", 12.0) > 50.0);
    }

    #[test]
    fn a_document_is_a_pdf_with_the_text_in_its_page() {
        let bytes = document(
            "Kursusbevis",
            "Social Sundhed",
            &[
                Line::new("Kursusbevis", 30.0).bold(),
                Line::new("ABCD-EFGH-JKMN", 11.0),
            ],
        );
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("(ABCD-EFGH-JKMN) Tj"));
        assert!(text.contains("/FontFile2"));
        assert!(text.trim_end().ends_with("%%EOF"));
    }

    #[test]
    fn long_lines_wrap_inside_the_margins() {
        let long = "Social ulighed i sundhed for visitatorer ved Præhospitalet i Region Midtjylland og andre";
        let pieces = wrap(long, 20.0, WIDTH - 2.0 * MARGIN);
        assert!(pieces.len() > 1);
        for p in pieces {
            assert!(text_width(&p, 20.0) <= WIDTH - 2.0 * MARGIN);
        }
    }
}
