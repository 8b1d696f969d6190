//! The customer's store requests (`/app/requests`): ask the stores around
//! for a part (a garage car or a model and year, the category, what is
//! wanted, photos, where), follow the requests, compare the offers side by
//! side (sorted by price, distance, rating, warranty or delivery time) and
//! accept one, paid by wallet, card (the hosted page) or cash.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::idempotency::IdempotencyKey;
use app::payments::model::Method;
use app::requests::model::{
    AcceptOffer, NewRequest, Offer, OffersQuery, PartRequest, PinInput, RequestListQuery,
    RequestStatus, WantedCondition,
};
use app::requests::service::{accept, customer as requests};
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::{
    Errors, Fields, parse_decimal, parse_int, read_multipart, request_photos, validated,
};
use crate::shared::redirect_with_toast;
use crate::signin;

/// The comparison's orders (cheapest first is `price`).
const SORTS: [&str; 5] = ["price", "distance", "-rating", "-warranty", "delivery"];

pub struct RequestRow {
    pub id: String,
    pub number: String,
    pub part: String,
    pub vehicle: String,
    pub status: &'static str,
    pub offers: i64,
    pub expires: String,
}

impl RequestRow {
    fn of(r: &PartRequest) -> RequestRow {
        RequestRow {
            id: r.id.to_string(),
            number: r.number.clone(),
            part: r.category.name.clone(),
            vehicle: format!(
                "{} {} {}",
                r.vehicle.make_name, r.vehicle.model_name, r.vehicle.year
            ),
            status: r.status.as_str(),
            offers: r.offers_count,
            expires: crate::shared::local_time(&r.expires_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/requests.html")]
struct ListPage {
    u: Ui,
    rows: Vec<RequestRow>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let q = RequestListQuery {
        per_page: Some(50),
        ..RequestListQuery::default()
    };
    match requests::list(&state, &caller, &q).await {
        Ok((rows, _)) => ListPage {
            u: ui(&state, &ctx, Some(&caller), &csrf, "requests").await,
            rows: rows.iter().map(RequestRow::of).collect(),
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// A choice in a select.
pub struct Choice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

/// A make's models, for the vehicle select.
pub struct MakeGroup {
    pub name: String,
    pub models: Vec<Choice>,
}

/// The request form's values as typed.
#[derive(Default)]
pub struct Draft {
    pub car: String,
    pub model: String,
    pub year: String,
    pub vin: String,
    pub category: String,
    pub description: String,
    pub quantity: String,
    pub condition: String,
    pub notes: String,
    pub address: String,
    pub lat: String,
    pub lng: String,
    pub city: String,
    pub district: String,
    pub radius: String,
    pub hours: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/request_new.html")]
struct NewPage {
    u: Ui,
    form: Draft,
    errors: Errors,
    cars: Vec<Choice>,
    makes: Vec<MakeGroup>,
    categories: Vec<crate::shared::CategoryOption>,
    addresses: Vec<Choice>,
}

async fn new_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let cars = app::garage::service::list(state, caller).await?;
        let addresses = app::customer::service::addresses(state, caller).await?;
        let tree = app::taxonomy::service::category_tree(state).await?;
        let mut makes = Vec::new();
        let ar = ctx.locale == kernel::Locale::Ar;
        for m in app::taxonomy::service::makes(state).await? {
            let models = app::taxonomy::service::models_of_make(state, m.id).await?;
            makes.push(MakeGroup {
                name: if ar {
                    m.name_ar.clone()
                } else {
                    m.name_en.clone()
                },
                models: models
                    .iter()
                    .map(|md| Choice {
                        id: md.id.to_string(),
                        label: if ar {
                            md.name_ar.clone()
                        } else {
                            md.name_en.clone()
                        },
                        selected: form.model == md.id.to_string(),
                    })
                    .collect(),
            });
        }
        Ok::<_, ApiError>((cars, addresses, tree, makes))
    }
    .await;
    let (cars, addresses, tree, makes) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let default_car = cars.iter().find(|c| c.is_default).map(|c| c.id.to_string());
    let default_address = addresses
        .iter()
        .find(|a| a.is_default)
        .map(|a| a.id.to_string());
    let fresh = form.description.is_empty() && errors.is_empty();
    let car_pick = if fresh {
        default_car.unwrap_or_default()
    } else {
        form.car.clone()
    };
    let address_pick = if fresh {
        default_address.unwrap_or_default()
    } else {
        form.address.clone()
    };
    let page = NewPage {
        u: ui(state, ctx, Some(caller), csrf, "requests").await,
        cars: cars
            .iter()
            .map(|c| Choice {
                id: c.id.to_string(),
                label: c.title.clone(),
                selected: c.id.to_string() == car_pick,
            })
            .collect(),
        addresses: addresses
            .iter()
            .map(|a| Choice {
                id: a.id.to_string(),
                label: format!("{} — {}", a.label, a.city),
                selected: a.id.to_string() == address_pick,
            })
            .collect(),
        categories: crate::shared::flat_categories(&tree, Some(form.category.as_str())),
        makes,
        form,
        errors,
    };
    (status, page).into_response()
}

pub async fn new(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let form = Draft {
        quantity: "1".into(),
        radius: "50".into(),
        hours: "48".into(),
        condition: "any".into(),
        ..Draft::default()
    };
    new_page(
        &state,
        &ctx,
        &caller,
        &csrf,
        form,
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

impl Draft {
    fn read(f: &Fields) -> Draft {
        let g = |k: &str| f.get(k).trim().to_owned();
        Draft {
            car: g("car"),
            model: g("model"),
            year: g("year"),
            vin: g("vin"),
            category: g("category"),
            description: f.get("description"),
            quantity: g("quantity"),
            condition: g("condition"),
            notes: f.get("notes"),
            address: g("address"),
            lat: g("lat"),
            lng: g("lng"),
            city: g("city"),
            district: g("district"),
            radius: g("radius"),
            hours: g("hours"),
        }
    }

    /// The API body (photos added after upload), or the fields that could not be read.
    async fn body(&self, state: &AppState) -> Result<NewRequest, ApiError> {
        let mut e = FieldErrors::new();
        let bad = |e: &mut FieldErrors, f: &str| {
            e.add(f, Message::new("validation-type"));
        };
        let uuid = |e: &mut FieldErrors, f: &str, v: &str| -> Option<Uuid> {
            if v.is_empty() {
                return None;
            }
            let id = v.parse().ok();
            if id.is_none() {
                bad(e, f);
            }
            id
        };
        let int = |e: &mut FieldErrors, f: &str, v: &str| -> Option<i32> {
            if v.is_empty() {
                return None;
            }
            let n = parse_int::<i32>(v);
            if n.is_none() {
                bad(e, f);
            }
            n
        };
        let car_id = uuid(&mut e, "carId", &self.car);
        let model_id = if car_id.is_none() {
            uuid(&mut e, "modelId", &self.model)
        } else {
            None
        };
        let make_id = match model_id {
            Some(m) => app::taxonomy::service::model_years(&state.db, m)
                .await?
                .map(|(mk, _, _)| mk),
            None => None,
        };
        let year = if car_id.is_none() {
            int(&mut e, "year", &self.year)
        } else {
            None
        };
        let address_id = uuid(&mut e, "addressId", &self.address);
        let location = if address_id.is_none() && !self.lat.is_empty() {
            match (parse_decimal(&self.lat), parse_decimal(&self.lng)) {
                (Some(lat), Some(lng)) => Some(PinInput {
                    lat,
                    lng,
                    city: self.city.clone(),
                    district: Some(self.district.clone()).filter(|d| !d.is_empty()),
                }),
                _ => {
                    bad(&mut e, "location.lat");
                    None
                }
            }
        } else {
            None
        };
        let category_id = uuid(&mut e, "categoryId", &self.category);
        if category_id.is_none() && !e.contains("categoryId") {
            e.add("categoryId", Message::new("validation-required"));
        }
        let body = NewRequest {
            car_id,
            make_id,
            model_id,
            year,
            vin: Some(self.vin.to_uppercase()).filter(|v| !v.is_empty()),
            category_id: category_id.unwrap_or_default(),
            description: self.description.clone(),
            photo_ids: None,
            quantity: int(&mut e, "quantity", &self.quantity),
            condition: match self.condition.as_str() {
                "new" => Some(WantedCondition::New),
                "used" => Some(WantedCondition::Used),
                _ => Some(WantedCondition::Any),
            },
            notes: Some(self.notes.clone()).filter(|n| !n.trim().is_empty()),
            address_id,
            location,
            radius_km: int(&mut e, "radiusKm", &self.radius),
            expires_in_hours: int(&mut e, "expiresInHours", &self.hours),
        };
        validated(&body, e)?;
        Ok(body)
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_multipart(multipart, state.config.max_upload_bytes).await {
        Ok(f) => f,
        Err(e) => return error_page(&ctx, e),
    };
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.fields.get("_csrf"))).await
    {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::read(&form.fields);
    let made = async {
        let mut body = draft.body(&state).await?;
        let ids = request_photos(
            &state,
            &caller,
            &form.files,
            "photos",
            app::requests::model::MAX_PHOTOS,
        )
        .await?;
        body.photo_ids = Some(ids);
        requests::create(&state, &caller, &body).await
    }
    .await;
    match made {
        Ok(r) => redirect_with_toast(
            &format!("{}/requests/{}", app_base(&ctx), r.id),
            &t(ctx.locale, "rq-request-sent"),
        ),
        Err(e) => {
            let status = e.status();
            new_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                draft,
                Errors::from_api(&e, ctx.locale),
                status,
            )
            .await
        }
    }
}

/// An offer as the comparison shows it.
pub struct OfferCard {
    pub id: String,
    pub store_id: String,
    pub store: String,
    pub rating: String,
    pub distance: String,
    pub live: bool,
    pub status: &'static str,
    pub unit_price: i64,
    pub quantity: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    pub total: i64,
    pub condition: String,
    pub origin: String,
    pub brand: String,
    pub warranty_days: i64,
    pub in_stock: bool,
    pub days_to_obtain: i64,
    pub fulfilment: String,
    pub notes: String,
    pub expires: String,
    pub cheapest: bool,
    pub photos: Vec<String>,
}

impl OfferCard {
    fn of(o: &Offer, cheapest: i64) -> OfferCard {
        OfferCard {
            id: o.id.to_string(),
            store_id: o.store_id.to_string(),
            store: o.store_name.clone(),
            rating: o
                .store_rating
                .map(|r| format!("{r:.1}"))
                .unwrap_or_default(),
            distance: format!("{:.1}", o.distance_km),
            live: o.status == app::requests::model::OfferStatus::Active,
            status: o.status.as_str(),
            unit_price: o.unit_price,
            quantity: i64::from(o.quantity),
            delivery_fee: o.delivery_fee,
            vat: o.vat,
            total: o.total,
            condition: o.condition.clone(),
            origin: o.origin.clone(),
            brand: o.brand.clone().unwrap_or_default(),
            warranty_days: i64::from(o.warranty_days),
            in_stock: o.in_stock,
            days_to_obtain: i64::from(o.days_to_obtain),
            fulfilment: o.fulfilment.clone(),
            notes: o.notes.clone().unwrap_or_default(),
            expires: crate::shared::local_time(&o.expires_at),
            cheapest: o.total == cheapest,
            photos: o.photos.iter().map(Uuid::to_string).collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/request.html")]
struct DetailPage {
    u: Ui,
    r: PartRequest,
    status: &'static str,
    open: bool,
    offers: Vec<OfferCard>,
    sort: String,
    sorts: [&'static str; 5],
    error: Option<String>,
    key: String,
}

#[derive(Deserialize, Default)]
pub struct DetailQuery {
    sort: Option<String>,
}

async fn detail_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: &str,
    sort: Option<String>,
    error: Option<ApiError>,
) -> Response {
    let sort = sort
        .filter(|s| app::requests::model::OFFER_SORTS.contains(&s.as_str()))
        .unwrap_or_else(|| "price".into());
    let loaded = async {
        let id = parse_id(id)?;
        let r = requests::get(state, caller, id).await?;
        let offers = requests::offers(
            state,
            caller,
            id,
            &OffersQuery {
                sort: Some(sort.clone()),
            },
        )
        .await?;
        Ok::<_, ApiError>((r, offers))
    }
    .await;
    let (r, offers) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let cheapest = offers
        .iter()
        .filter(|o| o.status == app::requests::model::OfferStatus::Active)
        .map(|o| o.total)
        .min()
        .unwrap_or(-1);
    let status = error.as_ref().map_or(StatusCode::OK, ApiError::status);
    let page = DetailPage {
        u: ui(state, ctx, Some(caller), csrf, "requests").await,
        status: r.status.as_str(),
        open: r.status == RequestStatus::Open && r.expires_at > time::OffsetDateTime::now_utc(),
        offers: offers.iter().map(|o| OfferCard::of(o, cheapest)).collect(),
        sort,
        sorts: SORTS,
        error: error.map(|e| e.message().render(ctx.locale)),
        key: Uuid::new_v4().to_string(),
        r,
    };
    (status, page).into_response()
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Response {
    detail_page(&state, &ctx, &caller, &csrf, &id, q.sort, None).await
}

/// Accepts an offer: wallet and cash land on the new order, a card goes on
/// to the gateway's hosted page.
pub async fn accept_offer(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((id, offer)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let method = match f.get("method").as_str() {
        "card" => Method::Card,
        "cash" => Method::Cash,
        _ => Method::Wallet,
    };
    let key = IdempotencyKey(
        Some(f.get("key"))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| Uuid::new_v4().to_string()),
    );
    let done = async {
        accept::accept(
            &state,
            &caller,
            &key,
            parse_id(&id)?,
            parse_id(&offer)?,
            &AcceptOffer {
                payment_method: method,
                note: None,
            },
        )
        .await
    }
    .await;
    match done {
        Ok(replay) => {
            let data = &replay.body["data"];
            if let Some(url) = data["paymentUrl"].as_str() {
                return see_other(url);
            }
            let order = data["order"]["id"].as_str().unwrap_or_default();
            redirect_with_toast(
                &format!("{}/orders/{order}", app_base(&ctx)),
                &t(ctx.locale, "rq-accepted"),
            )
        }
        Err(e) => detail_page(&state, &ctx, &caller, &csrf, &id, None, Some(e)).await,
    }
}

pub async fn cancel(
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
    let done = async { requests::cancel(&state, &caller, parse_id(&id)?, None).await }.await;
    match done {
        Ok(_) => redirect_with_toast(
            &format!("{}/requests/{id}", app_base(&ctx)),
            &t(ctx.locale, "rq-cancelled"),
        ),
        Err(e) => detail_page(&state, &ctx, &caller, &csrf, &id, None, Some(e)).await,
    }
}
