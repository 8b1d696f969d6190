//! Checks of the fake OTO's request bodies: the documented fields, strictly typed. Each
//! returns the refusal's `errorMsg`.

use serde_json::{Map, Value};
use time::PrimitiveDateTime;
use time::macros::format_description;

use super::{EXPRESS_OPTION_ID, SAVER_OPTION_ID};

pub(super) type Obj = Map<String, Value>;

pub(super) fn object(raw: &[u8]) -> Result<Obj, String> {
    match serde_json::from_slice(raw) {
        Ok(Value::Object(obj)) => Ok(obj),
        _ => Err("The body must be a JSON object".to_owned()),
    }
}

fn only_keys(obj: &Obj, known: &[&str]) -> Result<(), String> {
    match obj.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("{k} is not allowed")),
        None => Ok(()),
    }
}

fn string<'a>(obj: &'a Obj, key: &str) -> Result<&'a str, String> {
    obj.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| format!("{key} is required and must be a non-empty string"))
}

fn opt_string(obj: &Obj, key: &str) -> Result<(), String> {
    match obj.get(key) {
        None | Some(Value::String(_)) => Ok(()),
        Some(v) => Err(format!("{key} must be a string, got {v}")),
    }
}

/// A JSON number for which `check` holds.
fn number(obj: &Obj, key: &str, check: fn(f64) -> bool) -> Result<f64, String> {
    obj.get(key)
        .and_then(Value::as_f64)
        .filter(|n| check(*n))
        .ok_or_else(|| format!("{key} must be a valid number, got {:?}", obj.get(key)))
}

fn opt_number(obj: &Obj, key: &str, check: fn(f64) -> bool) -> Result<Option<f64>, String> {
    obj.get(key).map(|_| number(obj, key, check)).transpose()
}

fn positive(n: f64) -> bool {
    n > 0.0
}

fn non_negative(n: f64) -> bool {
    n >= 0.0
}

fn opt_count(obj: &Obj, key: &str) -> Result<(), String> {
    match obj.get(key) {
        Some(v) if v.as_u64().is_none_or(|n| n < 1) => {
            Err(format!("{key} must be an integer ≥ 1, got {v}"))
        }
        _ => Ok(()),
    }
}

pub(super) fn validate_fee(obj: &Obj) -> Result<(String, String, f64), String> {
    only_keys(
        obj,
        &[
            "originCity",
            "destinationCity",
            "weight",
            "originCountry",
            "destinationCountry",
            "currency",
            "packageCount",
            "totalDue",
            "length",
            "width",
            "height",
        ],
    )?;
    let origin = string(obj, "originCity")?.to_owned();
    let destination = string(obj, "destinationCity")?.to_owned();
    let weight = number(obj, "weight", positive)?;
    for key in ["originCountry", "destinationCountry", "currency"] {
        opt_string(obj, key)?;
    }
    opt_count(obj, "packageCount")?;
    opt_number(obj, "totalDue", non_negative)?;
    for key in ["length", "width", "height"] {
        opt_number(obj, key, positive)?;
    }
    Ok((origin, destination, weight))
}

pub(super) fn validate_pickup(obj: &Obj) -> Result<String, String> {
    only_keys(
        obj,
        &[
            "name",
            "code",
            "mobile",
            "address",
            "city",
            "country",
            "contactName",
            "contactEmail",
            "type",
            "lat",
            "lon",
            "postcode",
            "district",
            "street",
            "servingRadius",
            "brandName",
        ],
    )?;
    for key in ["name", "mobile", "address", "city", "contactName"] {
        string(obj, key)?;
    }
    iso2(string(obj, "country")?)?;
    if !string(obj, "contactEmail")?.contains('@') {
        return Err("contactEmail must be an email address".to_owned());
    }
    match obj.get("type").map(Value::as_str) {
        None | Some(Some("warehouse" | "branch")) => {}
        Some(_) => return Err("type must be warehouse or branch".to_owned()),
    }
    opt_number(obj, "lat", |n| (-90.0..=90.0).contains(&n))?;
    opt_number(obj, "lon", |n| (-180.0..=180.0).contains(&n))?;
    opt_number(obj, "servingRadius", non_negative)?;
    for key in ["postcode", "district", "street", "brandName"] {
        opt_string(obj, key)?;
    }
    Ok(string(obj, "code")?.to_owned())
}

fn iso2(country: &str) -> Result<(), String> {
    if country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!(
            "country must be an ISO 3166 alpha-2 code, got {country:?}"
        ))
    }
}

