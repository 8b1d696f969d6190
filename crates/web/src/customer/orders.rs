//! The customer's orders: the list, and one order with its items, amounts,
//! status history, payments, the cancel button while the rules allow it,
//! the link to its invoice, and its live delivery card
//! (`order_tracking.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::idempotency::IdempotencyKey;
use app::invoices::service as invoices;
use app::orders::model::{
    Order, OrderDetail, OrderItem, OrderQuery, PayAgainMethod, PayAgainRequest,
};
use app::orders::service::{self as orders, Viewer};
use app::orders::status::OrderStatus;
use app::payments::model::{Payment, Refund};
use kernel::ApiError;
use kernel::ids::parse_id;

use super::cards::{self, CardView};
use super::order_tracking::TrackingCard;
use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, parse_int};
use crate::signin;

const PER_PAGE: u32 = 20;

pub struct OrderRowView {
    id: String,
    number: String,
    store: String,
    status: String,
    created_at: OffsetDateTime,
    amount_due: i64,
    items: i64,
    /// An order of an outside merchant's part (its own page and steps).
    external: bool,
}

impl From<Order> for OrderRowView {
    fn from(o: Order) -> OrderRowView {
        OrderRowView {
            id: o.id.to_string(),
            number: o.number,
            store: o.store_name,
            status: o.status,
            created_at: o.created_at,
            amount_due: o.amount_due,
            items: o.items.iter().map(|i| i64::from(i.quantity)).sum(),
            external: false,
        }
    }
}

