//! The address add/edit form: its fields as typed or saved, the city
//! picker and the district's suggestions, and reading it into the API's
//! body.

use app::AppState;
use app::customer::model::{Address, NewAddress};
use kernel::i18n::Message;
use kernel::{ApiError, FieldErrors};
use uuid::Uuid;

use super::account::account_url;
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_decimal, validated};
use crate::geo_picker;

/// Where the map opens when there is no pin yet: Riyadh.
const RIYADH: (f64, f64) = (24.7136, 46.6753);

/// The add/edit form as typed (or as saved), with its errors.
pub struct AddressForm {
    pub action: String,
    pub editing: bool,
    pub label: String,
    pub recipient_name: String,
    pub phone: String,
    pub city_id: String,
    /// The saved text of a city the list does not know (older addresses):
    /// sent back as it is until a city is chosen.
    pub city: String,
    pub district: String,
    pub street: String,
    pub details: String,
    pub lat: String,
    pub lng: String,
    pub is_default: bool,
    /// Where the map opens: the pin, else the default address, else Riyadh.
    pub center_lat: String,
    pub center_lng: String,
    /// The city select's `<option>`s and the district's suggestions.
    pub city_options: String,
    pub area_options: String,
    pub errors: Errors,
}

impl AddressForm {
    pub fn blank(ctx: &WebCtx, around: Option<&Address>) -> AddressForm {
        let (lat, lng) = around.map_or(RIYADH, |a| (a.lat, a.lng));
        AddressForm {
            action: account_url(ctx, "/addresses"),
            editing: false,
            label: String::new(),
            recipient_name: String::new(),
            phone: String::new(),
            city_id: String::new(),
            city: String::new(),
            district: String::new(),
            street: String::new(),
            details: String::new(),
            lat: String::new(),
            lng: String::new(),
            is_default: false,
            center_lat: lat.to_string(),
            center_lng: lng.to_string(),
            city_options: String::new(),
            area_options: String::new(),
            errors: Errors::none(),
        }
    }

    pub fn of(ctx: &WebCtx, a: &Address) -> AddressForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        AddressForm {
            action: account_url(ctx, &format!("/addresses/{}", a.id)),
            editing: true,
            label: a.label.clone(),
            recipient_name: a.recipient_name.clone(),
            phone: a.phone.clone(),
            city_id: a.city_id.map(|c| c.to_string()).unwrap_or_default(),
            city: if a.city_id.is_some() {
                String::new()
            } else {
                a.city.clone()
            },
            district: text(&a.district),
            street: text(&a.street),
            details: text(&a.details),
            lat: a.lat.to_string(),
            lng: a.lng.to_string(),
            is_default: a.is_default,
            center_lat: a.lat.to_string(),
            center_lng: a.lng.to_string(),
            city_options: String::new(),
            area_options: String::new(),
            errors: Errors::none(),
        }
    }

    /// The form sent back with the service's (or the reader's) refusal.
    pub fn typed(action: String, editing: bool, f: &Fields, errors: Errors) -> AddressForm {
        let (lat, lng) = (f.get("lat"), f.get("lng"));
        let center = |typed: &str, fallback: f64| {
            parse_decimal(typed).map_or(fallback.to_string(), |v| v.to_string())
        };
        AddressForm {
            action,
            editing,
            center_lat: center(&lat, RIYADH.0),
            center_lng: center(&lng, RIYADH.1),
            label: f.get("label"),
            recipient_name: f.get("recipient_name"),
            phone: f.get("phone"),
            city_id: f.get("cityId"),
            city: f.get("city"),
            district: f.get("district"),
            street: f.get("street"),
            details: f.get("details"),
            lat,
            lng,
            is_default: f.get("is_default") == "on",
            city_options: String::new(),
            area_options: String::new(),
            errors,
        }
    }

    /// Draws the city select (its city chosen) and the city's areas.
    pub async fn with_pickers(mut self, state: &AppState, ctx: &WebCtx) -> Result<Self, ApiError> {
        let city = Uuid::parse_str(&self.city_id).ok();
        self.city_options = geo_picker::city_options(state, ctx.locale, city).await?;
        self.area_options = geo_picker::area_options(state, ctx.locale, city).await;
        Ok(self)
    }

    /// The field's error, or "" (for `aria-invalid` and the message).
    pub fn error(&self, field: &str) -> String {
        self.errors.only(field)
    }

    /// The city select's error: its own, else the text's (required).
    pub fn city_error(&self) -> String {
        let own = self.errors.only("cityId");
        if own.is_empty() {
            self.errors.only("city")
        } else {
            own
        }
    }
}

/// The form as the API's body, with the coordinates read in any digits;
/// a coordinate that is not a number is refused here, the rest by the
/// body's own rules. The chosen city goes as `cityId` (the service writes
/// its name); without one, an older address's text is kept.
pub fn read_form(f: &Fields) -> Result<NewAddress, ApiError> {
    let mut shape = FieldErrors::new();
    let mut coordinate = |field: &str, max: i64| -> Option<f64> {
        let raw = f.get(field);
        if raw.is_empty() {
            return None;
        }
        let v = parse_decimal(&raw);
        if v.is_none() {
            shape.add(
                field,
                Message::new("validation-range")
                    .arg("min", -max)
                    .arg("max", max),
            );
        }
        v
    };
    let lat = coordinate("lat", 90);
    let lng = coordinate("lng", 180);
    let city_id = geo_picker::read_city_id(&f.get("cityId"), &mut shape);
    let text = f.get("city");
    let city = if city_id.is_some() || text.is_empty() {
        None
    } else {
        Some(text)
    };
    if city_id.is_none() && city.is_none() && f.get("cityId").is_empty() {
        shape.add("cityId", Message::new("validation-required"));
    }
    let body = NewAddress {
        label: Some(f.get("label")),
        recipient_name: Some(f.get("recipient_name")),
        phone: Some(f.get("phone")),
        city,
        city_id,
        district: Some(f.get("district")),
        street: Some(f.get("street")),
        details: Some(f.get("details")),
        lat,
        lng,
        is_default: f.get("is_default") == "on",
    };
    validated(&body, shape)?;
    Ok(body)
}
