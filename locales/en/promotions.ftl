## Store promotions
promotions-too-many = A store can hold at most { $max } promotions; delete an ended one first.
promotions-validation-date = Write a date and time in RFC 3339, for example 2026-03-01T00:00:00+03:00.
promotions-validation-percent = A percentage is given in basis points, from 1 to { $max } (2000 is 20 %).
promotions-validation-scope-required = Choose at least one product or category.
promotions-validation-ends-after-starts = The end must be after the start.
promotions-validation-too-long = A promotion runs for at most { $max ->
    [one] one day
   *[other] { $max } days
}.
promotions-validation-ends-past = The end must be in the future.
promotions-validation-too-many = Choose at most { $max ->
    [one] one item
   *[other] { $max } items
}.
promotions-validation-product-unknown = Product { $id } is not a product of this store.
promotions-validation-category-unknown = Category { $id } does not exist.
