//! The built-in sandbox card gateway of the embedded default: it keeps its
//! orders in PostgreSQL (so any node serves its page), shows a hosted page of
//! its own where the tester presses "pay" or "decline", then calls our webhook
//! over HTTP with the configured header, like the real gateway, and sends the
//! browser back to the shop. Like N-Genius with "Pay by Token", a payment on
//! its page tokenises its test card, and a later order can be paid with that
//! token and no page (`sandbox/cards.rs`).

mod cards;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use providers::payments::{
    CardGateway, CreateOrder, GatewayError, GatewayOrder, PaymentState as GatewayState, SavedCard,
};
use sqlx::PgPool;
use uuid::Uuid;

use kernel::ApiError;

use crate::AppState;

pub const NAME: &str = "sandbox";

pub struct SandboxGateway {
    pub db: PgPool,
    pub public_url: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    reference: String,
    amount: i64,
    currency: String,
    state: String,
    refunded: i64,
    #[sqlx(flatten)]
    card: cards::CardRow,
}

/// An order with the card it was paid with, from a relation `o` of orders.
const ROW: &str = "o.reference, o.amount, o.currency, o.state, o.refunded, \
    c.token AS card_token, c.masked_pan, c.expiry, c.holder_name, c.scheme \
    FROM o LEFT JOIN sandbox_gateway_cards c ON c.token = o.card_token";

fn unreachable(e: sqlx::Error) -> GatewayError {
    GatewayError::Unreachable(e.to_string())
}

impl SandboxGateway {
    fn order(&self, r: Row) -> GatewayOrder {
        let state = GatewayState::parse(&r.state);
        let paid = state.is_paid();
        GatewayOrder {
            pay_url: Some(format!("{}/sandbox/pay/{}", self.public_url, r.reference)),
            reference: r.reference,
            state,
            amount_minor: r.amount,
            currency: r.currency,
            payment_id: None,
            captured_minor: if paid { r.amount } else { 0 },
            refunded_minor: r.refunded,
            saved_card: r.card.card(),
        }
    }

    async fn row(&self, reference: &str) -> Result<Row, GatewayError> {
        sqlx::query_as(&format!(
            "WITH o AS (SELECT * FROM sandbox_gateway_orders WHERE reference = $1) SELECT {ROW}"
        ))
        .bind(reference)
        .fetch_optional(&self.db)
        .await
        .map_err(unreachable)?
        .ok_or_else(|| GatewayError::Refused {
            status: 404,
            message: "no such order".into(),
        })
    }
}

#[async_trait::async_trait]
impl CardGateway for SandboxGateway {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn create_order(&self, req: &CreateOrder) -> Result<GatewayOrder, GatewayError> {
        let row: Row = sqlx::query_as(&format!(
            "WITH o AS (INSERT INTO sandbox_gateway_orders \
               (reference, merchant_reference, amount, currency, redirect_url, cancel_url, language) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *) SELECT {ROW}"
        ))
        .bind(Uuid::new_v4().to_string())
        .bind(&req.merchant_reference)
        .bind(req.amount_minor)
        .bind(&req.currency)
        .bind(&req.redirect_url)
        .bind(&req.cancel_url)
        .bind(&req.language)
        .fetch_one(&self.db)
        .await
        .map_err(unreachable)?;
        Ok(self.order(row))
    }

    async fn get_order(&self, reference: &str) -> Result<GatewayOrder, GatewayError> {
        Ok(self.order(self.row(reference).await?))
    }

    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
    ) -> Result<GatewayOrder, GatewayError> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "WITH o AS (UPDATE sandbox_gateway_orders SET refunded = refunded + $2, updated_at = now(), \
               state = CASE WHEN refunded + $2 = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END \
             WHERE reference = $1 AND state IN ('PURCHASED', 'PARTIALLY_REFUNDED') \
               AND refunded + $2 <= amount RETURNING *) SELECT {ROW}"
        ))
        .bind(reference)
        .bind(amount_minor)
        .fetch_optional(&self.db)
        .await
        .map_err(unreachable)?;
        row.map(|r| self.order(r))
            .ok_or_else(|| GatewayError::Refused {
                status: 422,
                message: "refund exceeds what was paid".into(),
            })
    }

    fn supports_saved_cards(&self) -> bool {
        true
    }

    async fn pay_with_saved_card(
        &self,
        reference: &str,
        card: &SavedCard,
    ) -> Result<GatewayOrder, GatewayError> {
        if !cards::charge(&self.db, reference, card)
            .await
            .map_err(unreachable)?
        {
            return Err(GatewayError::Refused {
                status: 400,
                message: "unknown card token, or the order is not open".into(),
            });
        }
        self.get_order(reference).await
    }
}

