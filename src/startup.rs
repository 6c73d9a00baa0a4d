//! Builds the application from a `Settings` value: database, demo content,
//! templates, middleware and routes. Tests build it on port 0.

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration};
use actix_web::dev::Server;
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use secrecy::ExposeSecret as _;
use tracing_actix_web::TracingLogger;

use crate::config::Settings;
use crate::db::Db;
use crate::mail::worker;
use crate::templates::Templates;
use crate::web::{AppState, csrf, errors, routes};

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    /// Stops when the application is dropped.
    mail_worker: Option<worker::Worker>,
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        settings.validate().context("the settings are not usable")?;
        let db = Db::open(
            settings.database_url().expose_secret(),
            settings.database_pool_size,
        )?;
        crate::app::site_content::seed(&db)?;
        if settings.load_demo() {
            crate::demo::seed_if_empty(&db, &settings.secret_key)
                .context("loading demo content")?;
        }
        crate::app::volunteers::readiness::fill_missing(&db)
            .context("filling in what older binaries left out: readiness, due dates, seats' end, pauses' last day")?;
        let templates = Templates::shared().context("loading templates")?;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("could not listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        worker::sender(&settings)?;
        let mail_worker = if settings.mail_worker {
            Some(
                worker::spawn(
                    db.clone(),
                    templates.clone(),
                    settings.clone(),
                    std::time::Duration::from_secs(settings.mail_poll_seconds.max(1)),
                )
                .context("starting the mail worker")?,
            )
        } else {
            None
        };
        let links = crate::domain::events::Links::new(settings.base_url());
        let settings = Arc::new(settings);
        let state = AppState {
            app: crate::app::App {
                db,
                settings: settings.clone(),
                figures: Default::default(),
                curriculum: Default::default(),
            },
            links,
            templates,
            settings,
            mail_worker: mail_worker.as_ref().map(worker::Worker::signals),
            metrics: Arc::new(crate::web::metrics::Metrics::new()?),
            // About 40 kB a page with its gzip copy: at most ~20 MB.
            pages: Arc::new(crate::cache::FreshCache::new(
                std::time::Duration::from_secs(1),
                512,
            )),
        };
        let server = serve(listener, state.clone())?;
        Ok(Application {
            port,
            server,
            state,
            mail_worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from outside, as tests do when they end.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        drop(self.mail_worker);
        result
    }
}

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let settings = state.settings.clone();
    let key = Key::derive_from(settings.secret_key.expose_secret().as_bytes());
    let secure = settings.secure_cookies();
    let data = web::Data::new(state);
    let mut server = HttpServer::new(move || {
        let session = SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
            // Behind https the `__Host-` prefix makes browsers refuse the
            // cookie unless it is Secure, for the whole site and this host
            // alone (no Domain), so no sibling site can set or shadow it.
            .cookie_name(if secure { "__Host-brobyg" } else { "brobyg" }.to_string())
            .cookie_secure(secure)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_content_security(CookieContentSecurity::Private)
            .session_lifecycle(PersistentSession::default().session_ttl(Duration::days(14)))
            .build();
        // The last `wrap` is the outermost: requests pass logging, security
        // headers and the session before the error renderer and the CSRF
        // check, so both can use the session.
        App::new()
            .app_data(data.clone())
            .wrap(from_fn(csrf::verify))
            .wrap(ErrorHandlers::new().default_handler(errors::render))
            .wrap(session)
            .wrap(security_headers(secure))
            .wrap(from_fn(crate::web::metrics::record))
            .wrap(TracingLogger::<crate::web::request_span::RequestSpan>::new())
            .configure(routes::configure)
    })
    .listen(listener)?;
    if settings.workers > 0 {
        server = server.workers(settings.workers);
    }
    Ok(server.run())
}

fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        // Browsers then refuse plain http to this site for a year.
        DefaultHeaders::new().add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        // Everything is served by the site itself; no inline scripts.
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ))
}