impl OrderRowView {
    fn external(o: app::external::orders::ExternalOrder, locale: kernel::Locale) -> OrderRowView {
        OrderRowView {
            id: o.id.to_string(),
            number: o.number,
            store: if locale == kernel::Locale::Ar {
                o.name_ar
            } else {
                o.name_en
            },
            status: o.status,
            created_at: o.created_at,
            amount_due: o.total,
            items: i64::from(o.quantity),
            external: true,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/orders.html")]
struct ListPage {
    u: Ui,
    total: i64,
    rows: Vec<OrderRowView>,
    prev: Option<String>,
    next: Option<String>,
    page_label: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<ListQuery>,
) -> Response {
    let page = parse_int::<u32>(&f.page).filter(|p| *p >= 1).unwrap_or(1);
    let q = OrderQuery {
        status: None,
        store_id: None,
        customer_id: None,
        number: None,
        page: Some(page),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (rows, meta) =
        match orders::list(&state, &caller, Viewer::Customer(caller.user_id), &q).await {
            Ok(v) => v,
            Err(e) => return error_page(&ctx, e),
        };
    let u = ui(&state, &ctx, Some(&caller), &csrf, "orders").await;
    let pages = meta.total_pages.max(1);
    let link = |p: u32| format!("{}/orders?page={p}", u.base);
    // Orders of outside merchants' parts sit in the same list, by date, on
    // its first page.
    let mut all: Vec<OrderRowView> = rows.into_iter().map(OrderRowView::from).collect();
    let mut total = meta.total;
    if page == 1 {
        let ext = super::external::order_rows(&state, &caller).await;
        total += ext.len() as i64;
        all.extend(
            ext.into_iter()
                .map(|o| OrderRowView::external(o, ctx.locale)),
        );
        all.sort_by_key(|o| std::cmp::Reverse(o.created_at));
    }
    ListPage {
        total,
        rows: all,
        prev: (page > 1).then(|| link(page - 1)),
        next: (i64::from(page) < pages).then(|| link(page + 1)),
        page_label: kernel::i18n::Message::new("app-page-of")
            .arg("page", i64::from(page))
            .arg("pages", pages)
            .render(ctx.locale),
        u,
    }
    .into_response()
}

/// The delivery address as the order recorded it.
pub struct AddressView {
    label: String,
    line: String,
}

impl AddressView {
    fn of(v: &serde_json::Value) -> AddressView {
        let text = |k: &str| v[k].as_str().unwrap_or("").trim().to_owned();
        let line = ["recipientName", "city", "district", "street", "details"]
            .iter()
            .map(|k| text(k))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("، ");
        AddressView {
            label: text("label"),
            line,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/order.html")]
struct DetailPage {
    u: Ui,
    o: Order,
    items: Vec<OrderItem>,
    address: AddressView,
    note: String,
    history: Vec<app::orders::model::StatusChange>,
    payments: Vec<Payment>,
    refunds: Vec<Refund>,
    cancellable: bool,
    /// Awaiting payment within its window: the pay-again forms show, each
    /// with its own idempotency key (a double click pays once).
    payable: bool,
    pay_key: String,
    has_invoice: bool,
    /// The delivery card (`order_tracking.html`).
    tracking: TrackingCard,
    /// The order ended because its parcel came back to the store; and it
    /// was a cash order (nothing collected, nothing to refund).
    returned: bool,
    returned_cash: bool,
    error: Option<String>,
    /// The card form's choices (`card_choice.html`): saved cards, none
    /// chosen, a new card not kept unless ticked.
    cards: Vec<CardView>,
    saved_card: String,
    save_card: bool,
    card_error: String,
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let d: OrderDetail =
        match orders::detail(state, caller, Viewer::Customer(caller.user_id), id).await {
            Ok(d) => d,
            Err(e) => return error_page(ctx, e),
        };
    // The invoice exists once the order is confirmed (paid, or cash).
    let has_invoice = match invoices::for_order(state, caller, id).await {
        Ok(_) => true,
        Err(ApiError::NotFound) => false,
        Err(e) => return error_page(ctx, e),
    };
    let tracking = match app::shipping::service::track::tracking(state, caller, id).await {
        Ok(tr) => TrackingCard::of(ctx.locale, &tr, Some(d.order.status.as_str())),
        Err(e) => return error_page(ctx, e),
    };
    let u = ui(state, ctx, Some(caller), csrf, "orders").await;
    let cards = if d.payable {
        cards::choices(state, caller).await
    } else {
        Vec::new()
    };
    let OrderDetail {
        order,
        history,
        payments,
        refunds,
        cancellable,
        payable,
    } = d;
    let mut o = order;
    let items = std::mem::take(&mut o.items);
    let returned = o.status == "cancelled" && tracking.status == "returned";
    let page = DetailPage {
        returned,
        returned_cash: returned && o.payment_method == "cash",
        address: AddressView::of(&o.address),
        note: o.address["note"].as_str().unwrap_or("").to_owned(),
        items,
        o,
        history,
        payments,
        refunds,
        cancellable,
        payable,
        pay_key: Uuid::new_v4().to_string(),
        has_invoice,
        tracking,
        error,
        cards,
        saved_card: String::new(),
        save_card: false,
        card_error: String::new(),
        u,
    };
    (status, page).into_response()
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    render(&state, &ctx, &caller, &csrf, id, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct PayForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default, rename = "_key")]
    key: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    saved_card: String,
    #[serde(default)]
    save_card: String,
}

/// Pays an order awaiting payment again: a new card attempt (to the hosted
/// page) or from the wallet (back to the order, now confirmed).
pub async fn pay(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<PayForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let method = match form.method.as_str() {
        "wallet" => PayAgainMethod::Wallet,
        _ => PayAgainMethod::Card,
    };
    let key = if form.key.is_empty() || form.key.len() > 200 {
        Uuid::new_v4().to_string()
    } else {
        form.key.clone()
    };
    let card = method == PayAgainMethod::Card;
    let saved_card_id = cards::chosen(&form.saved_card).filter(|_| card);
    let req = PayAgainRequest {
        payment_method: method,
        save_card: (card && saved_card_id.is_none() && form.save_card == "on").then_some(true),
        saved_card_id,
    };
    let result = app::orders::pay::pay_again(&state, &caller, &IdempotencyKey(key), id, &req).await;
    match result {
        Ok(replay) if replay.status.is_success() => {
            match replay.body["data"]["paymentUrl"].as_str() {
                Some(url) => see_other(url),
                None => see_other(&format!("{}/orders/{id}", app_base(&ctx))),
            }
        }
        Ok(_) => see_other(&format!("{}/orders/{id}", app_base(&ctx))),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let message = Errors::from_api(&e, ctx.locale).form;
            render(&state, &ctx, &caller, &csrf, id, message, e.status()).await
        }
    }
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

/// Cancels the order while the rules allow it; paid money goes back the way it came.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CancelForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let viewer = Viewer::Customer(caller.user_id);
    match orders::transition(&state, &caller, viewer, id, OrderStatus::Cancelled, "").await {
        Ok(_) => see_other(&format!("{}/orders/{id}", app_base(&ctx))),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let message = Errors::from_api(&e, ctx.locale).form;
            render(&state, &ctx, &caller, &csrf, id, message, e.status()).await
        }
    }
}
