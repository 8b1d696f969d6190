//! One part request for admins (`requests.manage`): its facts and photos,
//! the customer, every offer with its amounts and the commission it was
//! made at, the status history, the negotiation threads (read-only), and
//! closing an open request with a reason (asked in the page's dialog,
//! audited by the service).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use uuid::Uuid;

use app::AppState;
use app::chat::model::ChatMessage;
use app::identity::model::User;
use app::requests::model::{Offer, RequestReason, RequestStatus, RequestStep};
use app::requests::service::admin::{self as requests, AdminRequest, Negotiation};
use kernel::Locale;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::common::{percent, refused};
use super::requests::vehicle;
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::prompt;
use crate::shared;
use crate::signin;

/// One decimal place, in the page's digits.
fn decimal(locale: Locale, x: f64) -> String {
    kernel::money::with_digits(&format!("{x:.1}"), kernel::money::digits_of(locale))
}

/// A distance or a radius, already in the page's digits, with its unit.
fn km(locale: Locale, text: String) -> String {
    Message::new("adm-req-km").arg("km", text).render(locale)
}

pub struct OfferView {
    store: String,
    /// Average stars, empty before the store's first review.
    rating: String,
    distance: String,
    status: &'static str,
    total: i64,
    unit_price: i64,
    quantity: i64,
    delivery_fee: i64,
    vat: i64,
    condition: String,
    origin: String,
    brand: String,
    warranty: String,
    availability: String,
    fulfilment: String,
    commission: String,
    revision: i64,
    notes: String,
    expires: String,
}

impl OfferView {
    fn of(locale: Locale, o: &Offer) -> OfferView {
        OfferView {
            store: o.store_name.clone(),
            rating: o
                .store_rating
                .map(|r| decimal(locale, r))
                .unwrap_or_default(),
            distance: km(locale, decimal(locale, o.distance_km)),
            status: o.status.as_str(),
            total: o.total,
            unit_price: o.unit_price,
            quantity: i64::from(o.quantity),
            delivery_fee: o.delivery_fee,
            vat: o.vat,
            condition: o.condition.clone(),
            origin: o.origin.clone(),
            brand: o.brand.clone().unwrap_or_default(),
            warranty: Message::new("adm-req-warranty-days")
                .arg("count", i64::from(o.warranty_days))
                .render(locale),
            availability: if o.in_stock {
                t(locale, "adm-req-in-stock")
            } else {
                Message::new("adm-req-days-to-obtain")
                    .arg("count", i64::from(o.days_to_obtain))
                    .render(locale)
            },
            fulfilment: o.fulfilment.clone(),
            commission: percent(locale, i64::from(o.commission_bp)),
            revision: i64::from(o.revision),
            notes: o.notes.clone().unwrap_or_default(),
            expires: shared::when(locale, o.expires_at),
        }
    }
}

pub struct StepView {
    from: Option<String>,
    to: String,
    actor: String,
    note: String,
    at: String,
}

impl StepView {
    fn of(locale: Locale, s: &RequestStep) -> StepView {
        StepView {
            from: s.from_status.clone(),
            to: s.to_status.clone(),
            actor: s.actor_role.clone(),
            note: s.note.clone(),
            at: shared::when(locale, s.created_at),
        }
    }
}

pub struct MessageView {
    sender: String,
    /// `customer` or `store`, for the sender's label.
    side: &'static str,
    body: String,
    at: String,
    attachment: Option<String>,
}

/// One negotiation thread: the store's name and its messages, oldest first.
pub struct ThreadView {
    id: String,
    store: String,
    messages: Vec<MessageView>,
}

/// An API media link (`/api/v1/media/{id}`) as this surface serves it, so
/// that the admin's session cookie is what authorises it.
fn media_link(base: &str, api_url: &str) -> String {
    match api_url.strip_prefix("/api/v1/media/") {
        Some(rest) => format!("{base}/media/{rest}"),
        None => api_url.to_owned(),
    }
}

