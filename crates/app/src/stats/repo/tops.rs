//! The tops (stores, reps, products) over a day range. A range is read as
//! its whole months from the monthly roll-ups and its partial months at
//! either end from the daily ones (the migration keeps every month equal to
//! the sum of its days), so a year reads a row per party and month, not per
//! party and day.

use sqlx::PgPool;
use time::{Date, Duration, Month};

use super::super::model::figures::TopItem;

/// A range cut into its whole months and the days around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Days before the first whole month (or the whole range if it holds
    /// none).
    pub head: Option<(Date, Date)>,
    /// The first days of the first and last whole months.
    pub months: Option<(Date, Date)>,
    /// Days after the last whole month.
    pub tail: Option<(Date, Date)>,
}

fn first_of(d: Date) -> Date {
    d.replace_day(1).expect("every month has a first day")
}

fn next_month(d: Date) -> Date {
    let first = first_of(d);
    match first.month() {
        Month::December => Date::from_calendar_date(first.year() + 1, Month::January, 1),
        m => Date::from_calendar_date(first.year(), m.next(), 1),
    }
    .expect("a valid first of a month")
}

impl Split {
    pub fn of(from: Date, to: Date) -> Split {
        let first = if from.day() == 1 {
            from
        } else {
            next_month(from)
        };
        let after = to + Duration::days(1);
        let last_end = first_of(after); // the day after the last whole month
        if first >= last_end {
            return Split {
                head: Some((from, to)),
                months: None,
                tail: None,
            };
        }
        let last = first_of(last_end - Duration::days(1));
        Split {
            head: (from < first).then(|| (from, first - Duration::days(1))),
            months: Some((first, last)),
            tail: (last_end <= to).then_some((last_end, to)),
        }
    }

    /// The bounds as the queries bind them: an absent part is an empty
    /// range (NULL bounds match no row).
    fn binds(&self) -> [Option<Date>; 6] {
        let (a, b) = (self.head.map(|r| r.0), self.head.map(|r| r.1));
        let (c, d) = (self.months.map(|r| r.0), self.months.map(|r| r.1));
        let (e, f) = (self.tail.map(|r| r.0), self.tail.map(|r| r.1));
        [a, b, c, d, e, f]
    }
}

