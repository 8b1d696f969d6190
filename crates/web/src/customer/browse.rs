//! Browsing: search with a category filter (and, for a customer with a
//! garage, "fits my car") over the catalogue's search service, and the
//! product page with "add to cart" and whether it fits the default car.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::content::BannerApp;
use app::garage::service as saved_cars;
use app::products::model::{Product, ProductCard};
use app::products::params::SearchParams;
use app::products::service as products;
use app::taxonomy::service as taxonomy;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::garage::{car_label, car_words};
use super::requests::Choice;
use super::{Ui, error_page, ui, visitor};
use crate::chrome::WebCtx;
use crate::forms::{Errors, parse_int, urlencode};
use crate::shared::{CategoryOption, flat_categories};

const PER_PAGE: u32 = 20;

pub struct Card {
    id: String,
    store_id: String,
    name: String,
    price: i64,
    store: String,
    city: String,
    in_stock: bool,
    thumb: Option<String>,
}

impl Card {
    fn of(p: ProductCard, locale: Locale, base: &str) -> Card {
        let ar = locale == Locale::Ar;
        Card {
            id: p.id.to_string(),
            store_id: p.store.id.to_string(),
            name: if ar { p.name_ar } else { p.name_en },
            price: p.price,
            store: if ar { p.store.name_ar } else { p.store.name_en },
            city: p.store.city,
            in_stock: p.in_stock,
            thumb: p
                .image
                .map(|i| format!("{base}/media/{}/thumb", i.media_id)),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/browse.html")]
struct BrowsePage {
    u: Ui,
    q: String,
    categories: Vec<CategoryOption>,
    any_category: bool,
    /// The signed-in customer's cars for "fits my car"; none, no filter.
    cars: Vec<Choice>,
    any_car: bool,
    error: Option<String>,
    total: i64,
    cards: Vec<Card>,
    /// Parts of outside merchants matching the words, on the first page.
    external: Vec<super::external::ExternalCard>,
    /// Whether the "ask the stores" link leads anywhere.
    requests_on: bool,
    /// The live customer banners, on the home only (no search, first page).
    strip: crate::content_view::BannerStrip,
    prev: Option<String>,
    next: Option<String>,
    page_label: String,
}

#[derive(Deserialize)]
pub struct BrowseQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    page: String,
    /// A car of the customer's garage: only the parts that fit it.
    #[serde(default)]
    car: String,
}

pub async fn home(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(f): Query<BrowseQuery>,
) -> Response {
    let who = match visitor(&state, &ctx).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let q = f.q.trim().to_owned();
    let category = f.category.trim().to_owned();
    let page = parse_int::<u32>(&f.page).filter(|p| *p >= 1).unwrap_or(1);
    let garage = match &who.caller {
        Some(c) => match saved_cars::list(&state, c).await {
            Ok(cars) => cars,
            Err(e) => return error_page(&ctx, e),
        },
        None => Vec::new(),
    };
    // A car that is no longer in the garage (an old link) filters nothing.
    let car_id = f
        .car
        .trim()
        .parse::<Uuid>()
        .ok()
        .filter(|id| garage.iter().any(|c| c.id == *id));
    let params = SearchParams {
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        category: Some(category.clone()).filter(|c| !c.is_empty()),
        car_id,
        page: Some(page),
        per_page: Some(PER_PAGE),
        ..SearchParams::default()
    };
    let u = ui(&state, &ctx, who.caller.as_ref(), &who.csrf, "browse").await;
    let found = async {
        let req = products::resolve_search(&state, &params, who.caller.as_ref()).await?;
        products::search(&state, &req).await
    }
    .await;
    let (cards, total, error) = match found {
        Ok((cards, result)) => (cards, result.total, None),
        Err(e) => (Vec::new(), 0, Errors::from_api(&e, ctx.locale).form),
    };
    let on = state.settings.current().marketplaces;
    let external = if on.external_parts && page == 1 && !q.is_empty() {
        let fit = car_id
            .and_then(|id| garage.iter().find(|c| c.id == id))
            .map(|c| (c.make_id, c.model_id, c.year));
        super::external::matching(&state, &q, fit, ctx.locale).await
    } else {
        Vec::new()
    };
    let tree = match taxonomy::category_tree(&state).await {
        Ok(t) => t,
        Err(e) => return error_page(&ctx, e),
    };
    let mut categories = flat_categories(&tree, None);
    for o in &mut categories {
        o.selected = !category.is_empty() && (o.slug == category || o.id == category);
    }
    let pages = ((total.max(0) as u64).div_ceil(u64::from(PER_PAGE))).max(1) as i64;
    let car = car_id.map(|id| format!("&car={id}")).unwrap_or_default();
    let link = |p: u32| {
        format!(
            "{}?q={}&category={}{car}&page={p}",
            u.home(),
            urlencode(&q),
            urlencode(&category)
        )
    };
    let page_label = Message::new("app-page-of")
        .arg("page", i64::from(page))
        .arg("pages", pages)
        .render(ctx.locale);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let base = u.base;
    let at_home = q.is_empty() && category.is_empty() && page == 1;
    let strip = if at_home {
        crate::content_view::banners(&state, BannerApp::Customer, &u.c, base, "slider").await
    } else {
        crate::content_view::BannerStrip::none()
    };
    let page_html = BrowsePage {
        strip,
        q: q.clone(),
        any_category: !categories.iter().any(|o| o.selected),
        categories,
        cars: garage
            .iter()
            .map(|c| Choice {
                id: c.id.to_string(),
                label: car_label(c, ctx.locale),
                selected: car_id == Some(c.id),
            })
            .collect(),
        any_car: car_id.is_none(),
        error,
        total,
        cards: cards
            .into_iter()
            .map(|c| Card::of(c, ctx.locale, base))
            .collect(),
        external,
        requests_on: on.requests,
        prev: (page > 1).then(|| link(page - 1)),
        next: (i64::from(page) < pages).then(|| link(page + 1)),
        page_label,
        u,
    };
    (status, page_html).into_response()
}

pub struct Image {
    full: String,
    thumb: String,
}

pub struct VariantView {
    id: String,
    name: String,
    /// What a unit costs now (the store's promotion taken off).
    price: i64,
    /// The price before the promotion, when one lowers it.
    was: Option<i64>,
    stock: i32,
}

/// The store's promotion running on the product now.
pub struct PromoView {
    name: String,
    /// The promotion price of the product itself.
    price: i64,
    ends: String,
}

pub struct ProductView {
    id: String,
    name: String,
    description: String,
    brand: Option<String>,
    condition: &'static str,
    category: Option<String>,
    oem: String,
    price: i64,
    stock: i32,
    store: String,
    city: String,
    images: Vec<Image>,
    fitment: Vec<String>,
    variants: Vec<VariantView>,
    promotion: Option<PromoView>,
}

impl ProductView {
    fn of(p: Product, ui: &Ui) -> ProductView {
        let ar = ui.c.locale == Locale::Ar;
        let pick = |a: &str, e: &str| if ar { a.to_owned() } else { e.to_owned() };
        let fitment = p
            .fitment
            .iter()
            .map(|f| {
                let mut s = pick(&f.make.name_ar, &f.make.name_en);
                if let Some(m) = &f.model {
                    s.push(' ');
                    s.push_str(&pick(&m.name_ar, &m.name_en));
                }
                let years = match (f.year_from, f.year_to) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    (Some(a), None) => format!("{a}–"),
                    (None, Some(b)) => format!("–{b}"),
                    (None, None) => ui.t("app-fitment-all-years"),
                };
                format!("{s} · {years}")
            })
            .collect();
        ProductView {
            id: p.id.to_string(),
            name: pick(&p.name_ar, &p.name_en),
            description: pick(&p.description_ar, &p.description_en),
            brand: p.brand.clone(),
            condition: p.condition.as_str(),
            category: p.category.as_ref().map(|c| pick(&c.name_ar, &c.name_en)),
            oem: p.oem_numbers.join(", "),
            price: p.price,
            stock: p.stock,
            store: pick(&p.store.name_ar, &p.store.name_en),
            city: p.store.city.clone(),
            images: p
                .images
                .iter()
                .map(|i| Image {
                    full: format!("{}/media/{}", ui.base, i.media_id),
                    thumb: format!("{}/media/{}/thumb", ui.base, i.media_id),
                })
                .collect(),
            fitment,
            variants: p
                .variants
                .iter()
                .map(|v| {
                    // The cart prices a variant by the same terms.
                    let off = p.promotion.as_ref().map_or(0, |a| {
                        app::promotions::calc::unit_discount(v.price, a.kind, a.value)
                    });
                    VariantView {
                        id: v.id.to_string(),
                        name: pick(&v.name_ar, &v.name_en),
                        price: v.price - off,
                        was: (off > 0).then_some(v.price),
                        stock: v.stock,
                    }
                })
                .collect(),
            promotion: p.promotion.as_ref().map(|a| PromoView {
                name: pick(&a.name_ar, &a.name_en),
                price: p.price - a.unit_discount,
                ends: ui.when(&a.ends_at),
            }),
        }
    }

    /// What can be bought now, over the product or any of its variants.
    fn buyable(&self) -> bool {
        if self.variants.is_empty() {
            self.stock > 0
        } else {
            self.variants.iter().any(|v| v.stock > 0)
        }
    }

    fn stock_count(&self) -> i64 {
        i64::from(self.stock)
    }

    fn max_quantity(&self) -> i32 {
        let most = if self.variants.is_empty() {
            self.stock
        } else {
            self.variants.iter().map(|v| v.stock).max().unwrap_or(0)
        };
        most.clamp(1, app::cart::model::MAX_QUANTITY)
    }
}

/// Whether the product fits the customer's default car, in words.
pub struct FitNote {
    fits: bool,
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/product.html")]
pub struct ProductPage {
    u: Ui,
    p: ProductView,
    quantity: i32,
    error: Option<String>,
    fit: Option<FitNote>,
    /// A signed-in customer without a car: invite them to add one.
    add_car: bool,
}

/// The "add to cart" form as it comes back.
struct Attempt {
    quantity: i32,
    error: Option<String>,
    status: StatusCode,
}

/// The note for the customer's default car; `None` when the garage is empty.
async fn fit_note(
    state: &AppState,
    locale: Locale,
    caller: &Caller,
    id: Uuid,
) -> Result<Option<FitNote>, ApiError> {
    let cars = saved_cars::list(state, caller).await?;
    let Some(car) = cars.iter().find(|c| c.is_default) else {
        return Ok(None);
    };
    let fits = products::fits(state, caller, id, car.id).await?;
    let key = if fits { "gr-fits" } else { "gr-may-not-fit" };
    Ok(Some(FitNote {
        fits,
        text: Message::new(key)
            .arg("car", car_words(car, locale))
            .render(locale),
    }))
}

async fn show(
    state: &AppState,
    ctx: &WebCtx,
    u: Ui,
    caller: Option<&Caller>,
    id: Uuid,
    attempt: Attempt,
) -> Response {
    let p = match products::public_get(state, id).await {
        Ok(p) => p,
        Err(e) => return error_page(ctx, e),
    };
    let (fit, add_car) = match caller {
        Some(c) => match fit_note(state, ctx.locale, c, id).await {
            Ok(Some(note)) => (Some(note), false),
            Ok(None) => (None, true),
            // The product still shows; only the note is left out.
            Err(e) => {
                tracing::warn!(error = ?e, "fit of the default car not read");
                (None, false)
            }
        },
        None => (None, false),
    };
    let p = ProductView::of(p, &u);
    (
        attempt.status,
        ProductPage {
            u,
            p,
            quantity: attempt.quantity,
            error: attempt.error,
            fit,
            add_car,
        },
    )
        .into_response()
}

/// The product page, with a message from a failed "add to cart" when there is one.
pub async fn product_page(
    state: &AppState,
    ctx: &WebCtx,
    u: Ui,
    id: Uuid,
    quantity: i32,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    // Only the layout comes with the failed "add to cart"; the fit note
    // needs the customer, read again from the session.
    let caller = if u.signed_in {
        visitor(state, ctx).await.ok().and_then(|v| v.caller)
    } else {
        None
    };
    let attempt = Attempt {
        quantity,
        error,
        status,
    };
    show(state, ctx, u, caller.as_ref(), id, attempt).await
}

pub async fn product(
    State(state): State<AppState>,
    ctx: WebCtx,
    Path(id): Path<String>,
) -> Response {
    let who = match visitor(&state, &ctx).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let u = ui(&state, &ctx, who.caller.as_ref(), &who.csrf, "browse").await;
    let attempt = Attempt {
        quantity: 1,
        error: None,
        status: StatusCode::OK,
    };
    show(&state, &ctx, u, who.caller.as_ref(), id, attempt).await
}
