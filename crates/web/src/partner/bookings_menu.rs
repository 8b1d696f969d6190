//! A store's service menu (`bookings.manage`): the items it offers from the
//! services its type binds, each priced per body type (a body type left
//! without a price is not offered for it) with add-ons; one form creates or
//! edits an item, prices typed in SAR.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::bookings::model::{AddonInput, ItemInput, PriceInput, ServiceItem};
use app::bookings::service::menu;
use app::taxonomy::model::BodyType;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::money::decimal;
use kernel::{ApiError, FieldErrors, Locale};

use super::bookings::digits;
use super::{Session, StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, parse_sar, validated};
use crate::shared::redirect_with_toast;
use crate::signin::Signed;

/// Add-on rows read from one form at most.
const MAX_ADDON_ROWS: usize = 40;

fn pick(locale: Locale, ar: &str, en: &str) -> String {
    match locale {
        Locale::Ar => ar.to_owned(),
        Locale::En => en.to_owned(),
    }
}

/// An add-on row as typed (price in SAR).
#[derive(Default, Clone)]
pub struct AddonDraft {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
    pub price: String,
    pub minutes: String,
    pub active: bool,
}

/// The item form as typed: prices by body type id, in SAR.
#[derive(Default)]
pub struct Draft {
    pub service: String,
    pub name_ar: String,
    pub name_en: String,
    pub description_ar: String,
    pub description_en: String,
    pub duration: String,
    pub active: bool,
    pub position: String,
    pub prices: Vec<(String, String)>,
    pub addons: Vec<AddonDraft>,
}

impl Draft {
    fn blank() -> Draft {
        Draft {
            duration: "30".to_owned(),
            active: true,
            position: "0".to_owned(),
            ..Draft::default()
        }
    }

    fn of(i: &ServiceItem) -> Draft {
        Draft {
            service: i.service_id.to_string(),
            name_ar: i.name_ar.clone(),
            name_en: i.name_en.clone(),
            description_ar: i.description_ar.clone(),
            description_en: i.description_en.clone(),
            duration: i.duration_minutes.to_string(),
            active: i.active,
            position: i.position.to_string(),
            prices: i
                .prices
                .iter()
                .map(|p| (p.body_type_id.to_string(), decimal(p.price)))
                .collect(),
            addons: i
                .addons
                .iter()
                .map(|a| AddonDraft {
                    id: a.id.to_string(),
                    name_ar: a.name_ar.clone(),
                    name_en: a.name_en.clone(),
                    price: decimal(a.price),
                    minutes: a.duration_minutes.to_string(),
                    active: a.active,
                })
                .collect(),
        }
    }

    /// The form's fields: a price for each body type shown, and the add-on
    /// rows (a row with no name and no price is an added row left empty).
    fn from_fields(f: &Fields, bodies: &[BodyType]) -> Draft {
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        let (ids, ars, ens) = (f.all("addonId"), f.all("addonNameAr"), f.all("addonNameEn"));
        let (prices, minutes, actives) = (
            f.all("addonPrice"),
            f.all("addonMinutes"),
            f.all("addonActive"),
        );
        let rows = ars.len().max(ens.len()).max(prices.len());
        Draft {
            service: f.get("serviceId"),
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            description_ar: f.get("descriptionAr"),
            description_en: f.get("descriptionEn"),
            duration: f.get("durationMinutes"),
            active: !f.get("active").is_empty(),
            position: f.get("position"),
            prices: bodies
                .iter()
                .map(|b| (b.id.to_string(), f.get(&format!("price-{}", b.id))))
                .filter(|(_, p)| !p.is_empty())
                .collect(),
            addons: (0..rows)
                .filter(|i| {
                    !at(&ars, *i).is_empty()
                        || !at(&ens, *i).is_empty()
                        || !at(&prices, *i).is_empty()
                })
                .take(MAX_ADDON_ROWS)
                .map(|i| AddonDraft {
                    id: at(&ids, i),
                    name_ar: at(&ars, i),
                    name_en: at(&ens, i),
                    price: at(&prices, i),
                    minutes: at(&minutes, i),
                    active: at(&actives, i) != "0",
                })
                .collect(),
        }
    }

    /// The price typed for a body type.
    fn price_of(&self, body: &str) -> String {
        self.prices
            .iter()
            .find(|(b, _)| b == body)
            .map(|(_, p)| p.clone())
            .unwrap_or_default()
    }

