//! "Mine kurser": a person's GenLær seats, waiting-list places, history
//! with certificates, and the bookings they made for their organisation.

use actix_web::HttpResponse;
use serde::Serialize;
use tera::Context;

use crate::app::genlaer::mine::{self, Row};
use crate::domain::Lang;
use crate::error::AppError;
use crate::web::{Page, SignedIn};

/// A row with the hours attended as the page says them.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    row: &'a Row,
    hours: Option<String>,
}

fn shown(lang: Lang, rows: &[Row]) -> Vec<Shown<'_>> {
    rows.iter()
        .map(|row| Shown {
            hours: (row.minutes > 0).then(|| crate::i18n::format::hours(lang, row.minutes)),
            row,
        })
        .collect()
}

pub async fn index(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let m = mine::mine(&page.state.app, user.user.id).await?;
    let mut ctx = Context::new();
    ctx.insert("upcoming", &shown(page.lang, &m.upcoming));
    ctx.insert("waiting", &shown(page.lang, &m.waiting));
    ctx.insert("history", &shown(page.lang, &m.history));
    ctx.insert("bookings", &m.bookings);
    page.render("genlaer/mine.html", ctx)
}
