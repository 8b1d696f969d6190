//! `Idempotency-Key` for POSTs that create orders, payments, refunds and
//! wallet movements.
//!
//! The key is claimed by inserting its row inside the same database
//! transaction as the effect, and the answer is written there before commit.
//! A concurrent request with the same key blocks on that row's primary key
//! until the first commits, then replays its answer; if the first rolled back
//! (it failed), the twin runs as if it were first. Failed requests are thus
//! never replayed: the client may retry them with the same key.

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

pub const HEADER: &str = "idempotency-key";

/// The request's `Idempotency-Key` header: required, 1 to 200 visible ASCII characters.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let value = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or("");
        let valid =
            !value.is_empty() && value.len() <= 200 && value.bytes().all(|b| b.is_ascii_graphic());
        if !valid {
            return Err(ApiError::Unprocessable {
                code: "IDEMPOTENCY_KEY_REQUIRED",
                message: Message::new("idempotency-key-required"),
                fields: FieldErrors::single(
                    "Idempotency-Key",
                    Message::new("idempotency-key-required"),
                ),
            });
        }
        Ok(IdempotencyKey(value.to_owned()))
    }
}

/// A stored answer, sent again as it was first sent.
pub struct Replay {
    pub status: StatusCode,
    pub body: Value,
    /// Sent again rather than first: marked with `Idempotent-Replayed: true`.
    pub replayed: bool,
}

impl IntoResponse for Replay {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body)).into_response();
        if self.replayed {
            r.headers_mut().insert(
                "idempotent-replayed",
                http::HeaderValue::from_static("true"),
            );
        }
        r
    }
}

/// The fingerprint of a request: its scope (route) and its parsed body.
pub fn fingerprint(scope: &str, body: &impl Serialize) -> String {
    let json = serde_json::to_string(body).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(scope.as_bytes());
    h.update([0]);
    h.update(json.as_bytes());
    hex::encode(h.finalize())
}

/// Claims `key` for this request inside `conn`'s transaction. `Some(replay)`
/// means the key was used before with the same request: answer with it and do
/// nothing. The same key with another request is 422 `IDEMPOTENCY_KEY_REUSED`.
pub async fn claim(
    conn: &mut PgConnection,
    user: Uuid,
    key: &IdempotencyKey,
    scope: &str,
    hash: &str,
) -> ApiResult<Option<Replay>> {
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, scope, request_hash, status_code, response_body) \
         VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(&key.0)
    .bind(scope)
    .bind(hash)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if claimed {
        return Ok(None);
    }
    let (stored_hash, status, body): (String, i32, Value) = sqlx::query_as(
        "SELECT request_hash, status_code, response_body FROM idempotency_keys \
         WHERE user_id = $1 AND key = $2",
    )
    .bind(user)
    .bind(&key.0)
    .fetch_one(&mut *conn)
    .await?;
    if stored_hash != hash {
        return Err(ApiError::Unprocessable {
            code: "IDEMPOTENCY_KEY_REUSED",
            message: Message::new("idempotency-key-reused"),
            fields: FieldErrors::single("Idempotency-Key", Message::new("idempotency-key-reused")),
        });
    }
    Ok(Some(Replay {
        status: StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK),
        body,
        replayed: true,
    }))
}

/// Records the answer of a claimed key, in the effect's transaction.
pub async fn complete(
    conn: &mut PgConnection,
    user: Uuid,
    key: &IdempotencyKey,
    status: StatusCode,
    data: &impl Serialize,
) -> ApiResult<Replay> {
    let body = serde_json::json!({"success": true, "data": data});
    sqlx::query(
        "UPDATE idempotency_keys SET status_code = $3, response_body = $4 \
         WHERE user_id = $1 AND key = $2",
    )
    .bind(user)
    .bind(&key.0)
    .bind(i32::from(status.as_u16()))
    .bind(&body)
    .execute(&mut *conn)
    .await?;
    Ok(Replay {
        status,
        body,
        replayed: false,
    })
}

