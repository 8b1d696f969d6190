//! A store's orders: a list with status tabs, and an order's page with its
//! items, delivery address, amounts and history, where the store takes its
//! next step (htmx). `orders.view` sees, `orders.manage` acts; the order
//! service hides other stores' orders (404).
//!
//! The order views here are shared with the admin order pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::orders::model::{Order, OrderDetail, OrderQuery, TransitionRequest};
use app::orders::service::{self as orders, Viewer};
use app::orders::status::{Actor, OrderStatus};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, prompt};
use crate::shared::Pager;
use crate::signin;

/// Orders a page shows at once.
pub const PER_PAGE: u32 = 20;

/// The steps a store takes, in the order its buttons are shown.
const STORE_STEPS: [OrderStatus; 6] = [
    OrderStatus::Accepted,
    OrderStatus::Rejected,
    OrderStatus::Preparing,
    OrderStatus::Shipped,
    OrderStatus::ReadyForPickup,
    OrderStatus::Delivered,
];

/// An amount in halalas as SAR with the currency word of the page's language.
pub fn sar(locale: Locale, halalas: i64) -> String {
    kernel::money::format(locale, halalas)
}

/// A moment as Saudi local time (UTC+3, no daylight saving): `2026-01-05 14:03`.
pub fn when(t: OffsetDateTime) -> String {
    crate::shared::local_time(&t)
}

/// The status tabs or options: every status, with whether it is chosen.
pub fn status_choices(chosen: Option<OrderStatus>) -> Vec<(&'static str, bool)> {
    OrderStatus::ALL
        .iter()
        .map(|s| (s.as_str(), Some(*s) == chosen))
        .collect()
}

pub struct ItemView {
    pub name: String,
    pub quantity: i32,
    pub unit_price: String,
    /// The price before the store's promotion, when one lowered it.
    pub original_unit_price: Option<String>,
    pub line_total: String,
}

