//! The benchmark's yardstick (`scripts/bench.sh`): the least an actix-web
//! server can do per request on this machine, a fixed HTML page of about
//! the catalogue's size with no database, templates, session or logging.
//! Brobyg's pages are reported as a share of what this one manages.
//!
//! `BIND` (default 127.0.0.1:18090) and `WORKERS` (default: one per core)
//! as for the site.

use actix_web::{App, HttpResponse, HttpServer, web};

fn page() -> String {
    let mut html = String::from(
        "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\">\
         <title>GenLær – Social Sundhed</title></head><body><main><h1>GenLær</h1>",
    );
    for i in 0..40 {
        html.push_str(&format!(
            "<article><h2>Kursus {i}</h2><p>Social ulighed i sundhed: viden, øvelser og \
             erfaringer fra Social Sundheds brobyggere.</p><ul><li>7. december 2026, \
             Aarhus, 16 pladser</li></ul></article>"
        ));
    }
    html.push_str("</main></body></html>");
    html
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1:18090".into());
    let workers = std::env::var("WORKERS")
        .ok()
        .and_then(|w| w.parse::<usize>().ok())
        .filter(|w| *w > 0);
    let body = web::Bytes::from(page());
    let mut server = HttpServer::new(move || {
        let body = body.clone();
        App::new().route(
            "/",
            web::get().to(move || {
                let body = body.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .body(body)
                }
            }),
        )
    });
    if let Some(w) = workers {
        server = server.workers(w);
    }
    server.bind(bind)?.run().await
}
