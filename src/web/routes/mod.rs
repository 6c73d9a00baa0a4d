//! Every URL of the site, one module per area. Danish paths, since Danish is
//! the site's first language.

pub mod account;
pub mod admin;
pub mod branch_dashboard;
pub mod brobygninger;
pub mod calendar;
pub mod coordinator;
pub mod duty;
pub mod evenings;
pub mod genlaer;
pub mod health;
pub mod home;
pub mod invoices;
pub mod language;
pub mod privacy;
pub mod sessions;
pub mod supervision;
pub mod volunteers;

use actix_web::web;

use super::{assets, errors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::index))
        .route("/healthz", web::get().to(health::check))
        .route("/metrics", web::get().to(crate::web::metrics::show))
        .route("/assets/{name}", web::get().to(assets::serve))
        .route("/sprog", web::post().to(language::switch))
        .route("/sprog", web::get().to(language::switch_link))
        .route("/privatliv", web::get().to(privacy::notice))
        .configure(account::configure)
        .configure(admin::configure)
        .configure(sessions::configure)
        .configure(calendar::configure)
        .configure(genlaer::configure)
        .route("/koordinator", web::get().to(coordinator::index))
        .route(
            "/koordinator/afdelinger/{id}",
            web::get().to(coordinator::branch),
        )
        .route(
            "/koordinator/afdelinger/{id}/oversigt",
            web::get().to(branch_dashboard::show),
        )
        .route(
            "/koordinator/region/{id}",
            web::get().to(branch_dashboard::region),
        )
        .configure(evenings::configure)
        .configure(invoices::configure)
        .configure(volunteers::configure)
        .configure(supervision::configure)
        .configure(duty::configure)
        .configure(brobygninger::configure)
        .default_service(web::to(errors::not_found));
}
