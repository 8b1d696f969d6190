//! The delivery card of the customer's order page (`#order-tracking`): the
//! carrier in words, the tracking number and the carrier's tracking link
//! when there are some, and the shipment's timeline newest first, each step
//! with its badge, time and source. Before the store hands the order to the
//! courier it says so in one line. It is live: a `shipment:status` of the
//! order on the customer's socket reloads the card through htmx
//! (`GET /app/orders/{id}/tracking`, this module's fragment; see
//! `static/ds/order_live.js`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use app::AppState;
use app::shipping::model::{Tracking, TrackingEvent};
use app::shipping::service::track;
use kernel::Locale;
use kernel::i18n::t;
use kernel::ids::parse_id;

use super::{Ui, app_base};
use crate::chrome::WebCtx;
use crate::shipping;
use crate::{shared, signin};

/// Order statuses in which the order waits for (or is on) its delivery:
/// the card shows even before there is a shipment, and listens.
const BEFORE_DELIVERY: [&str; 5] = [
    "confirmed",
    "accepted",
    "preparing",
    "ready_for_pickup",
    "shipped",
];

/// One step of the timeline, in the page's language.
pub struct EventView {
    pub status: &'static str,
    pub badge: &'static str,
    pub label: String,
    /// Where the step came from, in words.
    pub source: String,
    /// The carrier's own note; may be empty.
    pub note: String,
    pub at: String,
}

impl EventView {
    fn of(locale: Locale, e: &TrackingEvent) -> EventView {
        let status = shipping::status(&e.status);
        EventView {
            status,
            badge: shipping::status_badge(status),
            label: t(locale, &format!("shp-status-{status}")),
            source: t(
                locale,
                &format!("shp-source-{}", shipping::source(&e.source)),
            ),
            note: e.note.trim().to_owned(),
            at: shared::when(locale, e.occurred_at),
        }
    }
}

/// The delivery card.
pub struct TrackingCard {
    pub order_id: String,
    /// The carrier in words.
    pub carrier: String,
    /// The shipment's status (empty before there is a shipment), its badge
    /// and its words.
    pub status: &'static str,
    pub badge: &'static str,
    pub status_label: String,
    /// Empty while the carrier has given none.
    pub number: String,
    /// The carrier's tracking page (http or https only); empty when none.
    pub url: String,
    /// Newest first.
    pub events: Vec<EventView>,
    /// Whether the card shows: there is a shipment, or the order waits for one.
    pub shown: bool,
    /// Whether the page listens for the shipment's steps.
    pub live: bool,
}

impl TrackingCard {
    /// The card of `tr`; `order_status` is the order's own status (the
    /// fragment, reloaded after a shipment's step, passes `None`).
    pub fn of(locale: Locale, tr: &Tracking, order_status: Option<&str>) -> TrackingCard {
        let status = tr.status.as_deref().map(shipping::status).unwrap_or("");
        let waiting = order_status.is_none_or(|s| BEFORE_DELIVERY.contains(&s));
        let url = tr
            .tracking_url
            .as_deref()
            .map(str::trim)
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .unwrap_or("")
            .to_owned();
        TrackingCard {
            order_id: tr.order_id.to_string(),
            carrier: t(
                locale,
                &format!("shp-carrier-{}", shipping::carrier(&tr.carrier)),
            ),
            status,
            badge: shipping::status_badge(status),
            status_label: if status.is_empty() {
                String::new()
            } else {
                t(locale, &format!("shp-status-{status}"))
            },
            number: tr
                .tracking_number
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .to_owned(),
            url,
            events: tr
                .events
                .iter()
                .rev()
                .map(|e| EventView::of(locale, e))
                .collect(),
            shown: !status.is_empty() || waiting,
            live: waiting && !shipping::finished(status),
        }
    }

    /// Whether the order page opens the socket for this card.
    pub fn live(&self) -> bool {
        self.live
    }
}

/// The card alone (`order_tracking.html`), for the live refresh.
#[derive(Template, WebTemplate)]
#[template(path = "customer/order_tracking.html")]
struct TrackingFragment {
    u: Ui,
    tracking: TrackingCard,
}

/// `GET /app/orders/{id}/tracking`: the delivery card (htmx, on
/// `shipment:status`).
pub async fn fragment(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let loaded = async { track::tracking(&state, &caller, parse_id(&id)?).await }.await;
    let tr = match loaded {
        Ok(tr) => tr,
        Err(e) => return e.status().into_response(),
    };
    let fragment = TrackingFragment {
        u: Ui {
            c: shared::chrome(&ctx, &csrf),
            base: app_base(&ctx),
            signed_in: true,
            cart_count: 0,
            section: "orders",
        },
        tracking: TrackingCard::of(ctx.locale, &tr, None),
    };
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        fragment.into_response(),
    )
        .into_response()
}
