//! Rendering a page: every template gets the same base context (language,
//! signed-in user, CSRF token, flash messages, current path) so that the
//! layout can draw navigation, forms and messages.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, ContentType, LOCATION};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;
use tera::Context;

use super::auth::{current_account, current_session};
use super::error_summary;
use super::page_cache::{self, Rendered, Slot};
use super::session::{self, Level};
use super::state::AppState;
use crate::app::two_factor;
use crate::cache::Admit;
use crate::db::users::Account;
use crate::domain::Lang;
use crate::domain::Role;
use crate::error::AppError;

/// Who may be given the same copy of a public page (`Page::public_slot`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedWith {
    /// Anonymous visitors only: the page shows a signed-in visitor their
    /// own things (the session page: their seat).
    Anonymous,
    /// Also signed-in visitors with the same header: the page itself is
    /// the same for everyone.
    SameHeader,
}

pub struct Page {
    pub req: HttpRequest,
    pub lang: Lang,
    pub account: Option<Rc<Account>>,
    pub state: web::Data<AppState>,
    /// Staff without a second factor in development: the layout says that
    /// production will ask for one.
    second_factor_banner: bool,
    /// An administrator on an admin page while emails are written to files
    /// (no `SMTP_HOST`): nobody receives them.
    mail_files_banner: bool,
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Page::for_request(req).await })
    }
}

/// What the layout shows of the signed-in user.
#[derive(Serialize)]
struct Viewer<'a> {
    id: i64,
    name: &'a str,
    email: &'a str,
    is_admin: bool,
    is_coordinator: bool,
    is_volunteer: bool,
    is_professional: bool,
}

