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
/// the throttle's and the audit log's rows. Only that header: actix's
/// `realip_remote_addr` prefers `Forwarded`, which the usual nginx and
/// Caddy set-ups pass through from the client unchanged. The proxy must
/// replace the header, not append to it (examples/deploy/).
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| req.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    match forwarded {
        Some(value) => address_of(value),
        None => req
            .peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// The address in a forwarded value, without a port: proxies write
/// "1.2.3.4", "1.2.3.4:5678", "2001:db8::1" or "[2001:db8::1]:5678".
fn address_of(value: &str) -> String {
    use std::net::{IpAddr, SocketAddr};
    if let Ok(ip) = value.parse::<IpAddr>() {
        return ip.to_string();
    }
    if let Ok(socket) = value.parse::<SocketAddr>() {
        return socket.ip().to_string();
    }
    value.to_string()
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

#[cfg(test)]
mod tests {
    use super::address_of;

    #[test]
    fn a_forwarded_address_loses_its_port_but_not_its_ipv6_groups() {
        assert_eq!(address_of("192.0.2.7"), "192.0.2.7");
        assert_eq!(address_of("192.0.2.7:5678"), "192.0.2.7");
        assert_eq!(address_of("2001:db8::1"), "2001:db8::1");
        assert_eq!(address_of("[2001:db8::1]:5678"), "2001:db8::1");
        assert_eq!(address_of("unknown"), "unknown");
    }
}
