//! Order arithmetic, in integer halalas.
//!
//! Rounding rule (one, everywhere): a share `x × rate` is rounded half up to
//! the halala, computed once per order on the order's taxable amount (not per
//! line). Prices are net of VAT; an order's invoice total is
//! `subtotal + delivery fee + VAT`, VAT = 15 % of `subtotal + delivery fee`.
//! A coupon is funded by the platform: it lowers what the customer pays, not
//! the store's invoice. Commission is a rate of the goods subtotal, and VAT
//! is charged on the commission too.
//!
//! Stacking: a store promotion is funded by the store and applies first, per
//! item (`promotions::price`, through the cart's lines): the subtotal here is
//! already the discounted one, so VAT, the invoice, the commission and the
//! store's settlement are all on the discounted price. A platform coupon then
//! applies to that discounted subtotal (its `discount`), and only it is booked
//! as promotions expense at settlement.

use kernel::money::{rate_of, vat_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderAmounts {
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    pub total: i64,
    pub discount: i64,
    pub amount_due: i64,
    pub commission: i64,
    pub commission_vat: i64,
}

pub fn amounts(
    subtotal: i64,
    delivery_fee: i64,
    discount: i64,
    commission_bp: i32,
) -> OrderAmounts {
    let vat = vat_of(subtotal + delivery_fee);
    let total = subtotal + delivery_fee + vat;
    let discount = discount.clamp(0, total);
    let commission = rate_of(subtotal, i64::from(commission_bp));
    OrderAmounts {
        subtotal,
        delivery_fee,
        vat,
        total,
        discount,
        amount_due: total - discount,
        commission,
        commission_vat: vat_of(commission),
    }
}

/// The platform's commission on the delivery joins the order's commission
/// (and its VAT), so settlement keeps it from the store like the rest.
pub fn with_shipping_commission(a: OrderAmounts, shipping_commission: i64) -> OrderAmounts {
    let commission = a.commission + shipping_commission;
    OrderAmounts {
        commission,
        commission_vat: vat_of(commission),
        ..a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up() {
        let a = amounts(45_000, 2_500, 1_000, 1_000);
        assert_eq!(a.vat, 7_125);
        assert_eq!(a.total, 45_000 + 2_500 + 7_125);
        assert_eq!(a.amount_due, a.total - 1_000);
        assert_eq!(a.commission, 4_500);
        assert_eq!(a.commission_vat, 675);
    }

    #[test]
    fn discount_never_exceeds_the_total() {
        let a = amounts(100, 0, 10_000, 1_000);
        assert_eq!(a.discount, a.total);
        assert_eq!(a.amount_due, 0);
    }
}
