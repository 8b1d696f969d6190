//! The store's offer on a request: sent, revised (the replaced version is
//! kept by the service) or withdrawn from the request's page. Prices are
//! typed in SAR and sent in halalas.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, State};
use axum::response::Response;
use http::HeaderMap;

use app::AppState;
use app::requests::model::{Offer, OfferInput};
use app::requests::service::store as requests;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::acting;
use super::requests::render;
use crate::chrome::WebCtx;
use crate::forms::{Fields, parse_int, parse_sar, read_multipart, request_photos, validated};
use crate::shared::redirect_with_toast;

/// The offer form's values as typed.
#[derive(Default)]
pub struct OfferDraft {
    pub unit_price: String,
    pub condition: String,
    pub origin: String,
    pub brand: String,
    pub warranty_days: String,
    pub in_stock: bool,
    pub days_to_obtain: String,
    pub fulfilment: String,
    pub delivery_fee: String,
    pub expires_in_hours: String,
    pub notes: String,
}

impl OfferDraft {
    pub fn of(o: &Offer) -> OfferDraft {
        OfferDraft {
            unit_price: kernel::money::decimal(o.unit_price),
            condition: o.condition.clone(),
            origin: o.origin.clone(),
            brand: o.brand.clone().unwrap_or_default(),
            warranty_days: o.warranty_days.to_string(),
            in_stock: o.in_stock,
            days_to_obtain: if o.in_stock {
                String::new()
            } else {
                o.days_to_obtain.to_string()
            },
            fulfilment: o.fulfilment.clone(),
            delivery_fee: kernel::money::decimal(o.delivery_fee),
            expires_in_hours: String::new(),
            notes: o.notes.clone().unwrap_or_default(),
        }
    }

    /// A first offer's starting values: in stock, delivered, in the
    /// condition the customer asked for.
    pub fn blank(wanted: app::requests::model::WantedCondition) -> OfferDraft {
        let used = wanted == app::requests::model::WantedCondition::Used;
        OfferDraft {
            condition: if used { "used" } else { "new" }.into(),
            origin: if used { "used" } else { "oem" }.into(),
            in_stock: true,
            fulfilment: "delivery".into(),
            ..OfferDraft::default()
        }
    }

    fn read(f: &Fields) -> OfferDraft {
        OfferDraft {
            unit_price: f.get("unitPrice").trim().to_owned(),
            condition: f.get("condition"),
            origin: f.get("origin"),
            brand: f.get("brand"),
            warranty_days: f.get("warrantyDays").trim().to_owned(),
            in_stock: f.get("inStock") == "yes",
            days_to_obtain: f.get("daysToObtain").trim().to_owned(),
            fulfilment: f.get("fulfilment"),
            delivery_fee: f.get("deliveryFee").trim().to_owned(),
            expires_in_hours: f.get("expiresInHours").trim().to_owned(),
            notes: f.get("notes"),
        }
    }

    /// The API body, or the fields that could not be read.
    fn input(&self) -> Result<OfferInput, ApiError> {
        let mut e = FieldErrors::new();
        let mut number = |field: &str, raw: &str, sar: bool| -> Option<i64> {
            if raw.is_empty() {
                return None;
            }
            let v = if sar {
                parse_sar(raw)
            } else {
                parse_int::<i64>(raw)
            };
            if v.is_none() {
                e.add(field, Message::new("validation-type"));
            }
            v
        };
        let unit_price = number("unitPrice", &self.unit_price, true);
        let warranty = number("warrantyDays", &self.warranty_days, false);
        let days = number("daysToObtain", &self.days_to_obtain, false);
        let fee = number("deliveryFee", &self.delivery_fee, true);
        let hours = number("expiresInHours", &self.expires_in_hours, false);
        if unit_price.is_none() && !e.contains("unitPrice") {
            e.add("unitPrice", Message::new("validation-required"));
        }
        let clip = |v: Option<i64>| v.map(|x| i32::try_from(x).unwrap_or(i32::MAX));
        let input = OfferInput {
            unit_price: unit_price.unwrap_or(0),
            condition: self.condition.clone(),
            origin: self.origin.clone(),
            brand: Some(self.brand.trim().to_owned()).filter(|b| !b.is_empty()),
            warranty_days: clip(warranty),
            in_stock: self.in_stock,
            days_to_obtain: clip(days),
            fulfilment: self.fulfilment.clone(),
            delivery_fee: fee,
            expires_in_hours: clip(hours),
            notes: Some(self.notes.trim().to_owned()).filter(|n| !n.is_empty()),
            photo_ids: None,
        };
        validated(&input, e)?;
        Ok(input)
    }
}

/// An offer as the request's page lists it.
pub struct OfferView {
    pub id: String,
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
    pub revision: i64,
    pub commission_bp: i64,
    pub photos: Vec<String>,
}

impl OfferView {
    pub fn of(o: &Offer, locale: kernel::Locale) -> OfferView {
        OfferView {
            id: o.id.to_string(),
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
            expires: crate::shared::when(locale, o.expires_at),
            revision: i64::from(o.revision),
            commission_bp: i64::from(o.commission_bp),
            photos: o.photos.iter().map(uuid::Uuid::to_string).collect(),
        }
    }
}

enum Act {
    Send,
    Revise(String),
}

async fn submit(
    state: AppState,
    ctx: WebCtx,
    headers: HeaderMap,
    store: String,
    id: String,
    act: Act,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_multipart(multipart, state.config.max_upload_bytes).await {
        Ok(f) => f,
        Err(e) => return super::error_page(&ctx, e),
    };
    let f = &form.fields;
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = OfferDraft::read(f);
    let result = async {
        let mut input = draft.input()?;
        let (s, r) = (parse_id(&store)?, parse_id(&id)?);
        // New photos replace the offer's; none sent keeps them.
        let photos = request_photos(
            &state,
            &caller,
            &form.files,
            "photos",
            app::requests::model::MAX_PHOTOS,
        )
        .await?;
        if !photos.is_empty() {
            input.photo_ids = Some(photos);
        }
        validated(&input, FieldErrors::new())?;
        match &act {
            Act::Send => requests::offer(&state, &caller, s, r, &input).await,
            Act::Revise(o) => requests::revise(&state, &caller, s, r, parse_id(o)?, &input).await,
        }
    }
    .await;
    match result {
        Ok(_) => {
            let key = match act {
                Act::Send => "pr-offer-sent",
                Act::Revise(_) => "pr-offer-revised",
            };
            redirect_with_toast(
                &format!("{}/stores/{store}/requests/{id}", ctx.partner_base()),
                &t(ctx.locale, key),
            )
        }
        Err(e) => render(&state, &ctx, &caller, &csrf, &store, &id, Some((e, draft))).await,
    }
}

pub async fn send(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    submit(state, ctx, headers, store, id, Act::Send, multipart).await
}

pub async fn revise(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id, offer)): Path<(String, String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    submit(
        state,
        ctx,
        headers,
        store,
        id,
        Act::Revise(offer),
        multipart,
    )
    .await
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id, offer)): Path<(String, String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let result = async {
        requests::withdraw(
            &state,
            &caller,
            parse_id(&store)?,
            parse_id(&id)?,
            parse_id(&offer)?,
        )
        .await
    }
    .await;
    match result {
        Ok(_) => redirect_with_toast(
            &format!("{}/stores/{store}/requests/{id}", ctx.partner_base()),
            &t(ctx.locale, "pr-offer-withdrawn"),
        ),
        Err(e) => {
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                &store,
                &id,
                Some((e, OfferDraft::default())),
            )
            .await
        }
    }
}
