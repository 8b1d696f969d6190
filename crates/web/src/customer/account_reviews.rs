//! Reviews of a delivered order: the order page loads its review box
//! (`/app/orders/{id}/review-status`: "Review this order" or the review
//! sent), the form (`/app/orders/{id}/review`) gives stars to the store and
//! to each part with an optional text, and the reviews service records them
//! all or none.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::orders::model::Order;
use app::orders::service::{self as orders, Viewer};
use app::reviews::model::{NewReviews, ProductRatingInput, RatingInput, Review, TargetType};
use app::reviews::service as reviews;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::{Ui, acting, app_base, error_page, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared;
use crate::signin;

const DELIVERED: &str = "delivered";

/// One thing to rate: the store, or a part of the order.
pub struct Target {
    /// The radio group's name and the id prefix.
    pub key: String,
    pub product_id: String,
    pub name: String,
    pub stars: i64,
    pub text: String,
    pub error: String,
}

/// One star of a rating's radio group.
pub struct StarChoice {
    pub n: i64,
    pub checked: bool,
    /// "3 stars", for screen readers and the tooltip.
    pub label: String,
}

impl Target {
    /// 5 down to 1: the stars are laid out from the end so that a chosen
    /// star lights the ones before it (CSS `~`), in either direction.
    pub fn choices(&self, locale: kernel::Locale) -> Vec<StarChoice> {
        (1..=5)
            .rev()
            .map(|n| StarChoice {
                n,
                checked: self.stars == n,
                label: Message::new("web-account-review-star-count")
                    .arg("count", n)
                    .render(locale),
            })
            .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/review.html")]
struct ReviewPage {
    u: Ui,
    order_id: String,
    number: String,
    /// The store (one), then the parts.
    store: Vec<Target>,
    products: Vec<Target>,
    /// Why there is no form: not delivered, or already reviewed.
    closed: Option<String>,
    error: Option<String>,
}

impl ReviewPage {
    pub fn choices(&self, t: &Target) -> Vec<StarChoice> {
        t.choices(self.u.c.locale)
    }
}

/// The order's parts, each once (two variants of a part are one review).
fn parts(o: &Order) -> Vec<(Uuid, String)> {
    let mut out: Vec<(Uuid, String)> = Vec::new();
    // A requested part (an accepted offer) is no catalog product to review.
    for i in &o.items {
        let Some(product) = i.product_id else {
            continue;
        };
        if !out.iter().any(|(id, _)| *id == product) {
            out.push((product, i.name.clone()));
        }
    }
    out
}

fn targets(o: &Order, f: Option<&Fields>) -> (Target, Vec<Target>) {
    let stars = |name: &str| f.and_then(|f| parse_int::<i64>(&f.get(name))).unwrap_or(0);
    let text = |name: &str| f.map(|f| f.get(name)).unwrap_or_default();
    let store = Target {
        key: "store".into(),
        product_id: String::new(),
        name: o.store_name.clone(),
        stars: stars("stars-store"),
        text: text("text-store"),
        error: String::new(),
    };
    let products = parts(o)
        .into_iter()
        .map(|(id, name)| Target {
            key: id.to_string(),
            product_id: id.to_string(),
            name,
            stars: stars(&format!("stars-{id}")),
            text: text(&format!("text-{id}")),
            error: String::new(),
        })
        .collect();
    (store, products)
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    typed: Option<(&Fields, ApiError)>,
) -> Response {
    let loaded = async {
        let d = orders::detail(state, caller, Viewer::Customer(caller.user_id), id).await?;
        let sent = reviews::for_order(state, caller, id).await?;
        Ok::<_, ApiError>((d.order, sent))
    }
    .await;
    let (o, sent) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let closed = if o.status != DELIVERED {
        Some(Message::new("web-account-review-not-delivered").render(ctx.locale))
    } else if !sent.is_empty() {
        Some(Message::new("web-account-review-already").render(ctx.locale))
    } else {
        None
    };
    let (mut store, mut products) = targets(&o, typed.as_ref().map(|(f, _)| *f));
    let mut error = None;
    let mut status = StatusCode::OK;
    if let Some((_, e)) = &typed {
        status = e.status();
        let errors = Errors::from_api(e, ctx.locale);
        store.error = errors.of("storeRating");
        // The request listed the rated parts in the page's order.
        let rated = products
            .iter_mut()
            .filter(|p| p.stars > 0 || !p.text.is_empty());
        for (i, p) in rated.enumerate() {
            p.error = errors.of(&format!("products[{i}]"));
        }
        error = errors.form;
    }
    let u = ui(state, ctx, Some(caller), csrf, "orders").await;
    let page = ReviewPage {
        u,
        order_id: o.id.to_string(),
        number: o.number.clone(),
        store: vec![store],
        products,
        closed,
        error,
    };
    (status, page).into_response()
}

/// `GET /app/orders/{id}/review`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => render(&state, &ctx, &caller, &csrf, id, None).await,
        Err(e) => error_page(&ctx, e),
    }
}

/// The form as the API's body. A part with a text but no stars is refused
/// here (stars are what a review is); parts left alone are not reviewed.
fn read_form(f: &Fields) -> Result<NewReviews, ApiError> {
    let mut shape = FieldErrors::new();
    let stars_needed = || Message::new("web-account-review-stars-needed-one");
    let rating = |key: &str| -> (Option<i64>, String) {
        let stars = parse_int::<i64>(&f.get(&format!("stars-{key}")));
        (stars, f.get(&format!("text-{key}")))
    };
    let (stars, text) = rating("store");
    let store_rating = match stars {
        Some(stars) => Some(RatingInput {
            stars,
            text: Some(text),
        }),
        None if !text.is_empty() => {
            shape.add("storeRating.stars", stars_needed());
            None
        }
        None => None,
    };
    let mut products = Vec::new();
    for id in f.all("product") {
        let (stars, text) = rating(&id);
        if stars.is_none() && text.is_empty() {
            continue;
        }
        let index = products.len();
        let Ok(product_id) = Uuid::parse_str(&id) else {
            continue;
        };
        match stars {
            Some(stars) => products.push(ProductRatingInput {
                product_id,
                stars,
                text: Some(text),
            }),
            None => {
                shape.add(format!("products[{index}].stars"), stars_needed());
                // Keeps the indexes of the parts after it.
                products.push(ProductRatingInput {
                    product_id,
                    stars: 0,
                    text: Some(text),
                });
            }
        }
    }
    let body = NewReviews {
        store_rating,
        products,
    };
    validated(&body, shape)?;
    Ok(body)
}

/// `POST /app/orders/{id}/review`: sent, back to the order with a toast;
/// refused, the form again with the errors by their stars.
pub async fn submit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let result = match read_form(&f) {
        Ok(body) => reviews::create(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => shared::redirect_with_toast(
            &format!("{}/orders/{id}", app_base(&ctx)),
            &Message::new("web-account-review-sent").render(ctx.locale),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => render(&state, &ctx, &caller, &csrf, id, Some((&f, e))).await,
    }
}

// ---------------------------------------------------------------- the order page's box

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/review_status.html")]
struct StatusBox {
    u: Ui,
    order_id: String,
    /// The store's stars, when it was rated.
    store_stars: Option<i64>,
    /// Parts reviewed.
    parts: i64,
    sent: bool,
}

impl StatusBox {
    /// The store's stars as icons: filled up to the rating.
    pub fn star_icons(&self) -> Vec<&'static str> {
        let lit = self.store_stars.unwrap_or(0);
        (1..=5)
            .map(|n| if n <= lit { "star-filled" } else { "star" })
            .collect()
    }

    /// "4 of 5 stars", for screen readers.
    pub fn stars_label(&self) -> String {
        Message::new("web-account-review-stars-of")
            .arg("count", self.store_stars.unwrap_or(0))
            .render(self.u.c.locale)
    }
}

/// `GET /app/orders/{id}/review-status`: the fragment the page of a
/// delivered order loads (htmx): the call to review, or what was sent.
pub async fn status(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let sent: Result<Vec<Review>, ApiError> = match parse_id(&id) {
        Ok(id) => reviews::for_order(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    let sent = match sent {
        Ok(v) => v,
        Err(e) => return e.status().into_response(),
    };
    let u = Ui {
        c: shared::chrome(&ctx, &csrf),
        base: app_base(&ctx),
        signed_in: true,
        cart_count: 0,
        section: "orders",
    };
    StatusBox {
        u,
        order_id: id,
        store_stars: sent
            .iter()
            .find(|r| r.target_type == TargetType::Store)
            .map(|r| i64::from(r.stars)),
        parts: sent
            .iter()
            .filter(|r| r.target_type == TargetType::Product)
            .count() as i64,
        sent: !sent.is_empty(),
    }
    .into_response()
}
