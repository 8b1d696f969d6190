//! What the statistics are asked: a range of platform days, a grain, one
//! flow or all five, and for the tops a kind and a length. Every failing
//! parameter is named in one 422.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use kernel::ApiError;
use kernel::i18n::Message;
use kernel::validation::{FieldErrors, Validate};

use super::{parse_date, today};

/// The longest range one request may ask for: two years and a day.
pub const MAX_RANGE_DAYS: i64 = 731;
/// The range when none is given: the last 30 days.
pub const DEFAULT_DAYS: i64 = 30;
pub const MAX_TOP: i64 = 50;
pub const DEFAULT_TOP: i64 = 10;

/// The five ways money moves through the marketplace.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Direct orders from the cart or "buy now".
    Order,
    /// Orders made from an accepted store-request offer.
    Request,
    /// Service bookings.
    Booking,
    /// Repair jobs of representatives.
    Repair,
    /// External-part orders.
    External,
}

impl Flow {
    pub const ALL: [Flow; 5] = [
        Flow::Order,
        Flow::Request,
        Flow::Booking,
        Flow::Repair,
        Flow::External,
    ];
    pub const LIST: &'static str = "order, request, booking, repair, external";

    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Order => "order",
            Flow::Request => "request",
            Flow::Booking => "booking",
            Flow::Repair => "repair",
            Flow::External => "external",
        }
    }

    pub fn parse(s: &str) -> Option<Flow> {
        Flow::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The Fluent key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Flow::Order => "stats-flow-order",
            Flow::Request => "stats-flow-request",
            Flow::Booking => "stats-flow-booking",
            Flow::Repair => "stats-flow-repair",
            Flow::External => "stats-flow-external",
        }
    }
}

/// How days are grouped into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Day,
    /// Sunday to Saturday, the Saudi working week's calendar.
    Week,
    Month,
}

impl Grain {
    pub const LIST: &'static str = "day, week, month";

    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<Grain> {
        [Grain::Day, Grain::Week, Grain::Month]
            .into_iter()
            .find(|g| g.as_str() == s)
    }

    /// The first day of the period holding `d`.
    pub fn start_of(self, d: Date) -> Date {
        match self {
            Grain::Day => d,
            Grain::Week => d - Duration::days(i64::from(d.weekday().number_days_from_sunday())),
            Grain::Month => Date::from_calendar_date(d.year(), d.month(), 1).unwrap_or(d),
        }
    }
}

/// Who a top ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TopKind {
    Stores,
    Reps,
    Products,
}

impl TopKind {
    pub const LIST: &'static str = "stores, reps, products";

    pub fn parse(s: &str) -> Option<TopKind> {
        match s {
            "stores" => Some(TopKind::Stores),
            "reps" => Some(TopKind::Reps),
            "products" => Some(TopKind::Products),
            _ => None,
        }
    }
}

/// `GET /admin/stats/flows` (and `.csv`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FlowsQuery {
    /// The first day, `YYYY-MM-DD` (Asia/Riyadh); by default 29 days before `to`.
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub from: Option<String>,
    /// The last day, included; by default today. At most 731 days in all.
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub to: Option<String>,
    /// `day` (the default), `week` (Sunday to Saturday) or `month`.
    #[param(pattern = "^(day|week|month)$")]
    pub grain: Option<String>,
    /// One flow only; all five when absent.
    #[param(pattern = "^(order|request|booking|repair|external)$")]
    pub flow: Option<String>,
}

/// A checked [`FlowsQuery`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowsSpec {
    pub from: Date,
    pub to: Date,
    pub grain: Grain,
    pub flow: Option<Flow>,
}

/// `GET /admin/stats/top`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TopQuery {
    /// As for the flows: by default the last 30 days.
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub from: Option<String>,
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub to: Option<String>,
    /// `stores` (the default), `reps` or `products`.
    #[param(pattern = "^(stores|reps|products)$")]
    pub kind: Option<String>,
    /// Only this flow's figures (stores: order, request, booking; reps:
    /// repair; products: order).
    #[param(pattern = "^(order|request|booking|repair|external)$")]
    pub flow: Option<String>,
    /// How many, 1–50; 10 by default.
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopSpec {
    pub from: Date,
    pub to: Date,
    pub kind: TopKind,
    pub flow: Option<Flow>,
    pub limit: i64,
}

/// The day range of a query, defaults filled in; failures named in `e`.
fn range(e: &mut FieldErrors, from: Option<&str>, to: Option<&str>, today: Date) -> (Date, Date) {
    let parse = |e: &mut FieldErrors, name: &'static str, v: Option<&str>| match v {
        None => Ok(None),
        Some(s) => match parse_date(s) {
            Some(d) => Ok(Some(d)),
            None => {
                e.add(name, Message::new("validation-date"));
                Err(())
            }
        },
    };
    let (f, t) = (parse(e, "from", from), parse(e, "to", to));
    let (Ok(f), Ok(t)) = (f, t) else {
        return (today, today);
    };
    let to = t.unwrap_or(today);
    let from = f.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
    if from > to {
        e.add("to", Message::new("validation-date-order"));
    } else if (to - from).whole_days() + 1 > MAX_RANGE_DAYS {
        let too_long = || Message::new("stats-range-too-long").arg("max", MAX_RANGE_DAYS);
        e.add("from", too_long());
        e.add("to", too_long());
    }
    (from, to)
}

