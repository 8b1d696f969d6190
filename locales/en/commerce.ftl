# Cart, checkout, orders, payments, wallet and payouts.

cart-product-unavailable = This product is not available any more.
cart-only-left = { $count ->
    [0] None left in stock.
    [one] Only one left in stock.
   *[other] Only { $count } left in stock.
}
cart-full = A cart holds at most { $max } different products.

checkout-address-unknown = Choose one of your saved addresses.
checkout-card-unavailable = Card payment is not available right now. Pay by wallet or cash.
checkout-cart-empty = Your cart is empty.
checkout-cart-invalid = Some items in your cart cannot be bought as they are. Review the cart.
checkout-out-of-stock = “{ $name }” is out of stock now.
checkout-coupon-code-invalid = Enter a coupon code of at most 40 characters.

order-illegal-transition = An order that is { $from } cannot become { $to }.

payment-amount-positive = The amount must be above zero.
payment-refund-exceeds = That is more than what is left to refund.
payment-refund-nothing = Nothing on this order can be refunded.
payment-session-closed = This payment is closed. Start again from your orders.
payment-webhook-unauthenticated = The webhook header is missing or wrong.

wallet-insufficient-funds = Your wallet balance is not enough for this.
payout-exceeds-balance = That is more than the platform owes this store.

idempotency-key-required = Send an Idempotency-Key header (up to 200 visible characters) with this request.
idempotency-key-reused = This Idempotency-Key was already used for a different request.
cashback-ends-before-start = The end must come after the start.

order-not-awaiting-payment = This order is not waiting for a payment.
order-payment-window-closed = The time to pay this order is over; it will be cancelled and its items released.
