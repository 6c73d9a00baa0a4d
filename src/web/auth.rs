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
use crate::db::users::Account;
use crate::domain::Role;
use crate::error::AppError;

/// The request's account, loaded at most once per request and cached in the
/// request's extensions for every later extractor.
#[derive(Clone)]
struct Loaded(Option<Rc<Account>>);

pub async fn current_account(req: &HttpRequest) -> Result<Option<Rc<Account>>, AppError> {
    if let Some(Loaded(cached)) = req.extensions().get::<Loaded>() {
        return Ok(cached.clone());
    }
    let session = req.get_session();
    let account = match session::signed_in_user(&session) {
        None => None,
        Some((user_id, epoch)) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("app state missing")))?;
            let found = crate::app::accounts::account(&state.app, user_id).await?;
            // A password change or deactivation raises the epoch and so ends
            // every session that was started before it.
            match found {
                Some(a) if a.user.session_epoch == epoch && a.user.deactivated_at.is_none() => {
                    Some(Rc::new(a))
                }
                _ => {
                    session::sign_out(&session);
                    None
                }
            }
        }
    };
    req.extensions_mut().insert(Loaded(account.clone()));
    Ok(account)
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
}

/// Coordinators with at least one branch, and administrators.
pub struct CoordinatorOnly;
impl Policy for CoordinatorOnly {
    fn allows(a: &Account) -> bool {
        a.is_admin() || (a.has(Role::Coordinator) && !a.branches.is_empty())
    }
}

pub struct VolunteerOnly;
impl Policy for VolunteerOnly {
    fn allows(a: &Account) -> bool {
        a.has(Role::Volunteer) && a.volunteer_branch.is_some()
    }
}

/// A signed-in account that passes `P`. Anonymous callers are sent to the
/// login page (and back afterwards); signed-in callers who fail the policy
/// get 403.
pub struct Require<P: Policy> {
    account: Rc<Account>,
    policy: PhantomData<P>,
}

impl<P: Policy> Require<P> {
    pub fn account(&self) -> &Rc<Account> {
        &self.account
    }
}

impl<P: Policy> Deref for Require<P> {
    type Target = Account;
    fn deref(&self) -> &Account {
        &self.account
    }
}

impl<P: Policy + 'static> FromRequest for Require<P> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current_account(&req).await? {
                None => Err(AppError::LoginRequired {
                    next: return_path(&req),
                }),
                Some(account) if P::allows(&account) => Ok(Require {
                    account,
                    policy: PhantomData,
                }),
                Some(_) => Err(AppError::Forbidden),
            }
        })
    }
}

pub type SignedIn = Require<AnyAccount>;
pub type Admin = Require<AdminOnly>;
pub type CoordinatorUser = Require<CoordinatorOnly>;
pub type VolunteerUser = Require<VolunteerOnly>;

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
