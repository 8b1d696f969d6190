//! OTO (tryoto.com, Saudi Arabia): one API in front of many delivery companies. API v2, JSON
//! over `POST`.
//!
//! - `POST {base}/refreshToken` trades the permanent refresh token for an access token (about
//!   an hour). It is cached here, replaced at 25 minutes of age, and replaced once when a call
//!   answers 401.
//! - `POST {base}/checkOTODeliveryFee`, `/createPickupLocation`, `/createOrder`, `/orderStatus`
//!   and `/cancelOrder`, each with `Authorization: Bearer {access token}`.
//! - Refusals are `{"success":false,"errorCode":…,"errorMsg":…,"traceId":…}`, with a 2xx or not.
//!
//! The JSON itself is read and written in the `wire` module.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Response, StatusCode};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::{
    Carrier, DeliveryOption, FeeQuery, PickupLocation, Shipment, ShipmentRequest, ShippingError,
    text,
};
use wire::{MAX_ERROR_MESSAGE_CHARS, provider_error, shipment, truncate};

mod wire;

/// Token lifetime assumed when the answer has no `expires_in`.
const DEFAULT_TOKEN_SECS: u64 = 3600;
/// OTO's guidance: refresh well before the hour is up.
const MAX_TOKEN_AGE: Duration = Duration::from_secs(25 * 60);
/// A token is replaced this long before its `expires_in` (at most a fifth of its life).
const TOKEN_MARGIN_SECS: u64 = 60;

#[derive(Clone)]
pub struct OtoConfig {
    /// API root including `/rest/v2`, default [`OtoConfig::DEFAULT_BASE_URL`].
    pub base_url: String,
    /// The permanent refresh token (dashboard: Settings → Developer). Never logged; `Debug`
    /// redacts it.
    pub refresh_token: String,
}

impl OtoConfig {
    pub const DEFAULT_BASE_URL: &'static str = "https://api.tryoto.com/rest/v2";
    pub const STAGING_BASE_URL: &'static str = "https://staging-api.tryoto.com/rest/v2";

    /// A config for the live API.
    pub fn new(refresh_token: impl Into<String>) -> Self {
        Self {
            base_url: Self::DEFAULT_BASE_URL.to_owned(),
            refresh_token: refresh_token.into(),
        }
    }
}

impl fmt::Debug for OtoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OtoConfig")
            .field("base_url", &self.base_url)
            .field("refresh_token", &"<redacted>")
            .finish()
    }
}

/// The OTO adapter. Cheap to clone: clones share the HTTP client and the token cache.
///
/// Timeouts are those of the `reqwest::Client` passed to [`Oto::new`]; give it one.
#[derive(Clone)]
pub struct Oto {
    config: OtoConfig,
    client: reqwest::Client,
    token: Arc<Mutex<Option<CachedToken>>>,
}

struct CachedToken {
    value: String,
    refresh_at: Instant,
}

impl fmt::Debug for Oto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Oto")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Oto {
    pub fn new(config: OtoConfig, client: reqwest::Client) -> Self {
        Self {
            config,
            client,
            token: Arc::new(Mutex::new(None)),
        }
    }

    pub fn config(&self) -> &OtoConfig {
        &self.config
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// The cached access token, or a new one. `stale` is a token OTO just refused: it is
    /// replaced unless another call already did so.
    async fn access_token(&self, stale: Option<&str>) -> Result<String, ShippingError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref() {
            let refused = stale.is_some_and(|s| s == token.value);
            if !refused && Instant::now() < token.refresh_at {
                return Ok(token.value.clone());
            }
        }
        *cached = None;
        let fresh = self.fetch_token().await?;
        let value = fresh.value.clone();
        *cached = Some(fresh);
        Ok(value)
    }

    /// Error texts of this call never quote the answer: it may hold a token.
    async fn fetch_token(&self) -> Result<CachedToken, ShippingError> {
        let started = Instant::now();
        let resp = self
            .client
            .post(self.url("/refreshToken"))
            .header(ACCEPT, "application/json")
            .json(&json!({ "refresh_token": self.config.refresh_token }))
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status();
        let body = resp.text().await.map_err(transport)?;
        let json = serde_json::from_str::<Value>(&body).ok();
        // How OTO refuses a bad refresh token is not documented; any of these means it did.
        let refused =
            matches!(status.as_u16(), 400 | 401 | 403) || json.as_ref().is_some_and(said_no);
        if refused {
            tracing::warn!(
                provider = "oto",
                status = status.as_u16(),
                "refresh token refused"
            );
            return Err(ShippingError::Auth);
        }
        if !status.is_success() {
            return Err(ShippingError::Http {
                status: status.as_u16(),
            });
        }
        let value = json
            .as_ref()
            .and_then(|j| j.get("access_token"))
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ShippingError::Malformed("refreshToken answer without access_token".to_owned())
            })?
            .to_owned();
        let life = json
            .as_ref()
            .and_then(|j| j.get("expires_in"))
            .and_then(|v| text(v)?.parse::<u64>().ok())
            .unwrap_or(DEFAULT_TOKEN_SECS);
        let margin = (life / 5).min(TOKEN_MARGIN_SECS);
        let age = Duration::from_secs(life - margin).min(MAX_TOKEN_AGE);
        tracing::debug!(provider = "oto", expires_in = life, "access token fetched");
        Ok(CachedToken {
            value,
            refresh_at: started + age,
        })
    }

    /// A call with the Bearer token; on 401 refreshes the token and tries once more. Returns the
    /// JSON answer (`Null` for an empty body).
    async fn call(&self, path: &str, body: &impl Serialize) -> Result<Value, ShippingError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| ShippingError::Malformed(format!("{path} request body: {e}")))?;
        let token = self.access_token(None).await?;
        let mut resp = self.send(path, &body, &token).await?;
        if resp.status() == StatusCode::UNAUTHORIZED {
            drop(resp);
            tracing::info!(provider = "oto", path, "access token refused; refreshing");
            let token = self.access_token(Some(&token)).await?;
            resp = self.send(path, &body, &token).await?;
            if resp.status() == StatusCode::UNAUTHORIZED {
                return Err(ShippingError::Auth);
            }
        }
        read_json(path, resp).await
    }

    async fn send(&self, path: &str, body: &[u8], token: &str) -> Result<Response, ShippingError> {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .send()
            .await
            .map_err(transport)
    }

    async fn create_inner(&self, r: &ShipmentRequest) -> Result<Shipment, ShippingError> {
        let body = wire::order_body(r)?;
        let json = self.call("/createOrder", &body).await?;
        let provider_id = json
            .get("otoId")
            .and_then(text)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| ShippingError::Malformed("createOrder answer without otoId".into()))?;
        // OTO's first status; the answer rarely says more.
        shipment(&json, provider_id, Some("new"))
    }
}

