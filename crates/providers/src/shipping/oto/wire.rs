//! OTO's JSON: request bodies built from our types, and answers read into them.
//!
//! Money and weights cross the API as decimal SAR and kg numbers: see [`sar`] and [`halalas`].

use serde::Serialize;
use serde_json::Value;
use time::format_description::BorrowedFormatItem;
use time::macros::{format_description, offset};

use crate::shipping::{
    DeliveryOption, FeeQuery, PickupLocation, Shipment, ShipmentRequest, ShippingError,
    TrackingStatus, text,
};

/// Longest provider error text kept in [`ShippingError::Provider::message`] (in chars).
pub(super) const MAX_ERROR_MESSAGE_CHARS: usize = 200;
/// OTO's `orderDate` format, in Saudi time.
const ORDER_DATE: &[BorrowedFormatItem<'_>] =
    format_description!("[day]/[month]/[year] [hour]:[minute]");

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct FeeBody<'a> {
    origin_city: &'a str,
    destination_city: &'a str,
    /// kg.
    weight: f64,
    /// The COD amount, SAR.
    #[serde(skip_serializing_if = "Option::is_none")]
    total_due: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PickupBody<'a> {
    name: &'a str,
    code: &'a str,
    mobile: &'a str,
    address: &'a str,
    city: &'a str,
    country: &'a str,
    contact_name: &'a str,
    contact_email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OrderBody<'a> {
    order_id: &'a str,
    pickup_location_code: &'a str,
    create_shipment: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery_option_id: Option<Value>,
    #[serde(rename = "payment_method")]
    payment_method: &'static str,
    amount: f64,
    #[serde(rename = "amount_due")]
    amount_due: f64,
    currency: &'a str,
    package_count: u32,
    /// kg.
    package_weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    box_length: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    box_width: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    box_height: Option<i64>,
    order_date: String,
    sender_name: &'a str,
    customer: CustomerBody<'a>,
    items: Vec<ItemBody<'a>>,
}

#[derive(Serialize)]
struct CustomerBody<'a> {
    name: &'a str,
    mobile: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    city: &'a str,
    country: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
    /// OTO's example sends coordinates as strings here.
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<String>,
}

#[derive(Serialize)]
struct ItemBody<'a> {
    sku: &'a str,
    name: &'a str,
    price: f64,
    quantity: i64,
}

pub(super) fn fee_body(q: &FeeQuery) -> FeeBody<'_> {
    FeeBody {
        origin_city: &q.origin_city,
        destination_city: &q.destination_city,
        weight: kg(q.weight_grams),
        total_due: q.cod_halalas.map(sar),
        length: q.dims_cm.map(|d| d.0),
        width: q.dims_cm.map(|d| d.1),
        height: q.dims_cm.map(|d| d.2),
    }
}

pub(super) fn pickup_body(p: &PickupLocation) -> PickupBody<'_> {
    PickupBody {
        name: &p.name,
        code: &p.code,
        mobile: &p.mobile,
        address: &p.address,
        city: &p.city,
        country: &p.country,
        contact_name: &p.contact_name,
        contact_email: &p.contact_email,
        district: p.district.as_deref(),
        lat: p.lat,
        lon: p.lon,
    }
}

pub(super) fn order_body(r: &ShipmentRequest) -> Result<OrderBody<'_>, ShippingError> {
    let order_date = r
        .order_date
        .to_offset(offset!(+3))
        .format(ORDER_DATE)
        .map_err(|e| ShippingError::Malformed(format!("order date: {e}")))?;
    let c = &r.customer;
    Ok(OrderBody {
        order_id: &r.order_id,
        pickup_location_code: &r.pickup_code,
        create_shipment: r.delivery_option_id.is_some(),
        delivery_option_id: r.delivery_option_id.as_deref().map(option_id),
        payment_method: if r.cod_halalas.is_some() {
            "cod"
        } else {
            "paid"
        },
        amount: sar(r.amount_halalas),
        amount_due: sar(r.cod_halalas.unwrap_or(0)),
        currency: &r.currency,
        // Our orders travel as one parcel; `weight_grams` is its total.
        package_count: 1,
        package_weight: kg(r.weight_grams),
        box_length: r.dims_cm.map(|d| d.0),
        box_width: r.dims_cm.map(|d| d.1),
        box_height: r.dims_cm.map(|d| d.2),
        order_date,
        sender_name: &r.sender_name,
        customer: CustomerBody {
            name: &c.name,
            mobile: &c.mobile,
            email: c.email.as_deref(),
            address: &c.address,
            district: c.district.as_deref(),
            city: &c.city,
            country: &c.country,
            postcode: c.postcode.as_deref(),
            lat: c.lat.map(|v| v.to_string()),
            lon: c.lon.map(|v| v.to_string()),
        },
        items: r
            .items
            .iter()
            .map(|i| ItemBody {
                sku: &i.sku,
                name: &i.name,
                price: sar(i.price_halalas),
                quantity: i.quantity,
            })
            .collect(),
    })
}