/// Routes whose service claims the key inside the effect's own transaction
/// (money): they require the key and the layer below leaves them alone.
pub const IN_TRANSACTION: [&str; 14] = [
    "/api/v1/wallet/top-ups",
    "/api/v1/external-orders",
    "/api/v1/bookings",
    "/api/v1/repairs/{id}/offers/{offerId}/accept",
    "/api/v1/repair-jobs/{id}/pay",
    "/api/v1/admin/reps/{id}/payouts",
    "/api/v1/admin/merchants/{id}/payouts",
    "/api/v1/requests/{id}/offers/{offerId}/accept",
    "/api/v1/checkout",
    "/api/v1/orders/{id}/pay",
    "/api/v1/admin/orders/{id}/refunds",
    "/api/v1/admin/users/{id}/wallet/credit",
    "/api/v1/admin/users/{id}/wallet/debit",
    "/api/v1/admin/stores/{storeId}/payouts",
];

/// The largest answer kept for a replay; larger ones are not replayable and
/// the key is released.
const MAX_STORED_ANSWER: usize = 256 * 1024;

/// `Idempotency-Key` on every other POST of the API that sends one: the key
/// is claimed in a transaction held open while the request runs, so a twin
/// waits on it and then replays the first answer; another body with the same
/// key is 422. A failed request (not 2xx) releases the key for a retry.
pub async fn layer(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if req.method() != http::Method::POST || !req.headers().contains_key(HEADER) {
        return next.run(req).await;
    }
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    if IN_TRANSACTION.contains(&route.as_str()) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let key = match IdempotencyKey::from_request_parts(&mut parts, &()).await {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    let Ok(caller) = crate::auth::Caller::from_request_parts(&mut parts, &state).await else {
        // Not signed in: the route answers that itself.
        return next
            .run(axum::extract::Request::from_parts(parts, body))
            .await;
    };
    let limit = state.config.max_upload_bytes.max(2 * 1024 * 1024) + 64 * 1024;
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return ApiError::PayloadTooLarge.into_response(),
    };
    let scope = format!("POST {route}");
    let mut h = Sha256::new();
    h.update(scope.as_bytes());
    h.update([0]);
    h.update(parts.uri.path().as_bytes());
    h.update([0]);
    h.update(&bytes);
    let hash = hex::encode(h.finalize());
    match keyed(&state, &caller, &key, &scope, &hash, parts, bytes, next).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn keyed(
    state: &crate::AppState,
    caller: &crate::auth::Caller,
    key: &IdempotencyKey,
    scope: &str,
    hash: &str,
    parts: http::request::Parts,
    bytes: axum::body::Bytes,
    next: axum::middleware::Next,
) -> ApiResult<Response> {
    let mut tx = state.db.begin().await?;
    if let Some(replay) = claim(&mut tx, caller.user_id, key, scope, hash).await? {
        return Ok(replay.into_response());
    }
    let res = next
        .run(axum::extract::Request::from_parts(
            parts,
            axum::body::Body::from(bytes),
        ))
        .await;
    if !res.status().is_success() {
        // Nothing to replay: the client may retry with the same key.
        return Ok(res);
    }
    let (res_parts, res_body) = res.into_parts();
    let Ok(out) = axum::body::to_bytes(res_body, MAX_STORED_ANSWER).await else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "an answer too large to keep for its idempotency key"
        )));
    };
    if let Ok(body) = serde_json::from_slice::<Value>(&out) {
        sqlx::query(
            "UPDATE idempotency_keys SET status_code = $3, response_body = $4 \
             WHERE user_id = $1 AND key = $2",
        )
        .bind(caller.user_id)
        .bind(&key.0)
        .bind(i32::from(res_parts.status.as_u16()))
        .bind(&body)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(Response::from_parts(res_parts, axum::body::Body::from(out)))
}
