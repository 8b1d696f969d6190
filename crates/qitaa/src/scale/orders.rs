//! Orders for the dashboards' benchmarks: customers, and one checkout and
//! one order per row, spread over the past year across the generated
//! stores, with the mix of statuses, payment methods and amounts a live
//! marketplace has. Orders carry no items (the homes read orders only).

use std::fmt::Write as _;

use rand::RngExt;
use rand::rngs::StdRng;
use time::OffsetDateTime;
use uuid::Uuid;

use super::copy::{opt, timestamp};
use super::random::id_at;

/// The phone of the `i`th generated customer: `+96658` and seven digits.
pub fn customer_phone(i: u64) -> String {
    format!("+96658{i:07}")
}

/// (status, weight in thousandths, paid when by card or wallet)
const STATUSES: [(&str, u32, bool); 10] = [
    ("delivered", 680, true),
    ("cancelled", 70, true),
    ("confirmed", 50, true),
    ("accepted", 40, true),
    ("preparing", 30, true),
    ("shipped", 40, true),
    ("ready_for_pickup", 20, true),
    ("refunded", 20, true),
    ("rejected", 20, true),
    ("pending_payment", 30, false),
];

const METHODS: [(&str, u32); 3] = [("card", 55), ("wallet", 15), ("cash", 30)];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    super::random::weighted(rng, items, weight)
}

pub(super) struct OrderBatch {
    pub(super) checkouts: String,
    pub(super) orders: String,
}

pub(super) fn customers(rng: &mut StdRng, count: u64, now: OffsetDateTime) -> (String, Vec<Uuid>) {
    let mut rows = String::new();
    let mut ids = Vec::with_capacity(count as usize);
    for i in 0..count {
        let created = now - time::Duration::days(400)
            + time::Duration::seconds((i as i64 * 395 * 86_400) / count as i64);
        let id = id_at(rng, created);
        // users: id, phone, role, status, name, locale, created_at, updated_at
        write!(
            rows,
            "{id}\t{}\tCUSTOMER\tactive\t\\N\tar\t",
            customer_phone(i)
        )
        .unwrap();
        timestamp(&mut rows, created);
        rows.push('\t');
        timestamp(&mut rows, created);
        rows.push('\n');
        ids.push(id);
    }
    (rows, ids)
}

/// Orders `first..first + count` of `total`, placed evenly over the year
/// before `now`.
#[allow(clippy::too_many_arguments)]
pub(super) fn batch(
    rng: &mut StdRng,
    first: u64,
    count: u64,
    total: u64,
    stores: &[Uuid],
    customers: &[Uuid],
    now: OffsetDateTime,
) -> OrderBatch {
    let mut b = OrderBatch {
        checkouts: String::new(),
        orders: String::new(),
    };
    let year = 365 * 86_400_i64;
    for i in first..first + count {
        let at = now - time::Duration::seconds(year)
            + time::Duration::seconds((i as i64 * year) / total as i64);
        let checkout = id_at(rng, at);
        let order = id_at(rng, at);
        let customer = customers[rng.random_range(0..customers.len())];
        let store = stores[rng.random_range(0..stores.len())];
        let (status, _, paid_kind) = *pick(rng, &STATUSES, |s| s.1);
        let (method, _) = *pick(rng, &METHODS, |m| m.1);
        let subtotal: i64 = rng.random_range(3_000..200_000);
        let delivery: i64 = 1_500;
        let vat = kernel::money::vat_of(subtotal + delivery);
        let total = subtotal + delivery + vat;
        let commission = kernel::money::rate_of(subtotal, 1_000);
        let paid = paid_kind && method != "cash";
        // checkouts: id, user_id, payment_method, amount_due, created_at
        writeln!(
            b.checkouts,
            "{checkout}\t{customer}\t{method}\t{total}\t{}",
            stamp(at)
        )
        .unwrap();
        // orders: id, number, checkout_id, customer_id, store_id, status, payment_method,
        // address, subtotal, delivery_fee, vat, total, amount_due, commission_bp,
        // commission, commission_vat, paid_at, delivered_at, created_at, updated_at
        let o = &mut b.orders;
        write!(
            o,
            "{order}\tSC-{i:09}\t{checkout}\t{customer}\t{store}\t{status}\t{method}\t{{}}\t{subtotal}\t{delivery}\t{vat}\t{total}\t{total}\t1000\t{commission}\t{}\t",
            kernel::money::vat_of(commission)
        )
        .unwrap();
        opt(o, paid.then(|| stamp(at)));
        o.push('\t');
        opt(
            o,
            (status == "delivered").then(|| stamp(at + time::Duration::days(2))),
        );
        o.push('\t');
        timestamp(o, at);
        o.push('\t');
        timestamp(o, at);
        o.push('\n');
    }
    b
}

fn stamp(t: OffsetDateTime) -> String {
    let mut s = String::new();
    timestamp(&mut s, t);
    s
}
