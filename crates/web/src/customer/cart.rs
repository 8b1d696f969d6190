//! The cart: lines grouped by store (one order each at checkout) with the
//! service's arithmetic, quantity changes and removal (htmx swaps the cart;
//! without JavaScript the forms post and come back), and "add to cart"
//! from the product page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::cart::model::{AddItem, Cart, SetQuantity};
use app::cart::service as cart;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::browse::product_page;
use super::{Ui, acting, error_page, is_htmx, media_link, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, parse_int};
use crate::signin;

pub struct LineView {
    pub id: String,
    pub product_id: String,
    pub name: String,
    pub thumb: Option<String>,
    pub unit_price: i64,
    /// The price before the store's promotion, shown struck through when it differs.
    pub original_unit_price: i64,
    /// The store promotion pricing the line, by name.
    pub promotion: Option<String>,
    pub quantity: i32,
    pub line_total: i64,
    /// Why it cannot be bought as it is, in words.
    pub problem: Option<String>,
    /// A refused change of this line.
    pub error: Option<String>,
}

pub struct StoreView {
    pub id: String,
    pub name: String,
    pub lines: Vec<LineView>,
    pub subtotal: i64,
    /// What the store's promotions take off (already out of the subtotal).
    pub store_discount: i64,
    pub delivery_fee: i64,
    /// The courier quoted the fee for the cart's address; false: the estimate.
    pub delivery_quoted: bool,
    pub vat: i64,
    pub total: i64,
}

/// The cart as its pages show it.
pub struct CartView {
    pub stores: Vec<StoreView>,
    pub item_count: i64,
    pub subtotal: i64,
    pub store_discount: i64,
    pub delivery_fee: i64,
    pub delivery_quoted: bool,
    /// The address the delivery was quoted to, in words; empty when none.
    pub quoted_to: String,
    pub vat: i64,
    pub total: i64,
    pub ready: bool,
}

