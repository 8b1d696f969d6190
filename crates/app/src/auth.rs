//! Who is calling: the client's address and request id, and for signed-in
//! requests the user and session behind the bearer token.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use http::request::Parts;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::net::Cidr;
use kernel::{ApiError, Locale};

use crate::AppState;
use crate::identity::model::{Role, SessionUser, UserStatus};
use crate::identity::service;
use crate::identity::tokens::AccessError;

/// Facts about the request every audit row and rate limit needs.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: String,
    pub request_id: String,
    pub user_agent: Option<String>,
    pub locale: Locale,
}

impl ClientInfo {
    pub fn from_parts(parts: &Parts, trusted_proxies: &[Cidr]) -> ClientInfo {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| kernel::net::canonical(c.0.ip()));
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        let ip = match peer {
            Some(peer) => client_address(peer, &forwarded, trusted_proxies).to_string(),
            None => "unknown".into(),
        };
        ClientInfo {
            ip,
            request_id: header("x-request-id").unwrap_or_default(),
            user_agent: header("user-agent").map(|ua| ua.chars().take(300).collect()),
            locale: Locale::from_headers(&parts.headers),
        }
    }
}

/// The client behind a chain of proxies: the peer itself unless it is a
/// trusted proxy; then `X-Forwarded-For` read from the right (each proxy
/// appends the address it saw), skipping trusted proxies, up to the first
/// address none of ours wrote. Entries to its left are the client's own
/// words and are never believed.
pub fn client_address(peer: IpAddr, forwarded: &[&str], trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            // Garbage where a proxy should have written an address: stop at
            // the last address we could trust.
            break;
        };
        client = kernel::net::canonical(ip);
        if !is_trusted(client) {
            break;
        }
    }
    client
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientInfo::from_parts(parts, &state.config.trusted_proxies))
    }
}

/// A signed-in user making a request. Services take it as an argument and
/// decide access themselves.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub role: Role,
    pub status: UserStatus,
    pub client: ClientInfo,
}

impl Caller {
    /// The platform acting for a user outside any request (seeders, jobs):
    /// audit rows show `system` as the address.
    pub fn system(user_id: Uuid, role: Role) -> Caller {
        Caller {
            user_id,
            session_id: Uuid::nil(),
            role,
            status: UserStatus::Active,
            client: ClientInfo {
                ip: "system".into(),
                request_id: String::new(),
                user_agent: None,
                locale: Locale::default(),
            },
        }
    }

    /// Resolves a session to a caller; refuses revoked sessions, deleted and
    /// suspended users.
    pub fn from_session(s: SessionUser, client: ClientInfo) -> Result<Caller, ApiError> {
        let status = UserStatus::from_db(&s.status);
        if status == UserStatus::Suspended {
            return Err(ApiError::Unauthenticated(Message::new(
                "error-account-suspended",
            )));
        }
        if status == UserStatus::Deleted {
            return Err(ApiError::Unauthenticated(Message::new(
                "error-token-invalid",
            )));
        }
        Ok(Caller {
            user_id: s.user_id,
            session_id: s.session_id,
            role: Role::from_db(&s.role),
            status,
            client,
        })
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(ApiError::unauthenticated)?;
        let client = ClientInfo::from_parts(parts, &state.config.trusted_proxies);
        Caller::from_token(state, token, client).await
    }
}

impl Caller {
    /// The caller behind an access token (HTTP bearer or a socket handshake).
    pub async fn from_token(
        state: &AppState,
        token: &str,
        client: ClientInfo,
    ) -> Result<Caller, ApiError> {
        let claims = state.keys.verify_access(token).map_err(|e| {
            ApiError::Unauthenticated(Message::new(match e {
                AccessError::Expired => "error-token-expired",
                AccessError::Invalid => "error-token-invalid",
            }))
        })?;
        let session = service::session_user(&state.db, claims.sub, claims.sid)
            .await?
            .ok_or_else(|| ApiError::Unauthenticated(Message::new("error-token-invalid")))?;
        Caller::from_session(session, client)
    }
}
