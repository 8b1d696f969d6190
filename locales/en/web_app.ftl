# The customer web app (/app): browsing, cart, checkout, orders, invoice.

app-title = Shop car parts
app-signin-title = Sign in to shop
app-signin-refused = This app is for customers. Partners and admins have their own dashboards.
app-sign-in = Sign in
app-sign-out = Sign out
app-sign-in-to-buy = Sign in to buy
app-nav-label = Main sections
app-nav-browse = Shop
app-nav-cart = Cart
app-nav-orders = Orders
app-previous = Previous
app-next = Next
app-page-of = Page { $page } of { $pages }

app-browse-title = Car parts
app-search = Search
app-search-label = Search for a part
app-search-placeholder = Part name, brand or OEM number
app-category = Category
app-category-all = All categories
app-results-count = { $count ->
    [0] No products found
    [one] One product
   *[other] { $count } products
}
app-no-results = Nothing matches your search. Try other words or another category.
app-out-of-stock = Out of stock
app-available = Available
app-in-stock = { $count ->
    [one] Only one left
   *[other] { $count } in stock
}
app-price-excludes-vat = Price excludes { $rate } VAT.
app-store = Store
app-condition = Condition
app-brand = Brand
app-oem = OEM numbers
app-variant = Option
app-quantity = Quantity
app-add-to-cart = Add to cart
app-added-to-cart = Added to your cart.
app-view-cart = View cart
app-description = Description
app-fitment = Fits
app-fitment-none = No vehicle list was given for this part.
app-fitment-all-years = all years

app-condition-new = New
app-condition-like_new = Like new
app-condition-used = Used
app-condition-refurbished = Refurbished

app-cart-title = Your cart
app-cart-empty = Your cart is empty.
app-continue-shopping = Continue shopping
app-update = Update
app-remove = Remove
app-subtotal = Subtotal
app-delivery = Delivery
app-delivery-estimate = Delivery (estimate)
app-delivery-quoted-to = Delivery quoted by the courier to { $address }. Cash on delivery may add the courier's charge at checkout.
app-delivery-estimate-note = Delivery is an estimate until checkout quotes it for your address.
app-vat = VAT ({ $rate })
app-store-total = Store total
app-total = Total
app-checkout = Checkout
app-cart-not-ready = Fix the items marked above before checking out.

app-checkout-title = Checkout
app-address = Delivery address
app-no-address = You have no saved address yet. Add one in the Qitaa app first.
app-payment-method = Payment method
app-method-card = Card (mada, Visa, Mastercard)
app-method-wallet = Wallet
app-method-cash = Cash on delivery
app-wallet-balance = balance
app-wallet-not-enough = Your wallet balance is below this order's total.
app-coupon = Coupon code
app-coupon-placeholder = e.g. WELCOME10
app-coupon-applied-later = A coupon's discount is taken off when the order is placed.
app-note = Note to the store
app-order-summary = Order summary
app-place-order = Place order
app-checkout-method-required = Choose how to pay.

app-orders-title = My orders
app-orders-count = { $count ->
    [0] No orders yet
    [one] One order
   *[other] { $count } orders
}
app-orders-none = You have not ordered anything yet.
app-items-count = { $count ->
    [one] one item
   *[other] { $count } items
}
app-order-title = Order
app-items = Items
app-discount = Coupon discount
app-amount-due = Amount due
app-delivery-address = Delivery address
app-history = Status history
app-history-from = from { $status }
app-pay-by = Pay before { $time }, or the order is cancelled.
app-payments = Payments
app-refunds = Refunds
app-refunded = refunded
app-refund-to = back to { $destination }
app-invoice = Tax invoice
app-cancel-order = Cancel order
app-cancel-confirm = Cancel this order?

app-order-status-pending_payment = Awaiting payment
app-order-status-confirmed = Confirmed
app-order-status-accepted = Accepted by the store
app-order-status-preparing = Being prepared
app-order-status-shipped = Shipped
app-order-status-ready_for_pickup = Ready for the courier
app-order-status-delivered = Delivered
app-order-status-cancelled = Cancelled
app-order-status-rejected = Rejected by the store
app-order-status-refunded = Refunded

app-payment-state-pending = Pending
app-payment-state-authorised = Authorised
app-payment-state-captured = Paid
app-payment-state-partially_refunded = Partly refunded
app-payment-state-refunded = Refunded
app-payment-state-failed = Failed
app-payment-state-cancelled = Cancelled

app-actor-customer = You
app-actor-store = The store
app-actor-admin = Qitaa support
app-actor-system = Qitaa

app-back-to-order = Back to the order
app-print = Print
app-invoice-title = Simplified Tax Invoice
app-invoice-number = Invoice number
app-invoice-date = Issue date
app-invoice-order = Order number
app-invoice-seller = Seller
app-invoice-seller-address = Seller address
app-invoice-vat-number = VAT number
app-invoice-item = Description
app-invoice-qty = Qty
app-invoice-unit-price = Unit price
app-invoice-line-total = Amount
app-invoice-delivery = Delivery fee
app-invoice-subtotal = Total excluding VAT
app-invoice-vat = VAT
app-invoice-total = Total including VAT
app-invoice-platform-discount = Discount paid by Qitaa
app-invoice-paid = Paid by the customer
app-invoice-currency = Amounts in Saudi riyals (SAR).
app-invoice-qr = ZATCA QR code
app-pay-again-title = Complete your payment
app-pay-again-hint = Pay by card within the time left (again, if a payment was declined), or from your wallet.
app-pay-again-card = Pay by card
app-pay-again-wallet = Pay from my wallet