    /// The service's body, and what could not be read (ids, numbers, prices).
    /// Prices follow the order of `bodies`, as [`MenuPage::of`] numbers them.
    fn body(&self, bodies: &[BodyType]) -> (ItemInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let service_id = match Uuid::parse_str(&self.service) {
            Ok(id) => id,
            Err(_) => {
                e.add("serviceId", Message::new("validation-required"));
                Uuid::nil()
            }
        };
        let duration = if self.duration.is_empty() {
            e.add("durationMinutes", Message::new("validation-required"));
            0
        } else {
            parse_int::<i32>(&self.duration).unwrap_or_else(|| {
                e.add("durationMinutes", Message::new("web-number-invalid"));
                0
            })
        };
        let position = if self.position.is_empty() {
            None
        } else {
            let p = parse_int::<i32>(&self.position);
            if p.is_none() {
                e.add("position", Message::new("web-number-invalid"));
            }
            p
        };
        let mut prices = Vec::new();
        for b in bodies {
            let typed = self.price_of(&b.id.to_string());
            if typed.is_empty() {
                continue;
            }
            let i = prices.len();
            let price = parse_sar(&typed).unwrap_or_else(|| {
                e.add(
                    format!("prices[{i}].price"),
                    Message::new("web-price-invalid"),
                );
                0
            });
            prices.push(PriceInput {
                body_type_id: b.id,
                price,
            });
        }
        let mut addons = Vec::new();
        for (i, a) in self.addons.iter().enumerate() {
            let price = if a.price.is_empty() {
                e.add(
                    format!("addons[{i}].price"),
                    Message::new("validation-required"),
                );
                0
            } else {
                parse_sar(&a.price).unwrap_or_else(|| {
                    e.add(
                        format!("addons[{i}].price"),
                        Message::new("web-price-invalid"),
                    );
                    0
                })
            };
            let minutes = if a.minutes.is_empty() {
                None
            } else {
                let m = parse_int::<i32>(&a.minutes);
                if m.is_none() {
                    e.add(
                        format!("addons[{i}].durationMinutes"),
                        Message::new("web-number-invalid"),
                    );
                }
                m
            };
            addons.push(AddonInput {
                id: Uuid::parse_str(&a.id).ok(),
                name_ar: a.name_ar.clone(),
                name_en: a.name_en.clone(),
                price,
                duration_minutes: minutes,
                active: Some(a.active),
            });
        }
        let input = ItemInput {
            service_id,
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
            description_ar: Some(self.description_ar.clone()),
            description_en: Some(self.description_en.clone()),
            duration_minutes: duration,
            active: Some(self.active),
            position,
            prices,
            addons: Some(addons),
        };
        (input, e)
    }
}

/// A service the store's type binds, as a select option.
pub struct ServiceOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

/// A body type's price field.
pub struct PriceField {
    pub id: String,
    pub name: String,
    pub value: String,
    pub error: String,
}

/// An add-on row of the form with its errors.
pub struct AddonField {
    pub row: AddonDraft,
    pub error: String,
}

/// An item as the list shows it.
pub struct ItemView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub service: String,
    pub duration: String,
    pub active: bool,
    /// (body type, price with currency).
    pub prices: Vec<(String, String)>,
    /// (name, price with currency, active).
    pub addons: Vec<(String, String, bool)>,
}

