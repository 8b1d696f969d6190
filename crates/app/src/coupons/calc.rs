//! The pure arithmetic of a coupon: which lines it applies to, what it takes
//! off, and how that discount is spread over the lines. No I/O, so every
//! rule is unit-tested here.

use uuid::Uuid;

use super::model::{CouponKind, CouponScope, QuoteLine};

/// The terms of a coupon that decide its discount.
#[derive(Debug, Clone, Copy)]
pub struct Terms<'a> {
    pub kind: CouponKind,
    /// Basis points (percent) or halalas (fixed).
    pub value: i64,
    pub min_order: i64,
    pub max_discount: Option<i64>,
    pub scope: CouponScope,
    pub scope_ids: &'a [Uuid],
}

/// Why a valid coupon does not apply to these lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No line is in the coupon's scope (or the discount would be nothing).
    NotApplicable,
    /// The eligible subtotal is below `min` halalas.
    MinOrder { min: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// Sum of the eligible lines' amounts.
    pub eligible_subtotal: i64,
    /// Positive, at most the eligible subtotal and `max_discount`.
    pub discount: i64,
    /// Per line, in the lines' order; zero for ineligible lines; sums to `discount`.
    pub per_line: Vec<i64>,
}

/// Whether the coupon applies to the line. Lines of no positive amount never do.
pub fn eligible(terms: &Terms<'_>, line: &QuoteLine) -> bool {
    line.amount > 0
        && match terms.scope {
            CouponScope::All => true,
            CouponScope::Stores => terms.scope_ids.contains(&line.store_id),
            CouponScope::Categories => line
                .category_id
                .is_some_and(|c| terms.scope_ids.contains(&c)),
        }
}

/// The discount of the coupon on these lines, allocated to them.
///
/// Percent: `floor(eligible × bp / 10000)`; fixed: `value`; either capped by
/// `max_discount` and by the eligible subtotal. A discount that comes to
/// nothing (a tiny subtotal) is refused as not applicable, so a use is never
/// spent on it.
pub fn compute(terms: &Terms<'_>, lines: &[QuoteLine]) -> Result<Computed, Refusal> {
    let mask: Vec<bool> = lines.iter().map(|l| eligible(terms, l)).collect();
    if !mask.contains(&true) {
        return Err(Refusal::NotApplicable);
    }
    let subtotal: i128 = lines
        .iter()
        .zip(&mask)
        .filter(|(_, e)| **e)
        .map(|(l, _)| i128::from(l.amount))
        .sum();
    if subtotal < i128::from(terms.min_order) {
        return Err(Refusal::MinOrder {
            min: terms.min_order,
        });
    }
    let raw = match terms.kind {
        CouponKind::Percent => subtotal * i128::from(terms.value.max(0)) / 10_000,
        CouponKind::Fixed => i128::from(terms.value.max(0)),
    };
    let mut discount = raw.min(subtotal);
    if let Some(cap) = terms.max_discount {
        discount = discount.min(i128::from(cap.max(0)));
    }
    if discount <= 0 {
        return Err(Refusal::NotApplicable);
    }
    let amounts: Vec<i64> = lines
        .iter()
        .zip(&mask)
        .map(|(l, e)| if *e { l.amount } else { 0 })
        .collect();
    // The discount never exceeds the subtotal, itself a sum of i64 amounts…
    // but that sum may not fit i64: clamp (only absurd carts get there).
    let discount = i64::try_from(discount).unwrap_or(i64::MAX);
    Ok(Computed {
        eligible_subtotal: i64::try_from(subtotal).unwrap_or(i64::MAX),
        per_line: allocate(discount, &amounts),
        discount,
    })
}

