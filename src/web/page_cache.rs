//! Public pages (the GenLær catalogue with any filter, a course, a session,
//! the JSON catalogue) answered from rendered responses: rendering the
//! catalogue costs several times its database work, and every visitor and
//! the NGO's own website ask for the same few pages. Staleness follows
//! `crate::cache`: never older than this instance's last write, at most a
//! second older than another instance's.
//!
//! Only what is the same for everyone who is given it may be shared. An
//! anonymous visitor's page has no form (their language switch is a link,
//! `routes::language::switch_link`), so it is kept whole and answered as
//! it is: no token, no session, no cookie. A signed-in visitor's header
//! has forms (the language switch that also changes the account, logging
//! out), each with the CSRF token of their session, which the CSRF
//! middleware checks like any other. So the page is rendered once with a
//! placeholder where the token goes and kept in parts split at it; each
//! answer puts the visitor's own token between the parts. The gzip copy is
//! kept the same way: each part compressed once into a deflate stream that
//! ends on a byte boundary (a sync flush), so an answer is the parts'
//! bytes with the token between them as stored (uncompressed) blocks, a
//! final empty block, and a CRC combined from the parts' CRCs. No answer
//! compresses anything, and none carries another visitor's token.
//!
//! The ETag is the hash of the page with the placeholder, mixed with the
//! visitor's token: the same bytes give the same tag, so `304 Not
//! Modified` keeps working across re-renders, and a browser that kept a
//! page with an old token (signed out since, so a new session) does not
//! get told that page is still good. HTML is `private, no-cache`: the
//! browser may keep it but asks every time, and no shared cache stores a
//! page with a token in it. The session cookie itself is set by the
//! session middleware as for any page, never stored here.
//!
//! A signed-in visitor shares a catalogue or course page with everyone
//! whose header is the same (the menu their roles give, the banners): the
//! page is drawn with the viewer's roles but without their name, so a
//! template that someday shows it cannot show it to someone else. A
//! session page shows a signed-in visitor their own seat, so it is shared
//! by anonymous visitors only. Nobody with a flash message waiting is
//! served from here: the message is theirs.

use std::sync::{Arc, OnceLock};

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, HeaderName,
    IF_NONE_MATCH, VARY,
};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use super::session;
use crate::cache::{Admit, FreshCache};

/// Rendered public pages by key (`Slot::key`).
pub type PageCache = FreshCache<String, Arc<Rendered>>;

/// Stands where a page's CSRF token goes: random per process, so no
/// content can contain it by accident.
pub fn placeholder() -> &'static str {
    static PLACEHOLDER: OnceLock<String> = OnceLock::new();
    PLACEHOLDER.get_or_init(|| {
        format!(
            "csrf{}",
            crate::auth::token::digest(&crate::auth::token::generate())
        )
    })
}

/// Where a public page's answer is looked up and stored: its key and the
/// write generation read before anything was loaded.
pub struct Slot {
    pub key: String,
    /// The address the page is drawn for (its language switch returns to it).
    pub path_and_query: String,
    pub generation: u64,
    pub admit: Admit,
}

/// One public page as every anonymous visitor gets it.
pub struct Rendered {
    /// The body, split where the visitor's CSRF token goes.
    parts: Vec<Vec<u8>>,
    content_type: &'static str,
    cache_control: &'static str,
    /// Other headers the page always has (CORS on the JSON API).
    headers: Vec<(HeaderName, &'static str)>,
    /// SHA-256 of the parts with the placeholder between them.
    digest: [u8; 32],
    /// Made by the first visitor who asks for gzip.
    gzip: OnceLock<Gzipped>,
}

impl Rendered {
    /// An HTML page rendered with `placeholder()` for its CSRF token.
    pub fn html(body: &str) -> Rendered {
        let parts = body
            .split(placeholder())
            .map(|p| p.as_bytes().to_vec())
            .collect();
        Rendered::new(
            parts,
            "text/html; charset=utf-8",
            "private, no-cache",
            Vec::new(),
        )
    }

    /// A body the same for everyone, signed in or not (no token).
    pub fn public(
        body: Vec<u8>,
        content_type: &'static str,
        cache_control: &'static str,
        headers: Vec<(HeaderName, &'static str)>,
    ) -> Rendered {
        Rendered::new(vec![body], content_type, cache_control, headers)
    }

    fn new(
        parts: Vec<Vec<u8>>,
        content_type: &'static str,
        cache_control: &'static str,
        headers: Vec<(HeaderName, &'static str)>,
    ) -> Rendered {
        let mut hash = Sha256::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                hash.update(placeholder());
            }
            hash.update(part);
        }
        Rendered {
            parts,
            content_type,
            cache_control,
            headers,
            digest: hash.finalize().into(),
            gzip: OnceLock::new(),
        }
    }