fn flow(e: &mut FieldErrors, v: Option<&str>) -> Option<Flow> {
    let v = v?;
    let f = Flow::parse(v);
    if f.is_none() {
        e.add(
            "flow",
            Message::new("validation-one-of").arg("allowed", Flow::LIST),
        );
    }
    f
}

impl FlowsQuery {
    /// The statistics asked for, as of `today`; every failing field is named.
    pub fn resolve(&self, today: Date) -> Result<FlowsSpec, ApiError> {
        let mut e = FieldErrors::new();
        let (from, to) = range(&mut e, self.from.as_deref(), self.to.as_deref(), today);
        let grain = match self.grain.as_deref() {
            None => Grain::Day,
            Some(g) => Grain::parse(g).unwrap_or_else(|| {
                e.add(
                    "grain",
                    Message::new("validation-one-of").arg("allowed", Grain::LIST),
                );
                Grain::Day
            }),
        };
        let flow = flow(&mut e, self.flow.as_deref());
        e.into_result()?;
        Ok(FlowsSpec {
            from,
            to,
            grain,
            flow,
        })
    }
}

impl Validate for FlowsQuery {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve(today()).map(|_| ())
    }
}

impl TopQuery {
    pub fn resolve(&self, today: Date) -> Result<TopSpec, ApiError> {
        let mut e = FieldErrors::new();
        let (from, to) = range(&mut e, self.from.as_deref(), self.to.as_deref(), today);
        let kind = match self.kind.as_deref() {
            None => TopKind::Stores,
            Some(k) => TopKind::parse(k).unwrap_or_else(|| {
                e.add(
                    "kind",
                    Message::new("validation-one-of").arg("allowed", TopKind::LIST),
                );
                TopKind::Stores
            }),
        };
        let flow = flow(&mut e, self.flow.as_deref());
        let limit = self.limit.unwrap_or(DEFAULT_TOP);
        if !(1..=MAX_TOP).contains(&limit) {
            e.add(
                "limit",
                Message::new("validation-range")
                    .arg("min", 1_i64)
                    .arg("max", MAX_TOP),
            );
        }
        e.into_result()?;
        Ok(TopSpec {
            from,
            to,
            kind,
            flow,
            limit,
        })
    }
}

impl Validate for TopQuery {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve(today()).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn fields(r: Result<FlowsSpec, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => {
                let mut v: Vec<String> = f.iter().map(|(k, _)| k.clone()).collect();
                v.sort();
                v
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults_are_the_last_thirty_days_by_day() {
        let s = FlowsQuery::default()
            .resolve(date!(2026 - 12 - 07))
            .unwrap();
        assert_eq!(
            (s.from, s.to, s.grain, s.flow),
            (
                date!(2026 - 11 - 08),
                date!(2026 - 12 - 07),
                Grain::Day,
                None
            )
        );
    }

    #[test]
    fn every_bad_parameter_is_named() {
        let q = |from: &str, to: &str, grain: &str, flow: &str| FlowsQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            grain: Some(grain.into()),
            flow: Some(flow.into()),
        };
        let today = date!(2026 - 12 - 07);
        assert_eq!(
            fields(q("2026-13-01", "x", "year", "shop").resolve(today)),
            ["flow", "from", "grain", "to"]
        );
        assert_eq!(
            fields(q("2026-02-01", "2026-01-01", "day", "order").resolve(today)),
            ["to"]
        );
        assert_eq!(
            fields(q("2024-01-01", "2026-01-01", "month", "order").resolve(today)),
            ["from", "to"]
        );
        // Exactly 731 days is allowed.
        assert!(
            q("2024-01-01", "2025-12-31", "week", "repair")
                .resolve(today)
                .is_ok()
        );
    }

    #[test]
    fn weeks_start_on_sunday_and_months_on_the_first() {
        // 2025-03-01 is a Saturday.
        assert_eq!(
            Grain::Week.start_of(date!(2025 - 03 - 01)),
            date!(2025 - 02 - 23)
        );
        assert_eq!(
            Grain::Week.start_of(date!(2025 - 03 - 02)),
            date!(2025 - 03 - 02)
        );
        assert_eq!(
            Grain::Week.start_of(date!(2025 - 03 - 08)),
            date!(2025 - 03 - 02)
        );
        assert_eq!(
            Grain::Month.start_of(date!(2025 - 03 - 31)),
            date!(2025 - 03 - 01)
        );
        assert_eq!(
            Grain::Day.start_of(date!(2025 - 03 - 31)),
            date!(2025 - 03 - 31)
        );
    }

    #[test]
    fn a_top_is_at_most_fifty_long() {
        let q = |limit| TopQuery {
            limit: Some(limit),
            kind: Some("reps".into()),
            ..Default::default()
        };
        let today = date!(2026 - 12 - 07);
        assert!(q(51).resolve(today).is_err());
        assert!(q(0).resolve(today).is_err());
        assert_eq!(q(50).resolve(today).unwrap().kind, TopKind::Reps);
    }
}
