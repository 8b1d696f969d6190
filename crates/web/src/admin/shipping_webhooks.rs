//! The carriers' webhook log (`orders.manage`, `/admin/shipping-webhooks`,
//! opened from the shipments page): every call received, newest first,
//! with the carrier, the order it named, the carrier's status word, the
//! verdict (applied, duplicate, refused for its key or signature,
//! unreadable, or for an order we do not know) and what it did.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::shipping::model::WebhookCall;
use app::shipping::service::admin as shipping_admin;
use kernel::Locale;
use kernel::i18n::t;

use super::shipments::{PER_PAGE, pager};
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::{self, Pager};
use crate::shipping;
use crate::signin;

#[derive(Deserialize, Default)]
pub struct Filter {
    page: Option<u32>,
}

/// One call as its row shows it.
pub struct Row {
    id: String,
    received: String,
    /// The carrier in words.
    carrier: String,
    /// Empty when the call named none (or could not be read).
    order_ref: String,
    raw_status: String,
    verdict: &'static str,
    badge: &'static str,
    /// What the call did, as the service wrote it; may be empty.
    effect: String,
}

impl Row {
    fn of(locale: Locale, w: &WebhookCall) -> Row {
        let verdict = shipping::verdict(&w.verdict);
        Row {
            id: w.id.to_string(),
            received: shared::when(locale, w.received_at),
            carrier: t(
                locale,
                &format!("shp-carrier-{}", shipping::carrier(&w.carrier)),
            ),
            order_ref: w
                .order_ref
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .to_owned(),
            raw_status: w
                .raw_status
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .to_owned(),
            verdict,
            badge: shipping::verdict_badge(verdict),
            effect: w.effect.trim().to_owned(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/shipping_webhooks.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let page = f.page.unwrap_or(1).max(1);
    let items = match shipping_admin::webhooks(&state, &caller, i64::from(page)).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        // The sidebar marks the shipments, which this page belongs to.
        section: "shipments",
        pager: pager(ctx.locale, page, items.len() >= PER_PAGE, |p| {
            if p > 1 {
                format!("{base}/shipping-webhooks?page={p}")
            } else {
                format!("{base}/shipping-webhooks")
            }
        }),
        rows: items.iter().map(|w| Row::of(ctx.locale, w)).collect(),
    }
    .into_response()
}