impl Page {
    pub async fn for_request(req: HttpRequest) -> Result<Page, AppError> {
        let state = req
            .app_data::<web::Data<AppState>>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("app state missing")))?;
        let account = current_account(&req).await?;
        let lang = super::lang::resolve(&req, account.as_deref());
        let second_factor_banner = match (&account, current_session(&req).await?) {
            (Some(a), Some(s)) => {
                two_factor::is_staff(a)
                    && !s.has_second_factor
                    && !two_factor::required_for(&state.settings, a)
            }
            _ => false,
        };
        let mail_files_banner = state.settings.mail_to_files()
            && account.as_deref().is_some_and(Account::is_admin)
            && (req.path() == "/admin" || req.path().starts_with("/admin/"));
        Ok(Page {
            req,
            lang,
            account,
            state,
            second_factor_banner,
            mail_files_banner,
        })
    }

    /// The base context. A visitor who has no CSRF token yet gets the
    /// placeholder, and `draw` makes them one only if the page has a form:
    /// a page without one sets no session cookie.
    pub fn context(&self) -> Context {
        let session = self.req.get_session();
        let uri = self.req.uri();
        let csrf = session::existing_csrf_token(&session)
            .unwrap_or_else(|| page_cache::placeholder().to_string());
        self.context_with(
            &csrf,
            &session::take_flashes(&session),
            uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"),
            false,
        )
    }

    /// `template` drawn with `ctx` (from `context`), the visitor's CSRF
    /// token where the page has a form.
    pub fn draw(&self, template: &str, ctx: &Context) -> Result<String, AppError> {
        let body = self.state.templates.render(self.lang, template, ctx)?;
        let placeholder = page_cache::placeholder();
        Ok(if body.contains(placeholder) {
            body.replace(placeholder, &session::csrf_token(&self.req.get_session()))
        } else {
            body
        })
    }

    /// The base context; `shared` for a page that other visitors with the
    /// same header may be given: the viewer without who they are.
    fn context_with(
        &self,
        csrf: &str,
        flashes: &[session::Flash],
        path_and_query: &str,
        shared: bool,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", &self.lang.code());
        ctx.insert(
            "other_lang",
            &match self.lang {
                Lang::Da => Lang::En.code(),
                Lang::En => Lang::Da.code(),
            },
        );
        ctx.insert("csrf", csrf);
        ctx.insert("flashes", flashes);
        ctx.insert("asset_version", &self.state.templates.asset_version);
        ctx.insert("second_factor_banner", &self.second_factor_banner);
        ctx.insert("mail_files_banner", &self.mail_files_banner);
        ctx.insert("path", self.req.path());
        ctx.insert("path_and_query", path_and_query);
        if let Some(viewer) = self.viewer(shared) {
            ctx.insert("viewer", &viewer);
        }
        ctx
    }

    /// What the layout shows of the signed-in visitor; `shared`: only what
    /// decides their menu, never who they are.
    fn viewer(&self, shared: bool) -> Option<Viewer<'_>> {
        let a = self.account.as_deref()?;
        Some(Viewer {
            id: if shared { 0 } else { a.user.id },
            name: if shared { "" } else { &a.user.name },
            email: if shared { "" } else { &a.user.email },
            is_admin: a.is_admin(),
            is_coordinator: a.has(Role::Coordinator) && !a.branches.is_empty(),
            is_volunteer: a.has(Role::Volunteer),
            is_professional: a.has(Role::Professional),
        })
    }

    pub fn render(&self, template: &str, ctx: Context) -> Result<HttpResponse, AppError> {
        self.render_status(StatusCode::OK, template, ctx)
    }

    /// For a form sent back with mistakes: 422 tells tools (and tests) that
    /// nothing was saved, while the browser shows the page as usual.
    pub fn render_invalid(&self, template: &str, ctx: Context) -> Result<HttpResponse, AppError> {
        self.render_status(StatusCode::UNPROCESSABLE_ENTITY, template, ctx)
    }

    /// A form page: 200 when shown fresh, 422 when sent back with mistakes
    /// (`render_invalid`).
    pub fn render_form(
        &self,
        errors: &crate::domain::FieldErrors,
        template: &str,
        ctx: Context,
    ) -> Result<HttpResponse, AppError> {
        if errors.is_empty() {
            self.render(template, ctx)
        } else {
            self.render_invalid(template, ctx)
        }
    }

    pub fn render_status(
        &self,
        status: StatusCode,
        template: &str,
        extra: Context,
    ) -> Result<HttpResponse, AppError> {
        let mut ctx = self.context();
        ctx.extend(extra);
        let mut body = self.draw(template, &ctx)?;
        // A form sent back with mistakes opens with their summary, in the
        // order and by the labels of the page just drawn: draw it again
        // with the summary (the layout puts it first and titles the page
        // "Fejl:").
        let errors = error_summary::field_errors(&ctx);
        if !errors.is_empty() {
            ctx.insert(
                "error_summary",
                &error_summary::lines(&body, &errors, self.lang),
            );
            body = self.draw(template, &ctx)?;
        }
        Ok(HttpResponse::build(status)
            .content_type(ContentType::html())
            // Pages carry personal data and CSRF tokens: never cache them.
            .insert_header((CACHE_CONTROL, "no-store"))
            .body(body))
    }

    /// Where this request's public page is cached, if it may be: not for a
    /// visitor with a message waiting, nor for a signed-in one unless the
    /// page shows them nothing of their own (`SharedWith::SameHeader`);
    /// they then share it with everyone whose header is the same (menu
    /// and banners, which their roles decide). `path_and_query` is the
    /// page's address with its query in canonical form: with the language
    /// and the header it is the key, and the page is drawn for it. Call
    /// it before loading anything (`Slot::generation`).
    pub fn public_slot(
        &self,
        path_and_query: &str,
        admit: Admit,
        shared_with: SharedWith,
    ) -> Option<Slot> {
        if session::has_flashes(&self.req.get_session()) {
            return None;
        }
        let header = match self.viewer(true) {
            None => "-".to_string(),
            Some(_) if shared_with == SharedWith::Anonymous => return None,
            Some(v) => format!(
                "{}{}{}{}{}{}",
                u8::from(v.is_admin),
                u8::from(v.is_coordinator),
                u8::from(v.is_volunteer),
                u8::from(v.is_professional),
                u8::from(self.second_factor_banner),
                u8::from(self.mail_files_banner),
            ),
        };
        Some(self.slot(
            format!("{}:{header}:{path_and_query}", self.lang.code()),
            path_and_query,
            admit,
        ))
    }

    /// Where an answer the same for every visitor is cached (the JSON
    /// catalogue).
    pub fn slot(&self, key: String, path_and_query: &str, admit: Admit) -> Slot {
        Slot {
            key,
            path_and_query: path_and_query.to_string(),
            generation: self.state.app.db.generation(),
            admit,
        }
    }

    /// The cached answer for `slot`, if it is still current.
    pub fn from_cache(&self, slot: Option<&Slot>) -> Option<HttpResponse> {
        let slot = slot?;
        let hit = self.state.pages.get(&slot.key, slot.generation);
        self.state.metrics.page_cache(hit.is_some());
        hit.map(|rendered| rendered.respond(&self.req))
    }

    /// Keeps `rendered` in `slot` and answers with it.
    pub fn store(&self, slot: Slot, rendered: Rendered) -> HttpResponse {
        let rendered = Arc::new(rendered);
        self.state
            .pages
            .put(slot.key, slot.generation, rendered.clone(), slot.admit);
        rendered.respond(&self.req)
    }

    /// `render`, for a public page: with a slot, drawn as everyone sharing
    /// it sees it (the CSRF token a placeholder, no messages, nobody's name)
    /// and kept.
    pub fn render_public(
        &self,
        slot: Option<Slot>,
        template: &str,
        extra: Context,
    ) -> Result<HttpResponse, AppError> {
        let Some(slot) = slot else {
            return self.render(template, extra);
        };
        let mut ctx = self.context_with(page_cache::placeholder(), &[], &slot.path_and_query, true);
        ctx.extend(extra);
        let body = self.state.templates.render(self.lang, template, &ctx)?;
        Ok(self.store(slot, Rendered::html(&body)))
    }

    /// A message (a translation key) for the next page: something was done.
    pub fn success(&self, key: &str) {
        session::flash(&self.req.get_session(), Level::Success, key);
    }

    /// A message for the next page: worth knowing, nothing went wrong.
    pub fn info(&self, key: &str) {
        session::flash(&self.req.get_session(), Level::Info, key);
    }

    /// A message for the next page: what was asked did not happen.
    pub fn error(&self, key: &str) {
        session::flash(&self.req.get_session(), Level::Error, key);
    }

    pub fn t(&self, key: &str) -> String {
        crate::i18n::t(self.lang, key)
    }
}

/// After a successful POST: 303 so that reloading does not resubmit.
pub fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish()
}