/// `errorCode` (number or string), `errorMsg` (else `message`), `traceId`.
pub(super) fn provider_error(json: &Value) -> ShippingError {
    let message = ["errorMsg", "message"]
        .iter()
        .find_map(|k| json.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map_or_else(
            || "no error message".to_owned(),
            |m| truncate(m, MAX_ERROR_MESSAGE_CHARS),
        );
    ShippingError::Provider {
        code: json
            .get("errorCode")
            .and_then(text)
            .filter(|c| !c.is_empty()),
        message,
        trace_id: json.get("traceId").and_then(text).filter(|t| !t.is_empty()),
    }
}

/// Reads `deliveryCompany[]`. An option without an id or a readable price cannot be offered, so
/// it is left out rather than failing the others.
pub(super) fn delivery_options(json: &Value) -> Result<Vec<DeliveryOption>, ShippingError> {
    let options = match json.get("deliveryCompany") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(options)) => options,
        Some(_) => {
            return Err(ShippingError::Malformed(
                "deliveryCompany is not a list".into(),
            ));
        }
    };
    let string = |o: &Value, key: &str| o.get(key).and_then(text).unwrap_or_default();
    Ok(options
        .iter()
        .filter_map(|o| {
            let id = o.get("deliveryOptionId").and_then(text).filter(|i| !i.is_empty());
            let price = o.get("price").and_then(halalas);
            let (Some(id), Some(price_halalas)) = (id, price) else {
                tracing::warn!(provider = "oto", option = %o, "delivery option without id or price");
                return None;
            };
            Some(DeliveryOption {
                id,
                carrier: string(o, "deliveryCompanyName"),
                name: string(o, "deliveryOptionName"),
                service_type: string(o, "serviceType"),
                price_halalas,
                cod_charge_halalas: o.get("codCharge").and_then(halalas).unwrap_or(0),
                eta_text: string(o, "avgDeliveryTime"),
            })
        })
        .collect())
}

/// A createOrder or orderStatus answer. `default_status` stands in for a missing `status`;
/// without one a missing status is malformed.
pub(super) fn shipment(
    json: &Value,
    provider_id: String,
    default_status: Option<&str>,
) -> Result<Shipment, ShippingError> {
    let optional = |key: &str| json.get(key).and_then(text).filter(|s| !s.is_empty());
    let raw_status = optional("status")
        .or_else(|| default_status.map(str::to_owned))
        .ok_or_else(|| ShippingError::Malformed("answer without status".into()))?;
    Ok(Shipment {
        provider_id,
        tracking_number: optional("trackingNumber"),
        tracking_url: optional("trackingUrl"),
        awb_url: optional("printAWBURL"),
        status: TrackingStatus::from_oto(&raw_status),
        raw_status,
    })
}

/// OTO's option ids are numbers; ours are strings. Numeric ones go back as numbers.
fn option_id(id: &str) -> Value {
    id.trim()
        .parse::<i64>()
        .map_or_else(|_| Value::String(id.to_owned()), Value::from)
}

/// Halalas as a SAR number. The division is correctly rounded, so the `f64` is the one nearest
/// the 2-decimal value, and serde_json prints the shortest text that reads back as it: `1999`
/// goes out as `19.99`, never `19.990000000000002` (exact below 2^53 halalas).
fn sar(halalas: i64) -> f64 {
    halalas as f64 / 100.0
}

/// Grams as a kg number, exact in the same way as [`sar`].
fn kg(grams: i64) -> f64 {
    grams as f64 / 1000.0
}

/// A SAR amount (JSON number or numeric string) in halalas, from its decimal text so that no
/// binary rounding creeps in; beyond two decimals it rounds half away from zero
/// (`10.005` → 1001).
fn halalas(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => decimal_halalas(&n.to_string()),
        Value::String(s) => decimal_halalas(s.trim()),
        _ => None,
    }
}

