pub mod figures;
pub mod rollup;

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use kernel::ApiError;
use kernel::i18n::Message;
use kernel::validation::{FieldErrors, Validate};

/// Days are the platform's days: Saudi Arabia keeps UTC+3 all year.
pub const PLATFORM_OFFSET_HOURS: i8 = 3;
/// The same zone for PostgreSQL (`AT TIME ZONE`): a bare `+03:00` there is a
/// POSIX offset, three hours *west* of UTC.
pub const PLATFORM_TZ: &str = "Asia/Riyadh";
/// The longest period one request may ask for.
pub const MAX_DAYS: i64 = 366;
/// A product (or one of its variants) with this many left or fewer is low on stock.
pub const LOW_STOCK: i32 = 5;
/// Statuses whose money does not count towards GMV, sales or commission.
pub const VOID_STATUSES: [&str; 3] = ["cancelled", "rejected", "refunded"];

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// The period of a home: `range` (`today`, `7d`, `30d`) or `from` and `to`
/// (dates, both included). The default is the last 30 days.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    #[param(pattern = "^(today|7d|30d|custom)$")]
    pub range: Option<String>,
    /// `YYYY-MM-DD`, with `to`; at most 366 days.
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub from: Option<String>,
    #[param(pattern = "^\\d{4}-\\d{2}-\\d{2}$")]
    pub to: Option<String>,
}

pub const RANGES: [&str; 4] = ["today", "7d", "30d", "custom"];

/// Dates the platform can have figures for (and whose neighbouring periods
/// stay well inside what dates can hold).
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2100;

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), DATE)
        .ok()
        .filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
}

pub fn format_date(d: Date) -> String {
    d.format(DATE).unwrap_or_default()
}

/// Today in the platform's time zone.
pub fn today() -> Date {
    let offset = UtcOffset::from_hms(PLATFORM_OFFSET_HOURS, 0, 0).expect("a valid offset");
    OffsetDateTime::now_utc().to_offset(offset).date()
}

impl Validate for PeriodQuery {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve(today()).map(|_| ())
    }
}

impl PeriodQuery {
    /// The period asked for, as of `today`; every failing field is named.
    pub fn resolve(&self, today: Date) -> Result<Period, ApiError> {
        let mut e = FieldErrors::new();
        let range = self
            .range
            .as_deref()
            .unwrap_or(if self.from.is_some() || self.to.is_some() {
                "custom"
            } else {
                "30d"
            });
        let (from, to) = match range {
            "today" => (today, today),
            "7d" => (today - Duration::days(6), today),
            "30d" => (today - Duration::days(29), today),
            "custom" => {
                let from = self.from.as_deref().and_then(parse_date);
                let to = self.to.as_deref().and_then(parse_date);
                if from.is_none() {
                    e.add("from", Message::new("validation-date"));
                }
                if to.is_none() {
                    e.add("to", Message::new("validation-date"));
                }
                match (from, to) {
                    (Some(f), Some(t)) if f > t => {
                        e.add("to", Message::new("validation-date-order"));
                        (f, t)
                    }
                    (Some(f), Some(t)) if (t - f).whole_days() + 1 > MAX_DAYS => {
                        e.add(
                            "from",
                            Message::new("validation-range")
                                .arg("min", 1_i64)
                                .arg("max", MAX_DAYS),
                        );
                        (f, t)
                    }
                    (Some(f), Some(t)) => (f, t),
                    _ => (today, today),
                }
            }
            _ => {
                e.add(
                    "range",
                    Message::new("validation-one-of").arg("allowed", RANGES.join(", ")),
                );
                (today, today)
            }
        };
        e.into_result()?;
        Ok(Period::new(range, from, to))
    }
}

/// A period of whole days and the one of the same length just before it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// `today`, `7d`, `30d` or `custom`.
    pub range: String,
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// Every day of the period, oldest first (the series below follow it).
    pub days: Vec<String>,
    #[serde(skip)]
    pub from_date: Date,
    #[serde(skip)]
    pub to_date: Date,
}

