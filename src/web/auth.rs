//! Who is calling, and may they? Each handler states it in its signature:
//! `Admin`, `CoordinatorUser`, `VolunteerUser`, `SignedIn` or `MaybeUser`.
//! Branch-level checks (`Account::coordinates`) follow in the handler once
//! it knows which branch the request is about.

use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::Pin;
use std::rc::Rc;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::session;
use super::state::AppState;
use crate::app::signin::{self, SessionState};
use crate::app::two_factor;
use crate::db::users::Account;
use crate::domain::Role;
use crate::error::AppError;

type Signed = Option<(Rc<Account>, SessionState)>;

/// The request's account and session, loaded at most once per request and
/// shared by every extractor. actix polls a handler's extractors together,
/// so the first to ask starts the load and the others wait for it (a value
/// cached after the load would let each start its own).
#[derive(Clone, Default)]
struct Loaded(Rc<tokio::sync::OnceCell<Signed>>);

async fn load(req: &HttpRequest) -> Result<Signed, AppError> {
    let cell = {
        let mut extensions = req.extensions_mut();
        match extensions.get::<Loaded>() {
            Some(Loaded(cell)) => Rc::clone(cell),
            None => {
                let loaded = Loaded::default();
                let cell = Rc::clone(&loaded.0);
                extensions.insert(loaded);
                cell
            }
        }
    };
    Ok(cell.get_or_try_init(|| load_once(req)).await?.clone())
}

async fn load_once(req: &HttpRequest) -> Result<Signed, AppError> {
    let session = req.get_session();
    let loaded = match session::signed_in_user(&session) {
        None => None,
        Some(cookie) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("app state missing")))?;
            let ip = client(req, state.settings.trust_proxy).ip;
            let found =
                signin::current(&state.app, cookie.user_id, cookie.epoch, &cookie.token, &ip)
                    .await?;
            match found {
                Some(current) => Some((Rc::new(current.account), current.session)),
                // Logged out, the password changed, or deactivated: the
                // cookie opens nothing any more.
                None => {
                    session::sign_out(&session);
                    None
                }
            }
        }
    };
    Ok(loaded)
}

pub async fn current_account(req: &HttpRequest) -> Result<Option<Rc<Account>>, AppError> {
    Ok(load(req).await?.map(|(account, _)| account))
}

/// The current request's server-side session, if signed in.
pub async fn current_session(req: &HttpRequest) -> Result<Option<SessionState>, AppError> {
    Ok(load(req).await?.map(|(_, session)| session))
}

/// Where a request comes from: the client address for the login throttle
/// (`X-Forwarded-For` only believed behind a proxy configured to set it)
/// and the browser, for the list of one's sessions.
pub fn client(req: &HttpRequest, trust_proxy: bool) -> signin::Client {
    let ip = super::client::client_ip(req, trust_proxy);
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    signin::Client {
        ip,
        user_agent,
        known_device: false,
    }
}

/// Anyone; the account if signed in.
pub struct MaybeUser(pub Option<Rc<Account>>);

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(current_account(&req).await?)) })
    }
}

/// A rule about who may call a handler.
pub trait Policy {
    fn allows(account: &Account) -> bool;
    /// Staff pages show other people's data: in production they need a
    /// second factor.
    const STAFF: bool = false;
}

pub struct AnyAccount;
impl Policy for AnyAccount {
    fn allows(_: &Account) -> bool {
        true
    }
}

pub struct AdminOnly;
impl Policy for AdminOnly {
    fn allows(a: &Account) -> bool {
        a.is_admin()
    }
    const STAFF: bool = true;
}

/// Coordinators with at least one branch, and administrators.
pub struct CoordinatorOnly;
impl Policy for CoordinatorOnly {
    fn allows(a: &Account) -> bool {
        a.is_admin() || (a.has(Role::Coordinator) && !a.branches.is_empty())
    }
    const STAFF: bool = true;
}

pub struct VolunteerOnly;
impl Policy for VolunteerOnly {
    fn allows(a: &Account) -> bool {
        a.has(Role::Volunteer) && a.volunteer_branch.is_some()
    }
}

/// A signed-in account that passes `P`. Anonymous callers are sent to the
/// login page (and back afterwards); signed-in callers who fail the policy
/// get 403; staff without a second factor where one is required are sent
/// to set it up.
pub struct Require<P: Policy> {
    account: Rc<Account>,
    session: SessionState,
    policy: PhantomData<P>,
}

impl<P: Policy> Require<P> {
    pub fn account(&self) -> &Rc<Account> {
        &self.account
    }