impl CartView {
    pub fn of(c: Cart, locale: Locale, base: &str) -> CartView {
        CartView {
            stores: c
                .stores
                .into_iter()
                .map(|s| StoreView {
                    id: s.store_id.to_string(),
                    name: s.store_name,
                    lines: s
                        .items
                        .into_iter()
                        .map(|l| LineView {
                            id: l.id.to_string(),
                            product_id: l.product_id.to_string(),
                            name: l.name,
                            thumb: l.image_url.map(|u| media_link(base, &u)),
                            unit_price: l.unit_price,
                            original_unit_price: l.original_unit_price,
                            promotion: l.promotion.map(|p| {
                                if locale == Locale::Ar {
                                    p.name_ar
                                } else {
                                    p.name_en
                                }
                            }),
                            quantity: l.quantity,
                            line_total: l.line_total,
                            problem: l.problem.map(|p| problem_text(&p, l.stock, locale)),
                            error: None,
                        })
                        .collect(),
                    subtotal: s.subtotal,
                    store_discount: s.store_discount,
                    delivery_fee: s.delivery_fee,
                    delivery_quoted: s.delivery_quoted,
                    vat: s.vat,
                    total: s.total,
                })
                .collect(),
            item_count: c.item_count,
            subtotal: c.subtotal,
            store_discount: c.store_discount,
            delivery_fee: c.delivery_fee,
            delivery_quoted: c.delivery_quoted,
            quoted_to: String::new(),
            vat: c.vat,
            total: c.total,
            ready: c.ready,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stores.is_empty()
    }
}

/// The address `id` as the cart names it: its label and city.
pub fn address_words(addresses: &[app::customer::model::Address], id: Option<Uuid>) -> String {
    addresses
        .iter()
        .find(|a| Some(a.id) == id)
        .map(|a| {
            [a.label.trim(), a.city.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

fn problem_text(problem: &str, stock: i32, locale: Locale) -> String {
    match problem {
        "insufficient_stock" => Message::new("cart-only-left")
            .arg("count", i64::from(stock))
            .render(locale),
        _ => Message::new("cart-product-unavailable").render(locale),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/cart.html")]
struct CartPage {
    u: Ui,
    cart: CartView,
    error: Option<String>,
}

/// The cart page; `line_error` puts a refused change next to its line.
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    line_error: Option<(Uuid, String)>,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let c = app::cart::quote::quoted(state, caller, None).await?;
        let addresses = app::customer::service::addresses(state, caller).await?;
        Ok::<_, ApiError>((c, addresses))
    }
    .await;
    let (c, addresses) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let mut u = ui(state, ctx, None, csrf, "cart").await;
    u.signed_in = true;
    u.cart_count = c.item_count;
    let to = c.delivery_address_id;
    let mut view = CartView::of(c, ctx.locale, u.base);
    view.quoted_to = address_words(&addresses, to);
    let mut error = None;
    if let Some((line, message)) = line_error {
        let id = line.to_string();
        match view
            .stores
            .iter_mut()
            .flat_map(|s| s.lines.iter_mut())
            .find(|l| l.id == id)
        {
            Some(l) => l.error = Some(message),
            None => error = Some(message),
        }
    }
    (
        status,
        CartPage {
            u,
            cart: view,
            error,
        },
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(&state, &ctx, &caller, &csrf, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    product_id: String,
    #[serde(default)]
    variant_id: String,
    #[serde(default)]
    quantity: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/added.html")]
struct Added {
    u: Ui,
    error: Option<String>,
}

/// "Add to cart": htmx gets a short answer for the product page (and the
/// cart badge), a plain form goes on to the cart.
pub async fn add(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<AddForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let product_id = match parse_id(form.product_id.trim()) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let variant_id = match form.variant_id.trim() {
        "" => None,
        v => match parse_id(v) {
            Ok(id) => Some(id),
            Err(e) => return error_page(&ctx, e),
        },
    };
    let quantity = parse_int::<i32>(&form.quantity).unwrap_or(0);
    let req = AddItem {
        product_id,
        variant_id,
        quantity,
    };
    let result = match req.validate() {
        Ok(()) => cart::add_line(&state, &caller, &req).await,
        Err(e) => Err(e),
    };
    let htmx = is_htmx(&headers);
    match result {
        Ok(()) => {
            if !htmx {
                return see_other(&format!("{}/cart", super::app_base(&ctx)));
            }
            let mut u = ui(&state, &ctx, Some(&caller), &csrf, "browse").await;
            u.signed_in = true;
            Added { u, error: None }.into_response()
        }
        Err(e @ ApiError::Internal(_)) => error_page(&ctx, e),
        Err(e) => {
            let message = Errors::from_api(&e, ctx.locale).form;
            let u = ui(&state, &ctx, Some(&caller), &csrf, "browse").await;
            if htmx {
                // htmx swaps only successful answers: the message comes as one.
                Added { u, error: message }.into_response()
            } else {
                let q = quantity.max(1);
                product_page(&state, &ctx, u, product_id, q, message, e.status()).await
            }
        }
    }
}

#[derive(Deserialize)]
pub struct QuantityForm {
    #[serde(default)]
    quantity: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

/// The cart after a change: htmx swaps it in place, a plain form comes back to it.
async fn after_change(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    caller: &Caller,
    csrf: &str,
    line: Uuid,
    result: Result<(), ApiError>,
) -> Response {
    let htmx = is_htmx(headers);
    match result {
        Ok(_) if !htmx => see_other(&format!("{}/cart", super::app_base(ctx))),
        Ok(_) => render(state, ctx, caller, csrf, None, StatusCode::OK).await,
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(ctx, e),
        Err(e) => {
            let message = Errors::from_api(&e, ctx.locale).form.unwrap_or_default();
            let status = if htmx { StatusCode::OK } else { e.status() };
            render(state, ctx, caller, csrf, Some((line, message)), status).await
        }
    }
}

pub async fn set_quantity(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<QuantityForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let req = SetQuantity {
        quantity: parse_int::<i32>(&form.quantity).unwrap_or(0),
    };
    let result = match req.validate() {
        Ok(()) => cart::set_line_quantity(&state, &caller, id, &req).await,
        Err(e) => Err(e),
    };
    after_change(&state, &ctx, &headers, &caller, &csrf, id, result).await
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<RemoveForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let result = cart::remove_line(&state, &caller, id).await;
    after_change(&state, &ctx, &headers, &caller, &csrf, id, result).await
}