fn thread(
    locale: Locale,
    base: &str,
    d: &AdminRequest,
    customer: &str,
    stores: &HashMap<Uuid, &str>,
    n: &Negotiation,
) -> ThreadView {
    let store = stores
        .get(&n.store_id)
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| t(locale, "web-orders-actor-store"));
    let named = |m: &ChatMessage| m.sender_name.clone().filter(|s| !s.trim().is_empty());
    // The service answers newest first; a conversation reads top to bottom.
    let messages = n
        .messages
        .iter()
        .rev()
        .map(|m| {
            let from_customer = m.sender_id == d.customer_id;
            MessageView {
                sender: if from_customer {
                    named(m)
                        .or_else(|| Some(customer.to_owned()).filter(|c| !c.is_empty()))
                        .unwrap_or_else(|| t(locale, "web-chat-unnamed"))
                } else {
                    named(m).unwrap_or_else(|| store.clone())
                },
                side: if from_customer { "customer" } else { "store" },
                body: m.body.clone(),
                at: shared::when(locale, m.created_at),
                attachment: m.attachment_url.as_deref().map(|u| media_link(base, u)),
            }
        })
        .collect();
    ThreadView {
        id: n.thread_id.to_string(),
        store,
        messages,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/request.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    id: String,
    number: String,
    status: &'static str,
    /// Only an open request can be closed.
    open: bool,
    vehicle: String,
    vin: String,
    category: String,
    description: String,
    quantity: i64,
    condition: &'static str,
    notes: String,
    city: String,
    district: String,
    radius: String,
    expires: String,
    created: String,
    stores: i64,
    offers_count: i64,
    photos: Vec<String>,
    /// Empty until an offer is accepted.
    order_id: String,
    closed_reason: String,
    customer_id: String,
    /// Empty when the caller may not see users (`users.view`) or the
    /// customer has no name.
    customer_name: String,
    customer_phone: String,
    offers: Vec<OfferView>,
    history: Vec<StepView>,
    threads: Vec<ThreadView>,
}

fn detail_page(ctx: &WebCtx, csrf: &str, d: &AdminRequest, customer: Option<&User>) -> DetailPage {
    let locale = ctx.locale;
    let base = ctx.admin_base();
    let r = &d.request;
    let customer_name = customer
        .and_then(|u| u.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_default();
    let stores: HashMap<Uuid, &str> = d
        .offers
        .iter()
        .map(|o| (o.store_id, o.store_name.as_str()))
        .collect();
    let digits = kernel::money::digits_of(locale);
    DetailPage {
        c: chrome(ctx, csrf),
        base,
        section: "requests",
        id: r.id.to_string(),
        number: r.number.clone(),
        status: r.status.as_str(),
        open: r.status == RequestStatus::Open,
        vehicle: vehicle(locale, &r.vehicle),
        vin: r.vehicle.vin.clone().unwrap_or_default(),
        category: r.category.name.clone(),
        description: r.description.clone(),
        quantity: i64::from(r.quantity),
        condition: r.condition.as_str(),
        notes: r.notes.clone().unwrap_or_default(),
        city: r.location.city.clone(),
        district: r.location.district.clone().unwrap_or_default(),
        radius: km(
            locale,
            kernel::money::with_digits(&r.radius_km.to_string(), digits),
        ),
        expires: shared::when(locale, r.expires_at),
        created: shared::when(locale, r.created_at),
        stores: r.stores_count,
        offers_count: r.offers_count,
        photos: r.photos.iter().map(Uuid::to_string).collect(),
        order_id: r.order_id.map(|o| o.to_string()).unwrap_or_default(),
        closed_reason: r.closed_reason.clone().unwrap_or_default(),
        customer_id: d.customer_id.to_string(),
        customer_phone: customer
            .map(|u| shared::phone(&u.phone))
            .unwrap_or_default(),
        offers: d.offers.iter().map(|o| OfferView::of(locale, o)).collect(),
        history: d.history.iter().map(|s| StepView::of(locale, s)).collect(),
        threads: d
            .negotiations
            .iter()
            .map(|n| thread(locale, base, d, &customer_name, &stores, n))
            .collect(),
        customer_name,
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let d = match requests::get(&state, &caller, id).await {
        Ok(d) => d,
        Err(e) => return error_page(&ctx, e),
    };
    // The customer's name and phone come from the users' service; an admin
    // without `users.view` sees the request with the link alone.
    let customer = app::admin::service::user(&state, &caller, d.customer_id)
        .await
        .ok();
    detail_page(&ctx, &csrf, &d, customer.as_ref()).into_response()
}

/// Closes an open request with the reason typed in the dialog; the page
/// comes back closed, with a toast. A request that stopped being open
/// meanwhile is refused (409) with its message as an error toast.
pub async fn close(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    let why = RequestReason {
        reason: prompt(&headers),
    };
    if let Err(e) = why.validate() {
        return refused(&ctx, e);
    }
    match requests::close(&state, &caller, id, &why).await {
        Ok(r) => {
            let message = Message::new("adm-req-toast-closed")
                .arg("number", r.number)
                .render(ctx.locale);
            shared::htmx_redirect_with_toast(
                &format!("{}/requests/{id}", ctx.admin_base()),
                &message,
            )
        }
        Err(e) => refused(&ctx, e),
    }
}
