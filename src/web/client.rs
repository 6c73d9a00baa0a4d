//! Where a request comes from: the client's address (for the login
//! throttle and the audit log) and, for staff, the audit log's `Actor`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use super::auth::current_account;
use super::state::AppState;
use crate::app::audit::Actor;
use crate::error::AppError;

/// The client's address. `X-Forwarded-For` is only believed behind a proxy
/// that is configured to set it, or anyone could write any address into
/// the throttle's and the audit log's rows.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    let info = req.connection_info();
    let addr = if trust_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    addr.map(|a| {
        // "1.2.3.4:5678" → "1.2.3.4"; IPv6 "[::1]:5678" → "[::1]".
        match a.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !host.is_empty() => {
                host.to_string()
            }
            _ => a.to_string(),
        }
    })
    .unwrap_or_else(|| "unknown".into())
}

/// The signed-in account and the client's address, for a use case to
/// record in the audit log. It decides nothing about who may call: the
/// handler's `Admin` / `CoordinatorUser` does that; without an account the
/// caller is sent to log in like any other extractor does.
impl FromRequest for Actor {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let trust_proxy = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("app state missing")))?
                .settings
                .trust_proxy;
            match current_account(&req).await? {
                Some(account) => Ok(Actor::new(account.user.id, client_ip(&req, trust_proxy))),
                None => Err(AppError::LoginRequired {
                    next: req.uri().path().to_string(),
                }),
            }
        })
    }
}