fn decimal_halalas(s: &str) -> Option<i64> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok().filter(|e| e.abs() <= 30)?),
        None => (s, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<i64> = int
        .bytes()
        .chain(frac.bytes())
        .map(|b| i64::from(b) - i64::from(b'0'))
        .collect();
    if digits.is_empty() || digits.iter().any(|d| !(0..=9).contains(d)) {
        return None;
    }
    let digit = |i: i64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.get(i))
            .copied()
            .unwrap_or(0)
    };
    // Position in `digits` just past the halalas (hundredths) place.
    let cut = int.len() as i64 + exponent + 2;
    let mut value: i64 = 0;
    for i in 0..cut {
        value = value.checked_mul(10)?.checked_add(digit(i))?;
    }
    if digit(cut) >= 5 {
        value = value.checked_add(1)?;
    }
    Some(if negative { -value } else { value })
}

pub(super) fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((idx, _)) => format!("{}…", &s[..idx]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_prices_exactly() {
        for (price, want) in [
            (json!(23.5), Some(2350)),
            (json!(19.99), Some(1999)),
            (json!(10.005), Some(1001)),
            (json!(10.004), Some(1000)),
            (json!(0.1), Some(10)),
            (json!(1.15), Some(115)),
            (json!(4.35), Some(435)),
            (json!(10), Some(1000)),
            (json!(0), Some(0)),
            (json!(1e3), Some(100_000)),
            (json!(2.5e-3), Some(0)),
            (json!(5e-3), Some(1)),
            (json!(-1.005), Some(-101)),
            (json!(3750), Some(375_000)),
            (json!("23.50"), Some(2350)),
            (json!(" 7 "), Some(700)),
            (json!("7."), Some(700)),
            (json!(".5"), Some(50)),
            (json!(""), None),
            (json!("."), None),
            (json!("1,5"), None),
            (json!("1e999"), None),
            (json!(1e300), None),
            (json!(null), None),
            (json!(true), None),
        ] {
            assert_eq!(halalas(&price), want, "{price}");
        }
    }

    #[test]
    fn writes_amounts_and_weights_as_short_decimals() {
        let text = |v: f64| serde_json::to_string(&v).unwrap();
        assert_eq!(text(sar(1999)), "19.99");
        assert_eq!(text(sar(1)), "0.01");
        assert_eq!(text(sar(123_456_789)), "1234567.89");
        assert_eq!(text(sar(10_000)), "100.0");
        assert_eq!(text(kg(1250)), "1.25");
        assert_eq!(text(kg(7)), "0.007");
        for h in 0..100_000 {
            assert_eq!(halalas(&json!(sar(h))), Some(h), "{h}");
        }
    }

    #[test]
    fn reads_provider_errors() {
        let long = "x".repeat(500);
        match provider_error(
            &json!({"success":false,"errorCode":112,"errorMsg":long,"traceId":"t-1"}),
        ) {
            ShippingError::Provider {
                code,
                message,
                trace_id,
            } => {
                assert_eq!(code.as_deref(), Some("112"));
                assert_eq!(message.chars().count(), MAX_ERROR_MESSAGE_CHARS + 1);
                assert_eq!(trace_id.as_deref(), Some("t-1"));
            }
            other => panic!("{other:?}"),
        }
        let err = provider_error(&json!({"success":false,"errorCode":"E_X"}));
        assert_eq!(
            err.to_string(),
            "shipping provider error E_X: no error message"
        );
    }

    #[test]
    fn reads_delivery_options() {
        let json = json!({"success":true,"deliveryCompany":[
            {"deliveryOptionId":564,"deliveryCompanyName":"SMSA","deliveryOptionName":"Kwick Box",
             "serviceType":"express","price":23.5,"avgDeliveryTime":"1-2 days","codCharge":10},
            {"deliveryOptionId":"opt-2","price":"19.99"},
            {"deliveryOptionId":7},
            {"price":5}
        ]});
        let options = delivery_options(&json).unwrap();
        assert_eq!(options.len(), 2);
        assert_eq!(
            options[0],
            DeliveryOption {
                id: "564".into(),
                carrier: "SMSA".into(),
                name: "Kwick Box".into(),
                service_type: "express".into(),
                price_halalas: 2350,
                cod_charge_halalas: 1000,
                eta_text: "1-2 days".into(),
            }
        );
        assert_eq!(
            (options[1].id.as_str(), options[1].price_halalas),
            ("opt-2", 1999)
        );
        assert_eq!(options[1].cod_charge_halalas, 0);
        assert!(
            delivery_options(&json!({"success":true}))
                .unwrap()
                .is_empty()
        );
        assert!(delivery_options(&json!({"deliveryCompany":{}})).is_err());
    }

    #[test]
    fn option_ids_go_back_as_numbers() {
        assert_eq!(option_id("564"), json!(564));
        assert_eq!(option_id("opt-2"), json!("opt-2"));
    }
}