/// Splits `total` over `weights` (non-negative) in proportion, by the largest
/// remainder method: each share is first rounded down, and the halalas left
/// over go one each to the shares with the largest remainders, the earlier
/// line first on a tie. The shares sum to `total` exactly; when `total` is at
/// most the sum of the weights no share exceeds its weight, and a zero weight
/// gets nothing. All zero weights (or a zero total) give all zero shares.
pub fn allocate(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if sum == 0 || total <= 0 {
        return vec![0; weights.len()];
    }
    let total = i128::from(total);
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let product = total * i128::from((*w).max(0));
        shares.push(product / sum);
        remainders.push((product % sum, i));
    }
    let left = total - shares.iter().sum::<i128>();
    // Largest remainder first; on equal remainders the lower index first.
    remainders.sort_by(|(ra, ia), (rb, ib)| rb.cmp(ra).then(ia.cmp(ib)));
    for (_, i) in remainders
        .into_iter()
        .take(usize::try_from(left).unwrap_or(0))
    {
        shares[i] += 1;
    }
    shares
        .into_iter()
        .map(|s| i64::try_from(s).unwrap_or(i64::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn line(store: u128, category: Option<u128>, amount: i64) -> QuoteLine {
        QuoteLine {
            store_id: id(store),
            category_id: category.map(id),
            amount,
        }
    }

    fn terms(kind: CouponKind, value: i64) -> Terms<'static> {
        Terms {
            kind,
            value,
            min_order: 0,
            max_discount: None,
            scope: CouponScope::All,
            scope_ids: &[],
        }
    }

    #[test]
    fn percent_is_floored_and_capped() {
        let lines = [line(1, None, 10_001), line(2, None, 20_000)];
        let c = compute(&terms(CouponKind::Percent, 1000), &lines).unwrap();
        assert_eq!(c.eligible_subtotal, 30_001);
        assert_eq!(c.discount, 3_000);
        assert_eq!(c.per_line.iter().sum::<i64>(), 3_000);
        let capped = Terms {
            max_discount: Some(1_500),
            ..terms(CouponKind::Percent, 1000)
        };
        assert_eq!(compute(&capped, &lines).unwrap().discount, 1_500);
        // 100 % takes everything, never more.
        let all = compute(&terms(CouponKind::Percent, 10_000), &lines).unwrap();
        assert_eq!(all.discount, 30_001);
        assert_eq!(all.per_line, [10_001, 20_000]);
    }

    #[test]
    fn fixed_is_capped_by_the_subtotal() {
        let lines = [line(1, None, 3_000)];
        assert_eq!(
            compute(&terms(CouponKind::Fixed, 2_000), &lines)
                .unwrap()
                .discount,
            2_000
        );
        assert_eq!(
            compute(&terms(CouponKind::Fixed, 5_000), &lines)
                .unwrap()
                .per_line,
            [3_000]
        );
    }

    #[test]
    fn scope_decides_the_eligible_lines() {
        let stores = [id(2)];
        let lines = [
            line(1, Some(10), 5_000),
            line(2, None, 3_000),
            line(2, Some(11), 2_000),
        ];
        let by_store = Terms {
            scope: CouponScope::Stores,
            scope_ids: &stores,
            ..terms(CouponKind::Percent, 5_000)
        };
        let c = compute(&by_store, &lines).unwrap();
        assert_eq!(c.eligible_subtotal, 5_000);
        assert_eq!(c.per_line, [0, 1_500, 1_000]);
        let cats = [id(10)];
        let by_category = Terms {
            scope: CouponScope::Categories,
            scope_ids: &cats,
            ..terms(CouponKind::Fixed, 700)
        };
        assert_eq!(compute(&by_category, &lines).unwrap().per_line, [700, 0, 0]);
        let other = [id(99)];
        let none = Terms {
            scope_ids: &other,
            ..by_store
        };
        assert_eq!(compute(&none, &lines), Err(Refusal::NotApplicable));
        assert_eq!(
            compute(&terms(CouponKind::Fixed, 1), &[]),
            Err(Refusal::NotApplicable)
        );
    }

    #[test]
    fn the_minimum_counts_eligible_lines_only() {
        let stores = [id(2)];
        let t = Terms {
            min_order: 4_000,
            scope: CouponScope::Stores,
            scope_ids: &stores,
            ..terms(CouponKind::Fixed, 500)
        };
        let lines = [line(1, None, 50_000), line(2, None, 3_999)];
        assert_eq!(compute(&t, &lines), Err(Refusal::MinOrder { min: 4_000 }));
        let lines = [line(1, None, 50_000), line(2, None, 4_000)];
        assert_eq!(compute(&t, &lines).unwrap().discount, 500);
    }

    #[test]
    fn a_discount_of_nothing_is_refused() {
        let lines = [line(1, None, 9)];
        assert_eq!(
            compute(&terms(CouponKind::Percent, 1000), &lines),
            Err(Refusal::NotApplicable)
        );
        let free = [line(1, None, 0)];
        assert_eq!(
            compute(&terms(CouponKind::Fixed, 100), &free),
            Err(Refusal::NotApplicable)
        );
    }

    #[test]
    fn largest_remainder_breaks_ties_by_line_order() {
        // 100 over three equal lines: 33 each, the one left to the first.
        assert_eq!(allocate(100, &[1, 1, 1]), [34, 33, 33]);
        assert_eq!(allocate(2, &[5, 5, 5]), [1, 1, 0]);
        // Remainders: 10×1/6 = 1 r4, 10×2/6 = 3 r2, 10×3/6 = 5 r0 → the first gets the halala.
        assert_eq!(allocate(10, &[1, 2, 3]), [2, 3, 5]);
        assert_eq!(allocate(7, &[0, 0]), [0, 0]);
        assert_eq!(allocate(0, &[3, 4]), [0, 0]);
    }

    /// A small deterministic generator, so the property runs need no extra crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn allocations_sum_to_the_discount_never_exceed_a_line_and_skip_ineligible_lines() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let stores = [id(1), id(3)];
        let cats = [id(20), id(21)];
        for round in 0..5_000 {
            let n = rng.below(8) as usize;
            let lines: Vec<QuoteLine> = (0..n)
                .map(|_| {
                    let amount = match rng.below(5) {
                        0 => 0,
                        1 => rng.below(10) as i64,
                        _ => rng.below(2_000_000) as i64,
                    };
                    let category = match rng.below(3) {
                        0 => None,
                        c => Some(19 + u128::from(c)),
                    };
                    line(u128::from(rng.below(4)), category, amount)
                })
                .collect();
            let kind = if rng.below(2) == 0 {
                CouponKind::Percent
            } else {
                CouponKind::Fixed
            };
            let value = match kind {
                CouponKind::Percent => 1 + rng.below(10_000) as i64,
                CouponKind::Fixed => 1 + rng.below(3_000_000) as i64,
            };
            let (scope, scope_ids): (CouponScope, &[Uuid]) = match rng.below(3) {
                0 => (CouponScope::All, &[]),
                1 => (CouponScope::Stores, &stores),
                _ => (CouponScope::Categories, &cats),
            };
            let t = Terms {
                kind,
                value,
                min_order: if rng.below(4) == 0 {
                    rng.below(1_000_000) as i64
                } else {
                    0
                },
                max_discount: (rng.below(3) == 0).then(|| 1 + rng.below(500_000) as i64),
                scope,
                scope_ids,
            };
            let eligible_sum: i64 = lines
                .iter()
                .filter(|l| eligible(&t, l))
                .map(|l| l.amount)
                .sum();
            match compute(&t, &lines) {
                Ok(c) => {
                    assert_eq!(c.per_line.len(), lines.len(), "round {round}");
                    assert_eq!(c.per_line.iter().sum::<i64>(), c.discount, "round {round}");
                    assert_eq!(c.eligible_subtotal, eligible_sum, "round {round}");
                    assert!(
                        c.discount > 0 && c.discount <= eligible_sum,
                        "round {round}"
                    );
                    assert!(c.eligible_subtotal >= t.min_order, "round {round}");
                    if let Some(cap) = t.max_discount {
                        assert!(c.discount <= cap, "round {round}");
                    }
                    if kind == CouponKind::Percent {
                        let expected = (i128::from(eligible_sum) * i128::from(value) / 10_000)
                            .min(i128::from(t.max_discount.unwrap_or(i64::MAX)));
                        assert_eq!(i128::from(c.discount), expected, "round {round}");
                    }
                    for (l, share) in lines.iter().zip(&c.per_line) {
                        assert!(*share >= 0 && *share <= l.amount, "round {round}");
                        if !eligible(&t, l) {
                            assert_eq!(*share, 0, "round {round}");
                        }
                    }
                }
                Err(Refusal::NotApplicable) => {
                    assert!(
                        eligible_sum == 0 || eligible_sum >= t.min_order,
                        "round {round}"
                    );
                }
                Err(Refusal::MinOrder { min }) => {
                    assert!(eligible_sum > 0 && eligible_sum < min, "round {round}");
                }
            }
        }
    }

    #[test]
    fn shares_are_proportional_within_one_halala() {
        let mut rng = Rng(42);
        for _ in 0..2_000 {
            let weights: Vec<i64> = (0..1 + rng.below(10))
                .map(|_| rng.below(1_000_000) as i64)
                .collect();
            let sum: i64 = weights.iter().sum();
            let total = rng.below(sum.max(1) as u64 + 1) as i64;
            let shares = allocate(total, &weights);
            assert_eq!(shares.iter().sum::<i64>(), if sum == 0 { 0 } else { total });
            for (w, s) in weights.iter().zip(&shares) {
                assert!(*s <= *w);
                if sum > 0 {
                    let exact = total as f64 * *w as f64 / sum as f64;
                    assert!((*s as f64 - exact).abs() < 1.0 + 1e-6, "{s} vs {exact}");
                }
            }
        }
    }
}
