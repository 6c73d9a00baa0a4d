//! The national secretariat's pages: regions, branches, users, the
//! messages the site has sent, the audit log of staff actions, and the
//! import of people from before Brobyg, and the record of processing of
//! personal data.

mod branches;
mod data;
mod erasure;
mod imports;
mod messages;
mod privacy;
mod regions;
mod revision;
mod users;

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::error::AppError;
use crate::web::{Admin, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(index))
        .service(
            web::resource("/admin/regioner")
                .route(web::get().to(regions::list))
                .route(web::post().to(regions::create)),
        )
        .service(
            web::resource("/admin/regioner/{id}")
                .route(web::get().to(regions::edit))
                .route(web::post().to(regions::update)),
        )
        .route("/admin/afdelinger", web::get().to(branches::list))
        .service(
            web::resource("/admin/afdelinger/ny")
                .route(web::get().to(branches::new_form))
                .route(web::post().to(branches::create)),
        )
        .service(
            web::resource("/admin/afdelinger/{id}")
                .route(web::get().to(branches::edit))
                .route(web::post().to(branches::update)),
        )
        .route("/admin/brugere", web::get().to(users::list))
        .service(
            web::resource("/admin/brugere/inviter")
                .route(web::get().to(users::invite_form))
                .route(web::post().to(users::invite)),
        )
        .route("/admin/brugere/{id}", web::get().to(users::show))
        .route("/admin/brugere/{id}/data", web::get().to(data::show))
        .route(
            "/admin/brugere/{id}/data.json",
            web::get().to(data::download),
        )
        .route(
            "/admin/brugere/{id}/roller",
            web::post().to(users::set_roles),
        )
        .route(
            "/admin/brugere/{id}/status",
            web::post().to(users::set_status),
        )
        .route(
            "/admin/brugere/{id}/totrinslogin/nulstil",
            web::post().to(users::reset_second_factor),
        )
        .route(
            "/admin/brugere/{id}/velkomstmail",
            web::post().to(imports::welcome_one),
        )
        .service(
            web::resource("/admin/import")
                .route(web::get().to(imports::form))
                .route(web::post().to(imports::submit)),
        )
        .route(
            "/admin/import/velkomstmail",
            web::post().to(imports::welcome_many),
        )
        .route("/admin/beskeder", web::get().to(messages::list))
        .route("/admin/beskeder/filer", web::get().to(messages::files))
        .route(
            "/admin/beskeder/filer/{name}",
            web::get().to(messages::file),
        )
        .route("/admin/beskeder/{id}", web::get().to(messages::show))
        .route("/admin/beskeder/{id}/igen", web::post().to(messages::retry))
        // Read-only by design: no route changes or removes a row.
        .route("/admin/revision", web::get().to(revision::list))
        .route("/admin/revision.csv", web::get().to(revision::csv))
        .route("/admin/sletning", web::get().to(erasure::list))
        .route("/admin/sletning/{id}", web::get().to(erasure::review))
        .route(
            "/admin/sletning/{id}/udfoer",
            web::post().to(erasure::carry_out),
        )
        .service(
            web::resource("/admin/brugere/{id}/slet")
                .route(web::get().to(erasure::review_user))
                .route(web::post().to(erasure::erase_user)),
        )
        .route("/admin/privatliv", web::get().to(privacy::record))
        .route("/admin/privatliv.csv", web::get().to(privacy::csv))
        .route(
            "/admin/privatliv/opbevaring",
            web::post().to(privacy::save_retention),
        );
}

async fn index(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    use crate::domain::Code;
    use crate::domain::evaluation::Question;
    // This year's course evaluations, all branches, as a tile.
    let year = crate::app::evaluations::this_year();
    let summary = crate::app::evaluations::year(&page.state.app, year).await?;
    let averages: Vec<(String, String)> = Question::ALL
        .iter()
        .map(|q| {
            (
                page.t(&format!("evaluation-short-{}", q.as_str())),
                super::genlaer::average_text(page.lang, summary.tallies.get(*q).average_tenths()),
            )
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("evaluations", &summary);
    ctx.insert("evaluation_averages", &averages);
    page.render("admin/index.html", ctx)
}
