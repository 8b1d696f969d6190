## Web dashboards: store orders (partner), orders, wallets and the ledger (admin)

web-orders-title = Orders
web-orders-order = Order
web-orders-count = { $count ->
    [0] No orders
    [one] One order
   *[other] { $count } orders
}
web-orders-none = No orders here.
web-orders-number = Order no.
web-orders-date = Date
web-orders-customer-city = Customer city
web-orders-amount-due = Amount due
web-orders-payment-method = Payment method
web-orders-items = Items
web-orders-quantity = Quantity
web-orders-unit-price = Unit price
web-orders-line-total = Line total
web-orders-amounts = Amounts
web-orders-subtotal = Subtotal
web-orders-delivery-fee = Delivery fee
web-orders-vat = VAT (15%)
web-orders-total = Total
web-orders-discount = Discount
web-orders-address = Delivery address
web-orders-address-label = Address name
web-orders-address-recipient = Recipient
web-orders-address-phone = Phone
web-orders-address-city = City
web-orders-address-district = District
web-orders-address-street = Street
web-orders-address-details = Details
web-orders-address-note = Customer's note
web-orders-history = Status history
web-orders-reject-prompt = Why is the order rejected? The customer sees this reason.
web-orders-step-unknown = That step is not one a store can take.

## Order statuses
web-orders-status-pending_payment = Awaiting payment
web-orders-status-confirmed = New
web-orders-status-accepted = Accepted
web-orders-status-preparing = Preparing
web-orders-status-shipped = Shipped
web-orders-status-ready_for_pickup = Ready for the courier
web-orders-status-delivered = Delivered
web-orders-status-cancelled = Cancelled
web-orders-status-rejected = Rejected
web-orders-status-refunded = Refunded

## The buttons of a store's steps
web-orders-step-accepted = Accept
web-orders-step-rejected = Reject
web-orders-step-preparing = Start preparing
web-orders-step-shipped = Mark shipped
web-orders-step-ready_for_pickup = Ready for the courier
web-orders-step-delivered = Mark delivered

## Who took a step
web-orders-actor-customer = Customer
web-orders-actor-store = Store
web-orders-actor-admin = Admin
web-orders-actor-system = System

## Payments
web-orders-method-card = Card
web-orders-method-wallet = Wallet
web-orders-method-cash = Cash on delivery
web-orders-payments = Payments
web-orders-no-payments = No payments yet.
web-orders-amount = Amount
web-orders-refunded = Refunded
web-orders-captured-at = Captured
web-orders-payment-state-pending = Pending
web-orders-payment-state-authorised = Authorised
web-orders-payment-state-captured = Captured
web-orders-payment-state-partially_refunded = Partly refunded
web-orders-payment-state-refunded = Refunded
web-orders-payment-state-failed = Failed
web-orders-payment-state-cancelled = Cancelled
web-orders-refunds = Refunds
web-orders-no-refunds = No refunds.
web-orders-refund-destination = Refunded to
web-orders-destination-card = Card
web-orders-destination-wallet = Wallet
web-orders-refund-state-pending = Pending
web-orders-refund-state-succeeded = Done
web-orders-refund-state-failed = Failed

## Admin actions on an order
web-orders-force-title = Change the status
web-orders-force-help = Moves the order as the state machine allows an admin. The reason is kept in the audit log.
web-orders-force-none = This order has no further step.
web-orders-new-status = New status
web-orders-reason = Reason
web-orders-force-submit = Change the status
web-orders-refund-title = Refund
web-orders-amount-sar = Amount (SAR)
web-orders-amount-invalid = Enter an amount in SAR, for example 25.00 (at most two decimals).
web-orders-refund-submit = Refund
web-orders-form-expired = This form has expired. Open the page again and resend it.
web-orders-done-status = The status was changed.
web-orders-done-refund = The refund was recorded.

## Wallets
web-orders-wallet-title = Wallet
web-orders-wallet-balance = Balance
web-orders-wallet-export = Export all wallet movements (CSV)
web-orders-wallet-credit = Credit the wallet
web-orders-wallet-debit = Debit the wallet
web-orders-wallet-submit-credit = Credit
web-orders-wallet-submit-debit = Debit
web-orders-wallet-done-credit = The wallet was credited.
web-orders-wallet-done-debit = The wallet was debited.
web-orders-wallet-movements = Movements
web-orders-wallet-movements-count = { $count ->
    [0] No movements
    [one] One movement
   *[other] { $count } movements
}
web-orders-wallet-no-movements = No movements yet.
web-orders-wallet-kind = Kind
web-orders-wallet-balance-after = Balance after
web-orders-ledger-kind-wallet_credit = Credit by an admin
web-orders-ledger-kind-wallet_debit = Debit by an admin
web-orders-ledger-kind-cashback = Cashback
web-orders-ledger-kind-payment_captured = Payment
web-orders-ledger-kind-refund = Refund
web-orders-ledger-kind-payout = Payout
web-orders-ledger-kind-cash_collected = Cash collected
web-orders-ledger-kind-cash_retained = Cash kept by the store
web-orders-ledger-kind-target_settled = Settlement
web-orders-ledger-kind-settlement_reversed = Settlement reversed

## Ledger reconciliation
web-orders-finance-title = Finance
web-orders-reconcile = Ledger reconciliation
web-orders-reconcile-ok = Balanced
web-orders-reconcile-mismatch = Mismatch
web-orders-reconcile-help = Each account's stored balance is compared with the sum of its entries, and every transaction must sum to zero.
web-orders-reconcile-empty = No accounts yet.
web-orders-account-kind = Account kind
web-orders-accounts = Accounts
web-orders-cached-total = Stored balances
web-orders-entries-total = Sum of entries
web-orders-mismatched = Accounts that differ
web-orders-unbalanced = { $count ->
    [0] Every transaction balances.
    [one] One transaction does not balance.
   *[other] { $count } transactions do not balance.
}
web-orders-account-customer_wallet = Customer wallets
web-orders-account-order_escrow = Escrow of paid orders
web-orders-account-store_payable = Owed to stores
web-orders-account-rep_payable = Owed to representatives
web-orders-account-gateway_clearing = Card gateway clearing
web-orders-account-cash_in_transit = Cash in transit
web-orders-account-platform_revenue = Platform revenue
web-orders-account-vat_payable = VAT payable
web-orders-account-promotions_expense = Promotions expense
web-orders-account-cashback_expense = Cashback expense
web-orders-account-adjustments = Adjustments
web-orders-account-bank = Bank