impl Period {
    pub fn new(range: &str, from: Date, to: Date) -> Period {
        let len = (to - from).whole_days() + 1;
        let previous_to = from - Duration::days(1);
        let previous_from = from - Duration::days(len);
        let days = (0..len)
            .map(|i| format_date(from + Duration::days(i)))
            .collect();
        Period {
            range: range.to_owned(),
            from: format_date(from),
            to: format_date(to),
            previous_from: format_date(previous_from),
            previous_to: format_date(previous_to),
            days,
            from_date: from,
            to_date: to,
        }
    }
    pub fn len(&self) -> i64 {
        (self.to_date - self.from_date).whole_days() + 1
    }
    pub fn is_empty(&self) -> bool {
        false
    }
    pub fn previous_from_date(&self) -> Date {
        self.from_date - Duration::days(self.len())
    }
    /// The instant a platform day starts.
    pub fn start_of(day: Date) -> OffsetDateTime {
        let offset = UtcOffset::from_hms(PLATFORM_OFFSET_HOURS, 0, 0).expect("a valid offset");
        day.midnight().assume_offset(offset)
    }
}

/// One figure over the period, the same over the previous one, and its
/// daily series (for the sparkline).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Kpi {
    pub value: i64,
    pub previous: i64,
    /// The change against the previous period in basis points (1250 = +12.5 %);
    /// absent when the previous period was zero.
    pub change_bp: Option<i64>,
    pub daily: Vec<i64>,
}

impl Kpi {
    pub fn new(daily: Vec<i64>, previous: i64) -> Kpi {
        let value: i64 = daily.iter().sum();
        Kpi {
            value,
            previous,
            change_bp: change_bp(value, previous),
            daily,
        }
    }
}

/// (now − before) / before in basis points, rounded half away from zero.
pub fn change_bp(now: i64, before: i64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    let num = (now as i128 - before as i128) * 10_000;
    let den = before as i128;
    let q = num / den;
    let r = num % den;
    let q = if r.abs() * 2 >= den.abs() {
        q + num.signum() * den.signum()
    } else {
        q
    };
    Some(q as i64)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: String,
    pub orders: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChannelTotal {
    /// `card`, `wallet` or `cash`.
    pub method: String,
    pub orders: i64,
    /// GMV paid this way, in halalas.
    pub gmv: i64,
}

/// The admin home. Orders are the orders placed in the period (paid, or
/// cash); GMV and commission leave out cancelled, rejected and refunded
/// ones. Amounts are in halalas.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminOverview {
    pub period: Period,
    pub orders: Kpi,
    pub gmv: Kpi,
    pub commission: Kpi,
    pub new_customers: Kpi,
    pub new_stores: Kpi,
    /// Companies, stores, products and accounts waiting for an admin, now.
    pub pending_approvals: PendingApprovals,
    /// Support threads whose last message is the customer's, now.
    pub open_support_threads: i64,
    pub by_status: Vec<StatusCount>,
    pub by_channel: Vec<ChannelTotal>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PendingApprovals {
    pub companies: i64,
    pub stores: i64,
    pub products: i64,
    pub accounts: i64,
    pub total: i64,
}

/// A store's home (or the sum over the stores the caller sees orders of).
/// Sales are the totals of orders placed in the period, less the void ones.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreOverview {
    pub period: Period,
    /// Paid or cash orders waiting for the store to accept them, now.
    pub pending_orders: i64,
    pub sales: Kpi,
    pub orders: Kpi,
    pub active_products: i64,
    /// Active products with a variant (or, without variants, a stock) at or under 5.
    pub low_stock: i64,
    /// Average stars ×100 over visible reviews (e.g. 425 = 4.25); absent with no reviews.
    pub rating_x100: Option<i64>,
    pub rating_count: i64,
    pub by_status: Vec<StatusCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_half_away_from_zero() {
        assert_eq!(change_bp(150, 100), Some(5000));
        assert_eq!(change_bp(50, 100), Some(-5000));
        assert_eq!(change_bp(2, 3), Some(-3333));
        assert_eq!(change_bp(1, 3), Some(-6667));
        assert_eq!(change_bp(5, 0), None);
    }

    #[test]
    fn a_period_and_the_one_before_it() {
        let d = |s| parse_date(s).unwrap();
        let p = PeriodQuery {
            range: Some("7d".into()),
            ..Default::default()
        }
        .resolve(d("2026-12-07"))
        .unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str()),
            ("2026-12-01", "2026-12-07")
        );
        assert_eq!(
            (p.previous_from.as_str(), p.previous_to.as_str()),
            ("2026-11-24", "2026-11-30")
        );
        assert_eq!(p.days.len(), 7);
        let bad = PeriodQuery {
            range: None,
            from: Some("2026-12-09".into()),
            to: Some("2026-12-01".into()),
        }
        .resolve(d("2026-12-07"));
        assert!(bad.is_err());
        let missing = PeriodQuery {
            range: Some("custom".into()),
            from: None,
            to: None,
        }
        .resolve(d("2026-12-07"));
        assert!(missing.is_err());
    }
}
