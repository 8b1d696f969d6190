//! The pure arithmetic of store promotions: what one promotion takes off a
//! unit, and which of a store's promotions a line gets. No I/O, so every
//! rule is unit-tested here.
//!
//! Rules (also in `docs/ARCHITECTURE.md`):
//! - a percent promotion takes `rate_of(price, bp)` off each unit (the one
//!   rounding rule, half up to the halala); a fixed one takes its value;
//! - a discounted unit never costs less than 1 halala: a promotion lowers a
//!   price, it never gives the goods away (a 1-halala price is left as is);
//! - of several running promotions of the store that match a line, the one
//!   taking the most off a unit applies alone (they never stack); on a tie
//!   the one that ends first, then the lower id, so the choice is stable.

use time::OffsetDateTime;
use uuid::Uuid;

use super::model::PromotionKind;

/// The terms of one promotion that decide a price.
#[derive(Debug, Clone)]
pub struct Terms {
    pub id: Uuid,
    pub store_id: Uuid,
    pub kind: PromotionKind,
    pub value: i64,
    pub product_ids: Vec<Uuid>,
    pub category_ids: Vec<Uuid>,
    pub ends_at: OffsetDateTime,
}

/// A unit on sale, as pricing sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub store_id: Uuid,
    pub product_id: Uuid,
    pub category_id: Option<Uuid>,
    /// The product's (or variant's) own price, halalas.
    pub price: i64,
}

/// What one promotion takes off one unit of `price`: at least 0, and never
/// so much that the unit costs less than 1 halala.
pub fn unit_discount(price: i64, kind: PromotionKind, value: i64) -> i64 {
    if price <= 1 {
        return 0;
    }
    let off = match kind {
        PromotionKind::Percent => kernel::money::rate_of(price, value.clamp(0, 10_000)),
        PromotionKind::Fixed => value.max(0),
    };
    off.clamp(0, price - 1)
}

/// Whether the promotion covers the unit: same store, and the product
/// chosen or its category chosen.
pub fn covers(t: &Terms, u: &Unit) -> bool {
    t.store_id == u.store_id
        && (t.product_ids.contains(&u.product_id)
            || u.category_id.is_some_and(|c| t.category_ids.contains(&c)))
}

/// The best promotion for the unit among `running` and what it takes off
/// one unit; `None` when none covers it or none takes anything off.
pub fn best<'a>(running: &'a [Terms], u: &Unit) -> Option<(&'a Terms, i64)> {
    running
        .iter()
        .filter(|t| covers(t, u))
        .map(|t| (t, unit_discount(u.price, t.kind, t.value)))
        .filter(|(_, off)| *off > 0)
        .min_by(|(a, da), (b, db)| {
            db.cmp(da)
                .then(a.ends_at.cmp(&b.ends_at))
                .then(a.id.cmp(&b.id))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn terms(n: u128, kind: PromotionKind, value: i64, products: &[u128]) -> Terms {
        Terms {
            id: id(n),
            store_id: id(1),
            kind,
            value,
            product_ids: products.iter().map(|p| id(*p)).collect(),
            category_ids: Vec::new(),
            ends_at: OffsetDateTime::UNIX_EPOCH + time::Duration::days(n as i64),
        }
    }

    fn unit(product: u128, category: Option<u128>, price: i64) -> Unit {
        Unit {
            store_id: id(1),
            product_id: id(product),
            category_id: category.map(id),
            price,
        }
    }

    #[test]
    fn percent_is_rounded_half_up_and_fixed_is_taken_whole() {
        assert_eq!(unit_discount(10_000, PromotionKind::Percent, 2000), 2_000);
        // 15 % of 333 = 49.95 → 50.
        assert_eq!(unit_discount(333, PromotionKind::Percent, 1500), 50);
        assert_eq!(unit_discount(10_000, PromotionKind::Fixed, 2_500), 2_500);
    }

    #[test]
    fn a_unit_never_costs_less_than_one_halala() {
        assert_eq!(unit_discount(1_000, PromotionKind::Fixed, 5_000), 999);
        assert_eq!(unit_discount(1, PromotionKind::Fixed, 5_000), 0);
        assert_eq!(unit_discount(0, PromotionKind::Percent, 9_000), 0);
        assert_eq!(unit_discount(2, PromotionKind::Percent, 9_000), 1);
    }

    #[test]
    fn the_best_single_promotion_wins_and_ties_are_stable() {
        let running = [
            terms(3, PromotionKind::Percent, 2000, &[10]),
            terms(4, PromotionKind::Fixed, 2_500, &[10]),
            terms(5, PromotionKind::Percent, 5000, &[11]),
        ];
        let (t, off) = best(&running, &unit(10, None, 10_000)).unwrap();
        assert_eq!((t.id, off), (id(4), 2_500));
        // At 5 SAR the 20 % takes 1 SAR and the fixed 25 SAR is capped at 4.99.
        let (t, off) = best(&running, &unit(10, None, 500)).unwrap();
        assert_eq!((t.id, off), (id(4), 499));
        // Equal discounts: the one ending first.
        let tie = [
            terms(9, PromotionKind::Fixed, 100, &[10]),
            terms(7, PromotionKind::Percent, 1000, &[10]),
        ];
        assert_eq!(best(&tie, &unit(10, None, 1_000)).unwrap().0.id, id(7));
        assert!(best(&running, &unit(12, None, 10_000)).is_none());
    }

    #[test]
    fn categories_cover_their_products_of_the_same_store_only() {
        let mut t = terms(3, PromotionKind::Percent, 1000, &[]);
        t.category_ids = vec![id(50)];
        assert!(covers(&t, &unit(10, Some(50), 100)));
        assert!(!covers(&t, &unit(10, Some(51), 100)));
        assert!(!covers(&t, &unit(10, None, 100)));
        let other_store = Unit {
            store_id: id(2),
            ..unit(10, Some(50), 100)
        };
        assert!(!covers(&t, &other_store));
    }
}
