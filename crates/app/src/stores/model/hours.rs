//! Working hours: days `sat`…`fri` to opening periods `["HH:MM", "HH:MM"]`.

use std::collections::BTreeMap;

use kernel::FieldErrors;
use kernel::i18n::Message;

pub const DAYS: [&str; 7] = ["sat", "sun", "mon", "tue", "wed", "thu", "fri"];
pub const MAX_PERIODS: usize = 4;

/// Days (`sat`…`fri`) to their opening periods, e.g.
/// `{"sat": [["09:00", "13:00"], ["16:30", "23:00"]]}`; a missing day is closed.
pub type WorkingHours = BTreeMap<String, Vec<Vec<String>>>;

/// [`WorkingHours`] in the document: the known days, at most four periods
/// each, each period two `HH:MM` times (`24:00` closes at midnight). That
/// periods open before they close and do not overlap is checked, not shown.
pub struct WorkingHoursSchema;

impl utoipa::PartialSchema for WorkingHoursSchema {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ArrayBuilder, ObjectBuilder, Type};
        let time = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"));
        let period = ArrayBuilder::new()
            .items(time)
            .min_items(Some(2))
            .max_items(Some(2));
        let day = ArrayBuilder::new()
            .items(period)
            .max_items(Some(MAX_PERIODS))
            .build();
        let mut hours = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Days `sat`…`fri` to their opening periods `[\"HH:MM\", \"HH:MM\"]`, each opening before it closes, none overlapping; a missing day is closed.",
            ))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        for d in DAYS {
            hours = hours.property(d, day.clone());
        }
        hours.into()
    }
}

impl utoipa::ToSchema for WorkingHoursSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "WorkingHours".into()
    }
}

/// Minutes since midnight of `HH:MM`; `24:00` closes at midnight.
fn minutes(t: &str) -> Option<u32> {
    let (h, m) = t.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(24 * 60),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

pub fn check_hours(e: &mut FieldErrors, hours: &WorkingHours) {
    for (day, periods) in hours {
        let field = format!("workingHours.{day}");
        if !DAYS.contains(&day.as_str()) {
            e.add(field, Message::new("stores-validation-day-unknown"));
            continue;
        }
        if periods.len() > MAX_PERIODS {
            e.add(
                field.clone(),
                Message::new("stores-validation-hours-too-many").arg("max", MAX_PERIODS),
            );
        }
        let mut spans = Vec::new();
        for p in periods {
            let [open, close] = p.as_slice() else {
                e.add(
                    field.clone(),
                    Message::new("stores-validation-hours-interval"),
                );
                continue;
            };
            match (minutes(open), minutes(close)) {
                (Some(o), Some(c)) if o < c && o < 24 * 60 => spans.push((o, c)),
                (Some(_), Some(_)) => {
                    e.add(field.clone(), Message::new("stores-validation-hours-order"));
                }
                _ => {
                    e.add(field.clone(), Message::new("stores-validation-hours-time"));
                }
            }
        }
        spans.sort_unstable();
        if spans.windows(2).any(|w| w[1].0 < w[0].1) {
            e.add(field, Message::new("stores-validation-hours-overlap"));
        }
    }
}

/// Working hours as stored: every day in order, periods sorted.
pub fn hours_json(hours: &WorkingHours) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for day in DAYS {
        if let Some(periods) = hours.get(day) {
            let mut periods = periods.clone();
            periods.sort();
            map.insert(day.to_owned(), serde_json::json!(periods));
        }
    }
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_rules() {
        let h = |v: serde_json::Value| -> FieldErrors {
            let hours: WorkingHours = serde_json::from_value(v).unwrap();
            let mut e = FieldErrors::new();
            check_hours(&mut e, &hours);
            e
        };
        assert!(
            h(serde_json::json!({"sat": [["09:00", "13:00"], ["16:30", "24:00"]], "fri": []}))
                .is_empty()
        );
        assert!(
            h(serde_json::json!({"sunday": [["09:00", "13:00"]]})).contains("workingHours.sunday")
        );
        assert!(h(serde_json::json!({"sat": [["13:00", "09:00"]]})).contains("workingHours.sat"));
        assert!(h(serde_json::json!({"sat": [["9:00", "13:00"]]})).contains("workingHours.sat"));
        assert!(h(serde_json::json!({"sat": [["09:00"]]})).contains("workingHours.sat"));
        assert!(
            h(serde_json::json!({"mon": [["09:00", "13:00"], ["12:00", "14:00"]]}))
                .contains("workingHours.mon")
        );
        assert!(h(serde_json::json!({"mon": [["24:00", "24:00"]]})).contains("workingHours.mon"));
    }
}
