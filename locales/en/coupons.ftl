## Coupons at checkout
coupons-not-found = This coupon code is not valid.
coupons-not-started = This coupon cannot be used yet.
coupons-expired = This coupon has expired.
coupons-exhausted = This coupon has been used up.
coupons-user-limit = You have already used this coupon as many times as allowed.
coupons-not-applicable = None of the items in your cart qualify for this coupon.
coupons-min-order = This coupon needs an order of at least { $min } of qualifying items.

## Managing coupons
coupons-code-taken = A coupon with this code already exists.
coupons-validation-code = Use 3 to 40 Latin letters, digits, dashes or underscores, for example RAMADAN-25.
coupons-validation-date = Write a date and time in RFC 3339, for example 2026-03-01T00:00:00+03:00.
coupons-validation-percent = A percentage is given in basis points, from 1 to { $max } (1000 is 10 %).
coupons-validation-ends-after-starts = The end must be after the start.
coupons-validation-scope-ids-required = Choose at least one store or category for this scope.
coupons-validation-scope-ids-unused = A coupon for everything takes no stores or categories; choose the stores or categories scope.
coupons-validation-too-many = Choose at most { $max ->
    [one] one item
   *[other] { $max } items
}.
coupons-validation-store-unknown = Store { $id } does not exist.
coupons-validation-category-unknown = Category { $id } does not exist.
coupons-validation-usage-limit-below-used = The coupon was already used { $used ->
    [one] once
   *[other] { $used } times
}; the limit cannot be lower.
