//! Checkout: a saved address, the payment method (card, wallet with its
//! balance, cash), an optional coupon and the order summary. Each rendered
//! form carries its own `Idempotency-Key`, so a double submit replays the
//! first answer instead of ordering twice. Card goes on to the gateway's
//! hosted page (optionally keeping the card), or is paid with a saved card
//! with no page; wallet and cash land on the new order.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::customer::model::Address;
use app::customer::service as customer;
use app::idempotency::IdempotencyKey;
use app::orders::checkout;
use app::orders::model::{CheckoutRequest, CheckoutResult};
use app::payments::model::Method;
use app::wallet::service as wallet;
use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::cards::{self, CardView};
use super::cart::CartView;
use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::Errors;
use crate::signin;

pub struct AddressView {
    id: String,
    label: String,
    line: String,
    checked: bool,
}

impl AddressView {
    fn of(a: &Address, chosen: Option<Uuid>) -> AddressView {
        let mut parts = vec![a.recipient_name.clone(), a.city.clone()];
        parts.extend(a.district.iter().cloned());
        parts.extend(a.street.iter().cloned());
        AddressView {
            id: a.id.to_string(),
            label: a.label.clone(),
            line: parts
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect::<Vec<_>>()
                .join("، "),
            checked: match chosen {
                Some(id) => id == a.id,
                None => a.is_default,
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/checkout.html")]
struct CheckoutPage {
    u: Ui,
    cart: CartView,
    addresses: Vec<AddressView>,
    method: String,
    balance: i64,
    coupon: String,
    note: String,
    key: String,
    error: Option<String>,
    coupon_error: String,
    /// Saved cards to pay with, the chosen one (`""`: a new card), and
    /// whether a new card is to be kept.
    cards: Vec<CardView>,
    saved_card: String,
    save_card: bool,
    card_error: String,
}

/// What the customer chose, kept when the page is shown again.
#[derive(Debug, Default, Deserialize)]
pub struct CheckoutForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    coupon: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    saved_card: String,
    #[serde(default)]
    save_card: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: &CheckoutForm,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let addresses = customer::addresses(state, caller).await?;
        // The summary's delivery is quoted to the address chosen (when it
        // is still one of theirs), else to the default.
        let chosen = Uuid::parse_str(form.address.trim())
            .ok()
            .filter(|id| addresses.iter().any(|a| a.id == *id));
        let c = app::cart::quote::quoted(state, caller, chosen).await?;
        let balance = wallet::wallet(state, caller, app::wallet::service::Whose::Own)
            .await?
            .balance;
        Ok::<_, ApiError>((c, addresses, balance))
    }
    .await;
    let saved = cards::choices(state, caller).await;
    let (c, addresses, balance) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    if c.stores.is_empty() && errors.is_empty() {
        return see_other(&format!("{}/cart", app_base(ctx)));
    }
    let mut u = ui(state, ctx, None, csrf, "cart").await;
    u.signed_in = true;
    u.cart_count = c.item_count;
    let chosen = Uuid::parse_str(form.address.trim()).ok();
    let key = if valid_key(&form.key) {
        form.key.clone()
    } else {
        Uuid::new_v4().to_string()
    };
    let page = CheckoutPage {
        cart: CartView::of(c, ctx.locale, u.base),
        addresses: addresses
            .iter()
            .map(|a| AddressView::of(a, chosen))
            .collect(),
        method: match form.method.as_str() {
            "card" | "wallet" | "cash" => form.method.clone(),
            _ => "card".into(),
        },
        balance,
        coupon: form.coupon.trim().to_owned(),
        note: form.note.trim().to_owned(),
        key,
        coupon_error: errors.of("couponCode"),
        card_error: [errors.of("savedCardId"), errors.of("saveCard")].concat(),
        error: errors.form,
        saved_card: cards::chosen(&form.saved_card)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        save_card: form.save_card == "on",
        cards: saved,
        u,
    };
    (status, page).into_response()
}

/// Keys as the API's header takes them: 1 to 200 visible ASCII characters.
fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 200 && key.bytes().all(|b| b.is_ascii_graphic())
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let form = CheckoutForm::default();
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        &form,
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

fn unprocessable(code: &'static str, key: &'static str, field: &str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single(field, Message::new(key)),
    }
}

/// The form as the checkout service takes it.
fn request(form: &CheckoutForm) -> Result<CheckoutRequest, ApiError> {
    let address_id = Uuid::parse_str(form.address.trim())
        .map_err(|_| unprocessable("ADDRESS_NOT_FOUND", "checkout-address-unknown", "addressId"))?;
    let payment_method = match form.method.as_str() {
        "card" => Method::Card,
        "wallet" => Method::Wallet,
        "cash" => Method::Cash,
        _ => {
            return Err(unprocessable(
                "PAYMENT_METHOD_REQUIRED",
                "app-checkout-method-required",
                "paymentMethod",
            ));
        }
    };
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let card = payment_method == Method::Card;
    let saved_card_id = cards::chosen(&form.saved_card).filter(|_| card);
    let req = CheckoutRequest {
        address_id,
        payment_method,
        coupon_code: optional(&form.coupon),
        note: optional(&form.note),
        items: None,
        save_card: (card && saved_card_id.is_none() && form.save_card == "on").then_some(true),
        saved_card_id,
    };
    req.validate()?;
    Ok(req)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<CheckoutForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut form = form;
    if !valid_key(&form.key) {
        form.key = Uuid::new_v4().to_string();
    }
    let result = match request(&form) {
        Ok(req) => {
            let key = IdempotencyKey(form.key.clone());
            checkout::checkout(&state, &caller, &key, &req).await
        }
        Err(e) => Err(e),
    };
    let base = app_base(&ctx);
    match result {
        Ok(replay) => {
            let done: Option<CheckoutResult> = serde_json::from_value(replay.body["data"].clone())
                .ok()
                .filter(|_| replay.status.is_success());
            // A saved card paid (or declined) lands on the order; one the
            // gateway wants the customer for goes to its hosted page.
            match done {
                Some(CheckoutResult {
                    payment_url: Some(url),
                    ..
                }) => see_other(&url),
                Some(r) if r.orders.len() == 1 => {
                    see_other(&format!("{base}/orders/{}", r.orders[0].id))
                }
                _ => see_other(&format!("{base}/orders")),
            }
        }
        Err(e @ ApiError::Internal(_)) => error_page(&ctx, e),
        Err(e) => {
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            render(&state, &ctx, &caller, &csrf, &form, errors, status).await
        }
    }
}