    fn has_token(&self) -> bool {
        self.parts.len() > 1
    }

    /// The strong ETag of the page as this visitor gets it.
    fn etag(&self, token: &str) -> String {
        let digest: [u8; 32] = if self.has_token() {
            Sha256::new()
                .chain_update(self.digest)
                .chain_update(token)
                .finalize()
                .into()
        } else {
            self.digest
        };
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"{hex}\"")
    }

    fn body(&self, token: &str) -> Vec<u8> {
        let len =
            self.parts.iter().map(Vec::len).sum::<usize>() + token.len() * (self.parts.len() - 1);
        let mut body = Vec::with_capacity(len);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(token.as_bytes());
            }
            body.extend_from_slice(part);
        }
        body
    }

    /// The answer to `req`: 304 if the browser has this page already, else
    /// the page, gzipped when the browser takes gzip.
    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        let token = if self.has_token() {
            session::csrf_token(&req.get_session())
        } else {
            String::new()
        };
        let etag = self.etag(&token);
        let unchanged = none_match(req, &etag);
        let mut response = HttpResponse::build(if unchanged {
            StatusCode::NOT_MODIFIED
        } else {
            StatusCode::OK
        });
        response
            .insert_header((ETAG, etag.as_str()))
            .insert_header((CACHE_CONTROL, self.cache_control))
            .insert_header((VARY, "Accept-Encoding"));
        for (name, value) in &self.headers {
            response.insert_header((name.clone(), *value));
        }
        if unchanged {
            return response.finish();
        }
        response.insert_header((CONTENT_TYPE, self.content_type));
        if accepts_gzip(req) {
            let gzip = self.gzip.get_or_init(|| Gzipped::new(&self.parts));
            response
                .insert_header((CONTENT_ENCODING, "gzip"))
                .body(gzip.body(&token))
        } else {
            response.body(self.body(&token))
        }
    }
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks
/// for this header).
fn none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers().get_all(IF_NONE_MATCH).any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
        })
    })
}

/// Whether `Accept-Encoding` takes gzip (named, or `*`, without `q=0`).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .any(takes_gzip)
}

