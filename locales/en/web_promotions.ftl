## Store promotions: the partner's pages
web-promo-title = Promotions
web-promo-count = { $count ->
    [0] No promotions
    [one] One promotion
   *[other] { $count } promotions
}
web-promo-subtitle = Your own price cuts, paid by the store: customers see the lower price in the cart and at checkout.
web-promo-new = New promotion
web-promo-edit = Edit promotion
web-promo-create = Create promotion
web-promo-empty-title = No promotions yet
web-promo-empty-text = Lower the price of chosen products or categories for a while.
web-promo-name = Name
web-promo-name-ar = Name in Arabic
web-promo-name-en = Name in English
web-promo-discount = Discount
web-promo-kind = Kind of discount
web-promo-kind-percent = Percentage off
web-promo-kind-fixed = Amount off (SAR)
web-promo-value = Discount per unit
web-promo-value-hint = A percentage up to 90 (for example 20 or 12.5), or an amount in SAR. A unit never costs less than 0.01 SAR.
web-promo-scope = Applies to
web-promo-scope-hint = Choose products of this store, categories, or both. When several of your promotions match an item, the one giving the most off applies; they do not add up. A platform coupon applies after your promotion, to the lowered price.
web-promo-products = Products
web-promo-categories = Categories
web-promo-products-count = { $count ->
    [one] One product
   *[other] { $count } products
}
web-promo-categories-count = { $count ->
    [one] One category
   *[other] { $count } categories
}
web-promo-window = Runs
web-promo-from = from
web-promo-until = until
web-promo-starts = Starts
web-promo-ends = Ends
web-promo-window-hint = Saudi time; at most 366 days.
web-promo-active = Active
web-promo-active-hint = Switched off, the promotion stays here but prices nothing.
web-promo-form-help = The store pays for the discount: the order, its invoice and your settlement are at the lowered price.
web-promo-state-inactive = Off
web-promo-state-scheduled = Scheduled
web-promo-state-running = Running
web-promo-state-ended = Ended
web-promo-end = End now
web-promo-end-confirm = End this promotion now? Carts go back to the full price at once.
web-promo-delete = Delete promotion
web-promo-delete-confirm = Delete this promotion? Orders already placed keep their prices.
web-promo-toast-created = Promotion “{ $name }” created.
web-promo-toast-saved = Promotion “{ $name }” saved.
web-promo-toast-ended = Promotion “{ $name }” ended.
web-promo-toast-deleted = Promotion deleted.
web-promo-percent-invalid = Enter a percentage above 0 and up to 90, for example 20 or 12.5.
web-promo-date-invalid = Choose a date and a time.
web-orders-store-discount = Store discount

## Store promotions: the customer's app
app-store-discount = Store discount
app-promo-until = until { $date }
app-promo-was = was { $price }
app-invoice-store-discount = Store discount