    /// The server-side session the request belongs to.
    pub fn session(&self) -> SessionState {
        self.session
    }
}

impl<P: Policy> Deref for Require<P> {
    type Target = Account;
    fn deref(&self) -> &Account {
        &self.account
    }
}

async fn require<P: Policy>(req: &HttpRequest) -> Result<(Rc<Account>, SessionState), AppError> {
    let Some((account, session)) = load(req).await? else {
        return Err(AppError::LoginRequired {
            next: return_path(req),
        });
    };
    if !P::allows(&account) {
        return Err(AppError::Forbidden);
    }
    if P::STAFF && !session.has_second_factor {
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("app state missing")))?;
        if two_factor::required_for(&state.settings, &account) {
            return Err(AppError::SecondFactorRequired {
                next: return_path(req),
            });
        }
    }
    Ok((account, session))
}

impl<P: Policy + 'static> FromRequest for Require<P> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (account, session) = require::<P>(&req).await?;
            Ok(Require {
                account,
                session,
                policy: PhantomData,
            })
        })
    }
}

/// `Require<P>` for a sensitive action (changing roles, exporting personal
/// data, resetting a second factor): the person must also have proved who
/// they are within the last quarter of an hour, or is asked to again and
/// comes back.
pub struct Fresh<P: Policy>(pub Require<P>);

impl<P: Policy> Deref for Fresh<P> {
    type Target = Require<P>;
    fn deref(&self) -> &Require<P> {
        &self.0
    }
}

impl<P: Policy + 'static> FromRequest for Fresh<P> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (account, session) = require::<P>(&req).await?;
            if !session.proof_is_fresh() {
                return Err(AppError::ProofRequired {
                    next: page_to_return_to(&req),
                });
            }
            Ok(Fresh(Require {
                account,
                session,
                policy: PhantomData,
            }))
        })
    }
}

pub type SignedIn = Require<AnyAccount>;
pub type Admin = Require<AdminOnly>;
pub type CoordinatorUser = Require<CoordinatorOnly>;
pub type VolunteerUser = Require<VolunteerOnly>;
pub type FreshAdmin = Fresh<AdminOnly>;
pub type FreshCoordinator = Fresh<CoordinatorOnly>;
pub type FreshSignedIn = Fresh<AnyAccount>;

/// After proving who one is again: a page (a download) comes back to
/// itself; a form post cannot be replayed, so it comes back to the page the
/// form was on, to be sent again.
fn page_to_return_to(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        return return_path(req);
    }
    let referer = req
        .headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| actix_web::http::Uri::try_from(r).ok());
    match referer {
        // Only a page of this site: the host must be ours.
        Some(uri) if uri.host() == req.connection_info().host().split(':').next() => uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
        _ => "/".into(),
    }
}

/// Where to come back to after logging in: the page asked for, if it was a
/// page (a form post cannot be replayed, so its page's path is used).
fn return_path(req: &HttpRequest) -> String {
    let uri = req.uri();
    match (req.method() == actix_web::http::Method::GET, uri.query()) {
        (true, Some(q)) => format!("{}?{}", uri.path(), q),
        _ => uri.path().to_string(),
    }
}

/// A path on this site to redirect to, else `/`. Browsers forgive a lot in
/// a `Location`: they drop tabs and newlines (`/\t/evil.example` becomes
/// `//evil.example`, another site), read `\` as `/` and resolve dot
/// segments (`/.//evil.example`). So only a plain path passes: it starts
/// with one `/`, holds no control character, white space or backslash, and
/// no `.` or `..` segment.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_plain_local_path(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

fn is_plain_local_path(n: &str) -> bool {
    let path = n.split(['?', '#']).next().unwrap_or_default();
    n.starts_with('/')
        && !n.starts_with("//")
        && !n
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        && !path.split('/').any(|segment| {
            // Browsers read `%2e` as a dot in a path.
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            segment == "." || segment == ".."
        })
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn redirects_stay_on_the_site() {
        assert_eq!(safe_next(Some("/admin?x=1")), "/admin?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn what_browsers_would_turn_into_another_site_is_refused() {
        for evil in [
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /x",
            "/.//x",
            "/./x",
            "/a/../../x",
            "/%2e//x",
            "/%2E%2e/x",
            "/\u{a0}/x",
            "\t//evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        for fine in [
            "/",
            "/konto",
            "/genlaer?q=a%20b&month=2026-03",
            "/a.b/c",
            "/x#top",
        ] {
            assert_eq!(safe_next(Some(fine)), fine);
        }
    }
}