fn takes_gzip(header: &str) -> bool {
    header.split(',').any(|item| {
        let mut fields = item.split(';').map(str::trim);
        let coding = fields.next().unwrap_or_default();
        let refused = fields.any(|f| {
            f.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
    })
}

/// A page's parts, each compressed once into raw deflate ending on a byte
/// boundary, with what the gzip trailer needs of each.
struct Gzipped {
    parts: Vec<Vec<u8>>,
    crcs: Vec<crc32fast::Hasher>,
    len: usize,
}

/// gzip's header: deflate, no name, no time, unknown system.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A final stored block with nothing in it: ends the deflate stream.
const FINAL_BLOCK: [u8; 5] = [1, 0, 0, 0xff, 0xff];

impl Gzipped {
    fn new(parts: &[Vec<u8>]) -> Gzipped {
        Gzipped {
            parts: parts.iter().map(|p| deflate_flushed(p)).collect(),
            crcs: parts
                .iter()
                .map(|p| {
                    let mut crc = crc32fast::Hasher::new();
                    crc.update(p);
                    crc
                })
                .collect(),
            len: parts.iter().map(Vec::len).sum(),
        }
    }

    fn body(&self, token: &str) -> Vec<u8> {
        let token = token.as_bytes();
        let mut token_crc = crc32fast::Hasher::new();
        token_crc.update(token);
        let gaps = self.parts.len() - 1;
        let mut out = Vec::with_capacity(
            GZIP_HEADER.len()
                + self.parts.iter().map(Vec::len).sum::<usize>()
                + gaps * (token.len() + 5)
                + FINAL_BLOCK.len()
                + 8,
        );
        out.extend_from_slice(&GZIP_HEADER);
        let mut crc = crc32fast::Hasher::new();
        for (i, (part, part_crc)) in self.parts.iter().zip(&self.crcs).enumerate() {
            if i > 0 {
                stored_block(&mut out, token);
                crc.combine(&token_crc);
            }
            out.extend_from_slice(part);
            crc.combine(part_crc);
        }
        out.extend_from_slice(&FINAL_BLOCK);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        let len = self.len + gaps * token.len();
        // ISIZE is the length modulo 2³².
        out.extend_from_slice(&(len as u32).to_le_bytes());
        out
    }
}

/// `data` as a non-final stored block (at most 64 KiB, as a token is).
fn stored_block(out: &mut Vec<u8>, data: &[u8]) {
    let len = u16::try_from(data.len()).unwrap_or(u16::MAX);
    out.push(0);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(&data[..usize::from(len)]);
}

/// Raw deflate of `data`, ended with a sync flush: byte-aligned, no final
/// block, no reference outside itself, so streams can be put one after
/// another.
fn deflate_flushed(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut compress = Compress::new(Compression::default(), false);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(1024));
        }
        let consumed = (compress.total_in() as usize).min(data.len());
        // miniz reports no error for any input; should it, stop rather than
        // loop (the page would then decode short, which tests would see).
        if compress
            .compress_vec(&data[consumed..], &mut out, FlushCompress::Sync)
            .is_err()
        {
            return out;
        }
        // All taken, and room left over: the flush is complete.
        if compress.total_in() as usize >= data.len() && out.len() < out.capacity() {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .expect("valid gzip");
        text
    }

    fn page(body: &str) -> Rendered {
        Rendered::html(&body.replace("TOKEN", placeholder()))
    }

    #[test]
    fn the_token_goes_between_the_parts() {
        let r = page("<form>TOKEN</form><form>TOKEN</form>");
        assert_eq!(r.parts.len(), 3);
        assert_eq!(r.body("abc"), b"<form>abc</form><form>abc</form>");
        let none = page("<p>no form</p>");
        assert_eq!(none.body("abc"), b"<p>no form</p>");
    }

    #[test]
    fn gzip_spliced_around_tokens_decodes_to_the_same_page() {
        let long = "<li>Kursus i lighed i sundhed</li>".repeat(2000);
        for body in [
            "TOKEN<p>at the start</p>".to_string(),
            "<p>at the end</p>TOKEN".to_string(),
            format!("<header>TOKEN</header>{long}<nav>TOKEN</nav>{long}"),
            "no token at all".to_string(),
            String::new(),
        ] {
            let r = page(&body);
            let gzip = Gzipped::new(&r.parts);
            for token in ["tok-1", "a-much-longer-token_with_other_characters"] {
                assert_eq!(gunzip(&gzip.body(token)), body.replace("TOKEN", token));
            }
        }
        let r = page(&"<li>same again</li>".repeat(500));
        assert!(Gzipped::new(&r.parts).body("").len() < 200, "compressed");
    }

    #[test]
    fn the_etag_follows_the_page_and_the_token() {
        let a = page("<p>a</p>TOKEN");
        let a_again = page("<p>a</p>TOKEN");
        let b = page("<p>b</p>TOKEN");
        assert_eq!(a.etag("t1"), a_again.etag("t1"), "same page, same tag");
        assert_ne!(a.etag("t1"), b.etag("t1"), "changed page, new tag");
        assert_ne!(a.etag("t1"), a.etag("t2"), "another visitor's token");
        assert!(a.etag("t1").starts_with('"') && a.etag("t1").ends_with('"'));
    }

    #[test]
    fn gzip_is_taken_unless_refused() {
        assert!(takes_gzip("gzip"));
        assert!(takes_gzip("gzip, deflate, br"));
        assert!(takes_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(takes_gzip("*"));
        assert!(!takes_gzip("gzip;q=0"));
        assert!(!takes_gzip("identity"));
        assert!(!takes_gzip("br, deflate"));
        assert!(!takes_gzip(""));
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let etag = "\"abc\"";
        let req = |v: &str| {
            actix_web::test::TestRequest::default()
                .insert_header((IF_NONE_MATCH, v))
                .to_http_request()
        };
        assert!(none_match(&req("\"abc\""), etag));
        assert!(none_match(&req("W/\"abc\""), etag));
        assert!(none_match(&req("\"x\", \"abc\""), etag));
        assert!(none_match(&req("*"), etag));
        assert!(!none_match(&req("\"abd\""), etag));
        assert!(!none_match(
            &actix_web::test::TestRequest::default().to_http_request(),
            etag
        ));
    }
}