impl ItemView {
    fn of(i: &ServiceItem, bodies: &[BodyType], locale: Locale) -> ItemView {
        ItemView {
            id: i.id.to_string(),
            name: pick(locale, &i.name_ar, &i.name_en),
            description: pick(locale, &i.description_ar, &i.description_en),
            service: i.service.clone(),
            duration: digits(locale, &i.duration_minutes.to_string()),
            active: i.active,
            prices: i
                .prices
                .iter()
                .map(|p| {
                    let name = bodies
                        .iter()
                        .find(|b| b.id == p.body_type_id)
                        .map(|b| pick(locale, &b.name_ar, &b.name_en))
                        .unwrap_or_else(|| p.body_type.clone());
                    (name, kernel::money::format(locale, p.price))
                })
                .collect(),
            addons: i
                .addons
                .iter()
                .map(|a| {
                    (
                        pick(locale, &a.name_ar, &a.name_en),
                        kernel::money::format(locale, a.price),
                        a.active,
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/bookings_menu.html")]
struct MenuPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    items: Vec<ItemView>,
    services: Vec<ServiceOption>,
    /// The item being edited; none for a new one.
    editing: Option<String>,
    form: Draft,
    prices: Vec<PriceField>,
    addons: Vec<AddonField>,
    errors: Errors,
}

/// What the page needs besides the form.
struct Loaded {
    items: Vec<ServiceItem>,
    services: Vec<(Uuid, String)>,
    bodies: Vec<BodyType>,
}

async fn load(state: &AppState, caller: &Caller, store: Uuid) -> Result<Loaded, ApiError> {
    let items = menu::menu(state, caller, store).await?;
    let services = menu::bindable(state, caller, store).await?;
    let bodies = app::taxonomy::service::body_types(state).await?;
    Ok(Loaded {
        items,
        services,
        bodies,
    })
}

#[allow(clippy::too_many_arguments)]
fn render(
    ctx: &WebCtx,
    csrf: &str,
    store: StoreNav,
    loaded: &Loaded,
    editing: Option<Uuid>,
    form: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let locale = ctx.locale;
    // Prices are numbered in the order of the body types, skipping those
    // left empty, as `Draft::body` sends them.
    let mut index = 0usize;
    let prices: Vec<PriceField> = loaded
        .bodies
        .iter()
        .map(|b| {
            let id = b.id.to_string();
            let value = form.price_of(&id);
            let error = if value.is_empty() {
                String::new()
            } else {
                let e = errors.of(&format!("prices[{index}]"));
                index += 1;
                e
            };
            PriceField {
                name: pick(locale, &b.name_ar, &b.name_en),
                id,
                value,
                error,
            }
        })
        .collect();
    let addons: Vec<AddonField> = form
        .addons
        .iter()
        .enumerate()
        .map(|(i, a)| AddonField {
            row: a.clone(),
            error: errors.of(&format!("addons[{i}]")),
        })
        .collect();
    let services: Vec<ServiceOption> = loaded
        .services
        .iter()
        .map(|(id, name)| ServiceOption {
            selected: id.to_string() == form.service,
            id: id.to_string(),
            name: name.clone(),
        })
        .collect();
    let page = MenuPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        tab: "services",
        store,
        items: loaded
            .items
            .iter()
            .map(|i| ItemView::of(i, &loaded.bodies, locale))
            .collect(),
        services,
        editing: editing.map(|e| e.to_string()),
        form,
        prices,
        addons,
        errors,
    };
    (status, page).into_response()
}

/// The menu with the form for a new item.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match load(&state, &caller, id).await {
        Ok(loaded) => {
            let mut form = Draft::blank();
            if let [(only, _)] = loaded.services.as_slice() {
                form.service = only.to_string();
            }
            render(
                &ctx,
                &csrf,
                nav,
                &loaded,
                None,
                form,
                Errors::none(),
                StatusCode::OK,
            )
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The menu with one item in the form.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path((store, item)): Path<(String, String)>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let item = match parse_id(&item) {
        Ok(i) => i,
        Err(e) => return error_page(&ctx, e),
    };
    match load(&state, &caller, id).await {
        Ok(loaded) => match loaded.items.iter().find(|i| i.id == item) {
            Some(i) => {
                let form = Draft::of(i);
                render(
                    &ctx,
                    &csrf,
                    nav,
                    &loaded,
                    Some(item),
                    form,
                    Errors::none(),
                    StatusCode::OK,
                )
            }
            None => error_page(&ctx, ApiError::NotFound),
        },
        Err(e) => error_page(&ctx, e),
    }
}

/// Creates (`item` none) or replaces an item; the menu again with a toast,
/// or the form with its errors.
async fn save(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    store: &str,
    item: Option<&str>,
    f: Fields,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (id, nav) = match store_of(state, ctx, &caller, store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let item = match item.map(parse_id).transpose() {
        Ok(i) => i,
        Err(e) => return error_page(ctx, e),
    };
    let loaded = match load(state, &caller, id).await {
        Ok(l) => l,
        Err(e) => return error_page(ctx, e),
    };
    let draft = Draft::from_fields(&f, &loaded.bodies);
    let (input, shape) = draft.body(&loaded.bodies);
    let saved = match validated(&input, shape) {
        Ok(()) => menu::save_item(state, &caller, id, item, &input).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => redirect_with_toast(
            &format!("{}/stores/{id}/services", ctx.partner_base()),
            &t(
                ctx.locale,
                if item.is_some() {
                    "pb-toast-item-saved"
                } else {
                    "pb-toast-item-created"
                },
            ),
        ),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::Unprocessable { .. }),
        ) => {
            let errors = Errors::from_api(&e, ctx.locale);
            render(ctx, &csrf, nav, &loaded, item, draft, errors, e.status())
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(store): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, &store, None, Fields(fields)).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, item)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, &store, Some(&item), Fields(fields)).await
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, item)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (id, _) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let deleted = match parse_id(&item) {
        Ok(item) => menu::delete_item(&state, &caller, id, item).await,
        Err(e) => Err(e),
    };
    match deleted {
        Ok(()) => redirect_with_toast(
            &format!("{}/stores/{id}/services", ctx.partner_base()),
            &t(ctx.locale, "pb-toast-item-deleted"),
        ),
        Err(e) => error_page(&ctx, e),
    }
}