/// Returns the order id and, for `createShipment: true`, the delivery option.
pub(super) fn validate_order(obj: &Obj) -> Result<(String, Option<i64>), String> {
    let order_id = string(obj, "orderId")?.to_owned();
    string(obj, "pickupLocationCode")?;
    let create_shipment = match obj.get("createShipment") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(v) => return Err(format!("createShipment must be a boolean, got {v}")),
    };
    let option = match obj.get("deliveryOptionId") {
        None => None,
        Some(v) => match v.as_i64() {
            Some(id) if [EXPRESS_OPTION_ID, SAVER_OPTION_ID].contains(&id) => Some(id),
            _ => return Err(format!("deliveryOptionId {v} is not a delivery option")),
        },
    };
    if create_shipment && option.is_none() {
        return Err("createShipment needs a deliveryOptionId".to_owned());
    }
    number(obj, "amount", non_negative)?;
    let due = number(obj, "amount_due", non_negative)?;
    match obj.get("payment_method").and_then(Value::as_str) {
        Some("paid") if due == 0.0 => {}
        Some("cod") if due > 0.0 => {}
        Some("paid" | "cod") => return Err("amount_due must be 0 if paid, > 0 if cod".into()),
        _ => return Err("payment_method must be paid or cod".to_owned()),
    }
    let currency = string(obj, "currency")?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "currency must be an ISO 4217 code, got {currency:?}"
        ));
    }
    opt_count(obj, "packageCount")?;
    opt_number(obj, "packageWeight", positive)?;
    for key in ["boxWidth", "boxLength", "boxHeight"] {
        opt_number(obj, key, positive)?;
    }
    opt_string(obj, "senderName")?;
    if let Some(date) = obj.get("orderDate") {
        let format = format_description!("[day]/[month]/[year] [hour]:[minute]");
        let ok = date
            .as_str()
            .is_some_and(|d| PrimitiveDateTime::parse(d, format).is_ok());
        if !ok {
            return Err(format!("orderDate must read dd/MM/yyyy HH:mm, got {date}"));
        }
    }
    let customer = obj
        .get("customer")
        .and_then(Value::as_object)
        .ok_or("customer is required")?;
    for key in ["name", "mobile", "address", "city"] {
        string(customer, key).map_err(|e| format!("customer.{e}"))?;
    }
    iso2(string(customer, "country")?)?;
    for key in ["email", "district", "postcode"] {
        opt_string(customer, key).map_err(|e| format!("customer.{e}"))?;
    }
    let items = obj
        .get("items")
        .and_then(Value::as_array)
        .filter(|i| !i.is_empty())
        .ok_or("items must be a non-empty list")?;
    for item in items {
        let item = item.as_object().ok_or("each item must be an object")?;
        string(item, "name").map_err(|e| format!("items[].{e}"))?;
        number(item, "price", non_negative).map_err(|e| format!("items[].{e}"))?;
        opt_count(item, "quantity")?;
        item.get("quantity").ok_or("items[].quantity is required")?;
    }
    Ok((order_id, option))
}

/// The `orderId` of a status or cancel body.
pub(super) fn order_ref(raw: &[u8]) -> Result<String, String> {
    let obj = object(raw)?;
    string(&obj, "orderId").map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn order_body() -> Obj {
        let body = json!({"orderId":"1234","pickupLocationCode":"jdd_wh","createShipment":true,
            "deliveryOptionId":564,"payment_method":"paid","amount":100,"amount_due":0,
            "currency":"SAR","packageCount":1,"packageWeight":1,"boxWidth":10,"boxLength":10,
            "boxHeight":10,"orderDate":"31/12/2022 15:45","senderName":"Shop",
            "customer":{"name":"A","email":"a@b.sa","mobile":"546607389","address":"St 1",
                "district":"Al Hamra","city":"Jeddah","country":"SA","postcode":"12345",
                "lat":"21.5","lon":"39.2"},
            "items":[{"productId":112,"name":"test","price":100,"quantity":1,"sku":"t-1"}]});
        body.as_object().unwrap().clone()
    }

    #[test]
    fn accepts_the_documented_example_and_refuses_breakage() {
        assert_eq!(
            validate_order(&order_body()),
            Ok(("1234".into(), Some(564)))
        );
        let breakers: [(&str, Value); 12] = [
            ("/deliveryOptionId", json!(1)),
            ("/deliveryOptionId", json!("564")),
            ("/payment_method", json!("card")),
            ("/payment_method", json!("cod")),
            ("/amount_due", json!("0")),
            ("/currency", json!("sar")),
            ("/orderDate", json!("2022-12-31 15:45")),
            ("/orderDate", json!("31/12/2022")),
            ("/customer/country", json!("SAU")),
            ("/customer/mobile", json!("")),
            ("/items/0/price", json!("100")),
            ("/items/0/quantity", json!(0)),
        ];
        for (pointer, value) in breakers {
            let mut body = Value::Object(order_body());
            *body.pointer_mut(pointer).unwrap() = value.clone();
            let obj = body.as_object().unwrap();
            assert!(
                validate_order(obj).is_err(),
                "{pointer} = {value} should be refused"
            );
        }
        let mut no_items = order_body();
        no_items.insert("items".into(), json!([]));
        assert!(validate_order(&no_items).is_err());
    }

    #[test]
    fn fee_bodies_are_strict() {
        let ok =
            json!({"originCity":"Riyadh","destinationCity":"Jeddah","weight":0.5,"totalDue":10.5});
        assert!(validate_fee(ok.as_object().unwrap()).is_ok());
        for bad in [
            json!({"originCity":"Riyadh","destinationCity":"Jeddah","weight":0}),
            json!({"originCity":"Riyadh","destinationCity":"Jeddah","weight":"1"}),
            json!({"originCity":"","destinationCity":"Jeddah","weight":1}),
            json!({"originCity":"Riyadh","destinationCity":"Jeddah","weight":1,"total_due":1}),
        ] {
            assert!(validate_fee(bad.as_object().unwrap()).is_err(), "{bad}");
        }
    }
}