#[async_trait::async_trait]
impl Carrier for Oto {
    fn name(&self) -> &'static str {
        "oto"
    }

    async fn fee(&self, q: &FeeQuery) -> Result<Vec<DeliveryOption>, ShippingError> {
        let body = wire::fee_body(q);
        wire::delivery_options(&self.call("/checkOTODeliveryFee", &body).await?)
    }

    async fn ensure_pickup_location(&self, p: &PickupLocation) -> Result<(), ShippingError> {
        let body = wire::pickup_body(p);
        // The answer is undocumented: a 2xx without `success: false` is done.
        self.call("/createPickupLocation", &body).await?;
        Ok(())
    }

    async fn create_shipment(&self, r: &ShipmentRequest) -> Result<Shipment, ShippingError> {
        let result = self.create_inner(r).await;
        match &result {
            Ok(s) => tracing::info!(
                provider = "oto",
                order_id = %r.order_id,
                oto_id = %s.provider_id,
                cod = r.cod_halalas.is_some(),
                "shipment created"
            ),
            Err(error) => {
                tracing::warn!(provider = "oto", order_id = %r.order_id, %error, "shipment failed")
            }
        }
        result
    }

    async fn status(&self, order_id: &str) -> Result<Shipment, ShippingError> {
        let json = self
            .call("/orderStatus", &json!({ "orderId": order_id }))
            .await?;
        let provider_id = json
            .get("otoId")
            .and_then(text)
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| order_id.to_owned());
        shipment(&json, provider_id, None)
    }

    async fn cancel(&self, order_id: &str) -> Result<(), ShippingError> {
        let result = self
            .call("/cancelOrder", &json!({ "orderId": order_id }))
            .await
            .map(drop);
        match &result {
            Ok(()) => tracing::info!(provider = "oto", %order_id, "shipment cancelled"),
            Err(error) => {
                tracing::warn!(provider = "oto", %order_id, %error, "shipment cancel failed")
            }
        }
        result
    }
}

fn transport(e: reqwest::Error) -> ShippingError {
    ShippingError::Transport(e.to_string())
}

fn said_no(json: &Value) -> bool {
    json.get("success") == Some(&Value::Bool(false))
}

/// The JSON of an answer (`Null` when empty). `success: false` is [`ShippingError::Provider`]
/// whatever the status; another non-2xx is [`ShippingError::Http`].
async fn read_json(path: &str, resp: Response) -> Result<Value, ShippingError> {
    let status = resp.status();
    let body = resp.text().await.map_err(transport)?;
    if body.trim().is_empty() {
        if status.is_success() {
            return Ok(Value::Null);
        }
        return Err(ShippingError::Http {
            status: status.as_u16(),
        });
    }
    let json = serde_json::from_str::<Value>(&body);
    if let Ok(json) = &json
        && said_no(json)
    {
        return Err(provider_error(json));
    }
    if !status.is_success() {
        return Err(ShippingError::Http {
            status: status.as_u16(),
        });
    }
    json.map_err(|e| {
        ShippingError::Malformed(format!(
            "{path}: {e}: {}",
            truncate(&body, MAX_ERROR_MESSAGE_CHARS)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_debug_redacts_the_refresh_token() {
        let cfg = OtoConfig::new("AMf-s3cr3t");
        assert_eq!(cfg.base_url, "https://api.tryoto.com/rest/v2");
        let oto = Oto::new(cfg, reqwest::Client::new());
        assert!(!format!("{oto:?}").contains("s3cr3t"));
    }
}