/// The stores (`scope = 'store'`) or reps (`'rep'`) of the range with the
/// largest net GMV, with their names.
pub async fn parties(
    db: &PgPool,
    scope: &'static str,
    from: Date,
    to: Date,
    flow: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<TopItem>> {
    let (names, join) = match scope {
        "store" => (
            "coalesce(n.name_ar, '') AS name_ar, coalesce(n.name_en, '') AS name_en",
            "LEFT JOIN stores n ON n.id = t.party_id",
        ),
        _ => (
            "coalesce(n.name, n.phone, '') AS name_ar, coalesce(n.name, n.phone, '') AS name_en",
            "LEFT JOIN users n ON n.id = t.party_id",
        ),
    };
    let cols = "party_id, placed, completed, cancelled + refunded AS cancelled, \
                gmv - voided_gmv AS gmv, commission - voided_commission AS commission";
    let flow_is = "($8::text IS NULL OR flow = $8)";
    let q = format!(
        "SELECT t.party_id AS id, {names}, NULL::uuid AS store_id, t.placed, t.completed, \
           t.cancelled, NULL::bigint AS units, t.gmv, t.commission \
         FROM (SELECT party_id, sum(placed)::bigint AS placed, sum(completed)::bigint AS completed, \
                 sum(cancelled)::bigint AS cancelled, sum(gmv)::bigint AS gmv, \
                 sum(commission)::bigint AS commission \
               FROM (SELECT {cols} FROM stats_daily \
                     WHERE scope = $1 AND day BETWEEN $2 AND $3 AND {flow_is} \
                     UNION ALL \
                     SELECT {cols} FROM stats_monthly \
                     WHERE scope = $1 AND month BETWEEN $4 AND $5 AND {flow_is} \
                     UNION ALL \
                     SELECT {cols} FROM stats_daily \
                     WHERE scope = $1 AND day BETWEEN $6 AND $7 AND {flow_is}) r \
               GROUP BY party_id ORDER BY gmv DESC, placed DESC, party_id LIMIT $9) t \
         {join} \
         ORDER BY t.gmv DESC, t.placed DESC, t.party_id"
    );
    let [a, b, c, d, e, f] = Split::of(from, to).binds();
    sqlx::query_as(&q)
        .bind(scope)
        .bind(a)
        .bind(b)
        .bind(c)
        .bind(d)
        .bind(e)
        .bind(f)
        .bind(flow)
        .bind(limit)
        .fetch_all(db)
        .await
}

/// The products of the range with the largest net sales, with their names.
pub async fn products(db: &PgPool, from: Date, to: Date, limit: i64) -> sqlx::Result<Vec<TopItem>> {
    let [a, b, c, d, e, f] = Split::of(from, to).binds();
    sqlx::query_as(
        "SELECT t.product_id AS id, coalesce(p.name_ar, '') AS name_ar, coalesce(p.name_en, '') AS name_en, \
           p.store_id, t.orders AS placed, NULL::bigint AS completed, NULL::bigint AS cancelled, \
           t.units, t.sales AS gmv, NULL::bigint AS commission \
         FROM (SELECT product_id, sum(orders)::bigint AS orders, sum(units)::bigint AS units, \
                 sum(sales)::bigint AS sales \
               FROM (SELECT product_id, orders, units, sales FROM stats_products_daily \
                     WHERE day BETWEEN $1 AND $2 \
                     UNION ALL \
                     SELECT product_id, orders, units, sales FROM stats_products_monthly \
                     WHERE month BETWEEN $3 AND $4 \
                     UNION ALL \
                     SELECT product_id, orders, units, sales FROM stats_products_daily \
                     WHERE day BETWEEN $5 AND $6) r \
               GROUP BY product_id ORDER BY sales DESC, units DESC, product_id LIMIT $7) t \
         LEFT JOIN products p ON p.id = t.product_id \
         ORDER BY t.sales DESC, t.units DESC, t.product_id",
    )
    .bind(a)
    .bind(b)
    .bind(c)
    .bind(d)
    .bind(e)
    .bind(f)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_range_is_cut_at_its_whole_months() {
        let s = Split::of(date!(2025 - 03 - 15), date!(2026 - 03 - 14));
        assert_eq!(s.head, Some((date!(2025 - 03 - 15), date!(2025 - 03 - 31))));
        assert_eq!(
            s.months,
            Some((date!(2025 - 04 - 01), date!(2026 - 02 - 01)))
        );
        assert_eq!(s.tail, Some((date!(2026 - 03 - 01), date!(2026 - 03 - 14))));
        // Whole months only, across a year's end.
        let s = Split::of(date!(2025 - 12 - 01), date!(2026 - 01 - 31));
        assert_eq!(s.head, None);
        assert_eq!(
            s.months,
            Some((date!(2025 - 12 - 01), date!(2026 - 01 - 01)))
        );
        assert_eq!(s.tail, None);
        // No whole month: all days.
        let s = Split::of(date!(2026 - 02 - 10), date!(2026 - 03 - 09));
        assert_eq!(s.head, Some((date!(2026 - 02 - 10), date!(2026 - 03 - 09))));
        assert_eq!((s.months, s.tail), (None, None));
        // A month and a day after it; a single first day.
        let s = Split::of(date!(2024 - 02 - 01), date!(2024 - 03 - 01));
        assert_eq!(
            s.months,
            Some((date!(2024 - 02 - 01), date!(2024 - 02 - 01)))
        );
        assert_eq!(s.tail, Some((date!(2024 - 03 - 01), date!(2024 - 03 - 01))));
        let s = Split::of(date!(2024 - 03 - 01), date!(2024 - 03 - 01));
        assert_eq!(s.head, Some((date!(2024 - 03 - 01), date!(2024 - 03 - 01))));
    }
}