/// The hosted page and its two buttons.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox/pay/{reference}", get(page))
        .route("/sandbox/pay/{reference}/pay", post(pay))
        .route("/sandbox/pay/{reference}/decline", post(decline))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn page(State(state): State<AppState>, Path(reference): Path<String>) -> Response {
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT amount, currency, state, language FROM sandbox_gateway_orders WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_optional(&state.db)
    .await
    .ok()
    .flatten();
    let Some((amount, currency, status, lang)) = row else {
        return ApiError::NotFound.into_response();
    };
    let ar = lang == "ar";
    let (title, pay, decline, note) = if ar {
        (
            "بوابة الدفع التجريبية",
            "ادفع",
            "ارفض",
            "هذه صفحة تجريبية: لا تُخصم أي أموال حقيقية.",
        )
    } else {
        (
            "Sandbox payment gateway",
            "Pay",
            "Decline",
            "A sandbox page: no real money moves.",
        )
    };
    let amount_text = format!("{} {}", kernel::money::decimal(amount), escape(&currency));
    let r = escape(&reference);
    let actions = if status == "STARTED" {
        format!(
            "<form method=\"post\" action=\"/sandbox/pay/{r}/pay\"><button id=\"sandbox-pay\" type=\"submit\">{pay}</button></form>\
             <form method=\"post\" action=\"/sandbox/pay/{r}/decline\"><button id=\"sandbox-decline\" type=\"submit\">{decline}</button></form>"
        )
    } else {
        format!("<p id=\"sandbox-state\">{}</p>", escape(&status))
    };
    Html(format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:1rem}}\
         button{{font-size:1.1rem;padding:.7rem 1.4rem;margin:.4rem 0;width:100%}}\
         .amount{{font-size:2rem;font-weight:700}}</style></head><body>\
         <h1>{title}</h1><p class=\"amount\" id=\"sandbox-amount\">{amount_text}</p>{actions}<p><small>{note}</small></p>\
         </body></html>",
        lang = escape(&lang),
        dir = if ar { "rtl" } else { "ltr" },
    ))
    .into_response()
}

async fn pay(state: State<AppState>, reference: Path<String>) -> Response {
    press(state, reference, "PURCHASED", "PURCHASED").await
}

async fn decline(state: State<AppState>, reference: Path<String>) -> Response {
    press(state, reference, "FAILED", "PURCHASE_DECLINED").await
}

async fn press(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    to: &str,
    event: &str,
) -> Response {
    let done = cards::press(&state.db, &reference, to).await.ok().flatten();
    let Some((redirect_url, amount, currency)) = done else {
        return ApiError::NotFound.into_response();
    };
    let body = serde_json::json!({
        "eventName": event,
        "order": {
            "reference": reference,
            "amount": {"currencyCode": currency, "value": amount},
            "_embedded": {"payment": [{"state": to}]},
        },
    });
    let url = format!(
        "{}/api/v1/payments/webhooks/ngenius",
        state.config.public_url
    );
    // One client for every press (its connection pool and TLS setup are reused).
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    let sent = CLIENT
        .get_or_init(reqwest::Client::new)
        .post(&url)
        .header(
            state.config.payments.webhook_header.as_str(),
            state.config.payments.webhook_secret.as_str(),
        )
        .json(&body)
        .send()
        .await;
    if let Err(e) = sent {
        // Like the real gateway: no retry. The return URL re-reads the state.
        tracing::warn!(error = %e, "sandbox webhook delivery failed");
    }
    let sep = if redirect_url.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{redirect_url}{sep}ref={reference}")).into_response()
}
