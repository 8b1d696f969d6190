//! External parts in the app: parts of outside merchants found beside the
//! catalog's, their page with the order form (card through the hosted page,
//! wallet, cash), and their orders' page with the pipeline's steps.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use uuid::Uuid;

use app::AppState;
use app::external::model::{ExternalPart, PartSearch};
use app::external::orders::{self, ExternalOrder, PlaceExternal};
use app::external::service as external;
use app::idempotency::IdempotencyKey;
use app::payments::model::Method;
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::{Fields, parse_int};
use crate::shared::redirect_with_toast;
use crate::signin;

/// An external part among search results.
pub struct ExternalCard {
    pub id: String,
    pub name: String,
    pub merchant: String,
    /// With VAT, as customers compare prices.
    pub price_vat: i64,
    pub lead_days: i64,
}

fn pick(locale: Locale, ar: &str, en: &str) -> String {
    if locale == Locale::Ar { ar } else { en }.to_owned()
}

impl ExternalCard {
    fn of(p: &ExternalPart, locale: Locale) -> ExternalCard {
        ExternalCard {
            id: p.id.to_string(),
            name: pick(locale, &p.name_ar, &p.name_en),
            merchant: pick(locale, &p.merchant_name_ar, &p.merchant_name_en),
            price_vat: p.price + kernel::money::vat_of(p.price),
            lead_days: i64::from(p.lead_time_days),
        }
    }
}

/// External parts matching `q` (the first few); none when the search fails,
/// which then only hides this section. With `fit` (make, model, year of a
/// saved car), only parts that fit it.
pub async fn matching(
    state: &AppState,
    q: &str,
    fit: Option<(Uuid, Uuid, i32)>,
    locale: Locale,
) -> Vec<ExternalCard> {
    let search = PartSearch {
        q: Some(q.to_owned()),
        make_id: fit.map(|f| f.0),
        model_id: fit.map(|f| f.1),
        year: fit.map(|f| f.2),
        per_page: Some(6),
        ..PartSearch::default()
    };
    match external::search(state, &search).await {
        Ok((rows, _)) => rows.iter().map(|p| ExternalCard::of(p, locale)).collect(),
        Err(e) => {
            tracing::warn!(error = ?e, "external parts search failed");
            Vec::new()
        }
    }
}

pub struct AddressChoice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/external_part.html")]
struct PartPage {
    u: Ui,
    p: ExternalPart,
    name: String,
    merchant: String,
    price_vat: i64,
    lead_days: i64,
    addresses: Vec<AddressChoice>,
    key: String,
    error: Option<String>,
}

async fn part_page(state: &AppState, ctx: &WebCtx, id: &str, error: Option<ApiError>) -> Response {
    let who = match super::visitor(state, ctx).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let p = match async { external::part(state, parse_id(id)?).await }.await {
        Ok(p) => p,
        Err(e) => return error_page(ctx, e),
    };
    let addresses = match &who.caller {
        Some(c) => app::customer::service::addresses(state, c)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let status = error
        .as_ref()
        .map_or(http::StatusCode::OK, ApiError::status);
    let page = PartPage {
        u: ui(state, ctx, who.caller.as_ref(), &who.csrf, "browse").await,
        name: pick(ctx.locale, &p.name_ar, &p.name_en),
        merchant: pick(ctx.locale, &p.merchant_name_ar, &p.merchant_name_en),
        price_vat: p.price + kernel::money::vat_of(p.price),
        lead_days: i64::from(p.lead_time_days),
        addresses: addresses
            .iter()
            .map(|a| AddressChoice {
                id: a.id.to_string(),
                label: format!("{} — {}", a.label, a.city),
                selected: a.is_default,
            })
            .collect(),
        key: Uuid::new_v4().to_string(),
        error: error.map(|e| e.message().render(ctx.locale)),
        p,
    };
    (status, page).into_response()
}

pub async fn part(State(state): State<AppState>, ctx: WebCtx, Path(id): Path<String>) -> Response {
    part_page(&state, &ctx, &id, None).await
}

/// Orders the part: card goes on to the hosted page, wallet and cash land
/// on the new order.
pub async fn order(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let method = match f.get("method").as_str() {
        "card" => Method::Card,
        "cash" => Method::Cash,
        _ => Method::Wallet,
    };
    let placed = async {
        let body = PlaceExternal {
            part_id: parse_id(&id)?,
            quantity: parse_int::<i32>(&f.get("quantity")).unwrap_or(1),
            address_id: parse_id(&f.get("address")).map_err(|_| {
                ApiError::Validation(kernel::FieldErrors::single(
                    "addressId",
                    kernel::i18n::Message::new("checkout-address-unknown"),
                ))
            })?,
            payment_method: method,
        };
        kernel::validation::Validate::validate(&body)?;
        orders::place(&state, &caller, &IdempotencyKey(f.get("key")), &body).await
    }
    .await;
    match placed {
        Ok(replay) => {
            let data = &replay.body["data"];
            if let Some(url) = data["paymentUrl"].as_str() {
                return see_other(url);
            }
            let order = data["order"]["id"].as_str().unwrap_or_default();
            redirect_with_toast(
                &format!("{}/external-orders/{order}", app_base(&ctx)),
                &kernel::i18n::t(ctx.locale, "xp-ordered"),
            )
        }
        Err(e) => part_page(&state, &ctx, &id, Some(e)).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/external_order.html")]
struct OrderPage {
    u: Ui,
    o: ExternalOrder,
    name: String,
    steps: Vec<(&'static str, bool)>,
}

pub async fn order_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let o = match async { orders::get(&state, &caller, parse_id(&id)?).await }.await {
        Ok(o) => o,
        Err(e) => return error_page(&ctx, e),
    };
    let order_of = |s: &str| {
        ["placed", "confirmed", "ordered", "shipped", "delivered"]
            .iter()
            .position(|x| *x == s)
    };
    let at = order_of(&o.status);
    let steps = ["placed", "confirmed", "ordered", "shipped", "delivered"]
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, at.is_some_and(|a| i <= a)))
        .collect();
    OrderPage {
        u: ui(&state, &ctx, Some(&caller), &csrf, "orders").await,
        name: pick(ctx.locale, &o.name_ar, &o.name_en),
        steps,
        o,
    }
    .into_response()
}

/// The customer's external orders as rows of the one orders list.
pub async fn order_rows(state: &AppState, caller: &app::auth::Caller) -> Vec<ExternalOrder> {
    orders::mine(state, caller).await.unwrap_or_default()
}