/// One order as the lists and pages show it; amounts already in SAR.
pub struct OrderView {
    pub id: String,
    pub number: String,
    pub created: String,
    pub store_name: String,
    pub city: String,
    pub status: String,
    pub method: String,
    pub subtotal: String,
    pub delivery_fee: String,
    pub vat: String,
    pub total: String,
    pub discount: Option<String>,
    /// What the store's promotions took off (funded by the store).
    pub store_discount: Option<String>,
    pub amount_due: String,
    pub items: Vec<ItemView>,
    /// The delivery address: its part, translated label and value, the empty parts left out.
    pub address: Vec<(&'static str, String, String)>,
}

impl OrderView {
    pub fn of(o: &Order, locale: Locale) -> OrderView {
        let a = &o.address;
        let text = |key: &str| {
            a.get(key)
                .and_then(|x| x.as_str())
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        let address = [
            ("web-orders-address-label", "label"),
            ("web-orders-address-recipient", "recipientName"),
            ("web-orders-address-phone", "phone"),
            ("web-orders-address-city", "city"),
            ("web-orders-address-district", "district"),
            ("web-orders-address-street", "street"),
            ("web-orders-address-details", "details"),
            ("web-orders-address-note", "note"),
        ]
        .into_iter()
        .map(|(label, key)| {
            let value = if key == "phone" {
                crate::shared::phone(&text(key))
            } else {
                text(key)
            };
            (key, kernel::i18n::t(locale, label), value)
        })
        .filter(|(_, _, v)| !v.is_empty())
        .collect();
        OrderView {
            id: o.id.to_string(),
            number: o.number.clone(),
            created: when(o.created_at),
            store_name: o.store_name.clone(),
            city: text("city"),
            status: o.status.clone(),
            method: o.payment_method.clone(),
            subtotal: sar(locale, o.subtotal),
            delivery_fee: sar(locale, o.delivery_fee),
            vat: sar(locale, o.vat),
            total: sar(locale, o.total),
            discount: (o.discount != 0).then(|| sar(locale, o.discount)),
            store_discount: (o.store_discount != 0).then(|| sar(locale, o.store_discount)),
            amount_due: sar(locale, o.amount_due),
            items: o
                .items
                .iter()
                .map(|i| ItemView {
                    name: i.name.clone(),
                    quantity: i.quantity,
                    unit_price: sar(locale, i.unit_price),
                    original_unit_price: (i.store_discount > 0)
                        .then(|| sar(locale, i.original_unit_price)),
                    line_total: sar(locale, i.line_total),
                })
                .collect(),
            address,
        }
    }
}

/// One step of an order's history.
pub struct StepView {
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
    pub note: String,
    pub at: String,
}

pub fn history(d: &OrderDetail) -> Vec<StepView> {
    d.history
        .iter()
        .map(|h| StepView {
            from: h.from_status.clone(),
            to: h.to_status.clone(),
            actor: h.actor_role.clone(),
            note: h.note.clone(),
            at: when(h.created_at),
        })
        .collect()
}

/// The steps `actor` may take from `status` among `steps`.
pub fn next_steps(status: &str, steps: &[OrderStatus], actor: Actor) -> Vec<&'static str> {
    match OrderStatus::parse(status) {
        Some(from) => steps
            .iter()
            .filter(|to| from.allows(**to, actor))
            .map(|to| to.as_str())
            .collect(),
        None => Vec::new(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/orders.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    statuses: Vec<(&'static str, bool)>,
    all_selected: bool,
    total: i64,
    rows: Vec<OrderView>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

/// The store's standing for its order pages: 404 for outsiders, 403 for
/// an employee without `orders.view`; and whether the caller may act.
async fn standing(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    store: &str,
) -> Result<(Uuid, StoreNav, bool), Response> {
    // The store service read the caller's standing; the orders service
    // checks it again for each read and step.
    let (store_id, nav) = store_of(state, ctx, caller, store).await?;
    if !nav.orders {
        return Err(error_page(ctx, ApiError::Forbidden));
    }
    let may_act = nav.manage_orders;
    Ok((store_id, nav, may_act))
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
    Query(f): Query<Filter>,
) -> Response {
    let (store_id, nav, _) = match standing(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let status = OrderStatus::parse(&f.status);
    let q = OrderQuery {
        status,
        store_id: None,
        customer_id: None,
        number: None,
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (items, meta) = match orders::list(&state, &caller, Viewer::Store(store_id), &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.partner_base();
    let status_param = status.map_or("", OrderStatus::as_str);
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/stores/{store_id}/orders?status={status_param}&page={p}")
    });
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "stores",
        store: nav,
        statuses: status_choices(status),
        all_selected: status.is_none(),
        total: meta.total,
        rows: items.iter().map(|o| OrderView::of(o, ctx.locale)).collect(),
        pager,
    }
    .into_response()
}

/// The part of an order's page that its steps change: status, buttons, history.
pub struct Panel {
    order_id: String,
    status: String,
    steps: Vec<&'static str>,
    history: Vec<StepView>,
    error: Option<String>,
}

impl Panel {
    fn of(d: &OrderDetail, manage: bool, error: Option<String>) -> Panel {
        Panel {
            order_id: d.order.id.to_string(),
            status: d.order.status.clone(),
            steps: if manage {
                next_steps(&d.order.status, &STORE_STEPS, Actor::Store)
            } else {
                Vec::new()
            },
            history: history(d),
            error,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/orders_detail.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    order: OrderView,
    panel: Panel,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/orders_panel.html")]
struct PanelFragment {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    panel: Panel,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (store_id, nav, manage) = match standing(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let found = match parse_id(&id) {
        Ok(id) => orders::detail(&state, &caller, Viewer::Store(store_id), id).await,
        Err(e) => Err(e),
    };
    let d = match found {
        Ok(d) => d,
        Err(e) => return error_page(&ctx, e),
    };
    DetailPage {
        c: chrome(&ctx, &csrf),
        base: ctx.partner_base(),
        section: "stores",
        store: nav,
        order: OrderView::of(&d.order, ctx.locale),
        panel: Panel::of(&d, manage, None),
    }
    .into_response()
}

/// Takes the step the button names (`status`; a rejection's reason comes
/// from the prompt) and answers the order's new panel.
pub async fn step(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let viewer = Viewer::Store(store_id);
    let to = OrderStatus::parse(&f.get("status")).filter(|s| STORE_STEPS.contains(s));
    let result = match to {
        Some(to) => {
            let note = prompt(&headers).trim().to_owned();
            let req = TransitionRequest {
                status: to,
                note: Some(note.clone()).filter(|n| !n.is_empty()),
            };
            let mut e = FieldErrors::new();
            if to == OrderStatus::Rejected {
                e.required("note", &note);
            }
            match e.into_result().and_then(|()| req.validate()) {
                Ok(()) => orders::transition(&state, &caller, viewer, id, to, &note).await,
                Err(e) => Err(e),
            }
        }
        None => Err(ApiError::BadRequest(Message::new(
            "web-orders-step-unknown",
        ))),
    };
    let done = result.is_ok();
    let (detail, error) = match result {
        Ok(d) => (d, None),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::BadRequest(_)
            | ApiError::Unprocessable { .. }),
        ) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let message = Some(errors.of("note"))
                .filter(|m| !m.is_empty())
                .or(errors.form);
            match orders::detail(&state, &caller, viewer, id).await {
                Ok(d) => (d, message),
                Err(e) => return error_page(&ctx, e),
            }
        }
        Err(e) => return error_page(&ctx, e),
    };
    let toast = done.then(|| {
        kernel::i18n::Message::new("ds-toast-order-step")
            .arg(
                "status",
                kernel::i18n::t(
                    ctx.locale,
                    &format!("web-orders-status-{}", detail.order.status),
                ),
            )
            .render(ctx.locale)
    });
    let page = PanelFragment {
        c: chrome(&ctx, &csrf),
        base: ctx.partner_base(),
        store: nav,
        panel: Panel::of(&detail, true, error),
    }
    .into_response();
    match toast {
        Some(m) => crate::shared::with_toast(page, &m, "success"),
        None => page,
    }
}
