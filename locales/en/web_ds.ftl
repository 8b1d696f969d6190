# The design system's own texts: the frame, dialogs, toasts, tables.
ds-skip = Skip to content
ds-nav-label = Main navigation
ds-menu = Menu
ds-close = Close
ds-cancel = Cancel
ds-confirm = Confirm
ds-confirm-title = Are you sure?
ds-reason = Reason
ds-request-failed = Something went wrong. Please try again.
ds-nav-home = Home
ds-nav-audit = Audit log
ds-group-marketplace = Marketplace
ds-group-people = People
ds-group-money = Money
ds-group-engagement = Engagement
ds-group-system = System
ds-group-help = Help
ds-breadcrumbs = Breadcrumbs
ds-export-csv = Export CSV
ds-search = Search
ds-filter = Filter
ds-clear = Clear
ds-sort-by = Sort by { $column }
ds-selected = { $count ->
    [one] 1 selected
   *[other] { $count } selected
}
ds-select-all = Select all
ds-select-row = Select row
ds-previous = Previous
ds-next = Next
ds-show-table = Figures as a table
ds-vs-previous = vs previous period
ds-no-change = no change
ds-new = new
ds-choose-files = Choose files
ds-choose-file = Choose a file
ds-no-file = No file chosen
ds-loading = Loading…
ds-saved = Saved
ds-view-all = View all
ds-range-today = Today
ds-range-7d = 7 days
ds-range-30d = 30 days
ds-range-custom = Custom
ds-range-from = From
ds-range-to = To
ds-range-apply = Apply
ds-currency = SAR
ds-home-title = Overview
ds-kpis = Key figures
ds-kpi-orders = Orders
ds-kpi-gmv = GMV
ds-kpi-commission = Commission
ds-kpi-new-customers = New customers
ds-kpi-new-stores = New stores
ds-kpi-pending-approvals = Pending approvals
ds-kpi-open-support = Open support threads
ds-kpi-pending-orders = Orders to accept
ds-kpi-sales = Sales
ds-kpi-active-products = Active products
ds-kpi-low-stock = Low stock
ds-kpi-rating = Rating
ds-revenue-chart = Revenue by day
ds-sales-chart = Sales by day
ds-orders-by-status = Orders by status
ds-by-channel = By payment channel
ds-channel = Channel
ds-share = Share
ds-day = Day
ds-no-orders-in-period = No orders in this period.
ds-all-stores = All stores
ds-store = Store
ds-no-rating = No reviews yet
ds-rating-of = { $count ->
    [one] from 1 review
   *[other] from { $count } reviews
}
ds-attention = Needs your attention
ds-sheet-title = Design system
ds-sheet-intro = Every component of the Qitaa surfaces, in this page's language and direction.
ds-sheet-save = Save
ds-sheet-store-1 = Al-Nakheel Auto Parts
ds-sheet-store-2 = Riyadh Spares Centre
ds-sheet-city = Riyadh, Al-Olaya
ds-sheet-page = Page 1 of 12
ds-sheet-form = Form fields
ds-sheet-hint = Shown to customers on the store page.
ds-sheet-vat = VAT number
ds-sheet-vat-error = A VAT number has 15 digits and starts and ends with 3.
ds-sheet-cr = Commercial registration
ds-sheet-company = Company
ds-sheet-documents = Documents
ds-sheet-delete = Delete
ds-sheet-delete-q = Delete this store? Its products go with it.
ds-sheet-more = More
ds-sheet-badges = Status badges
ds-sheet-banner = The company is waiting for approval: stores open once an admin approves it.
ds-sheet-facts = Facts
ds-sheet-history = History
ds-sheet-empty-title = No products yet
ds-sheet-empty-text = Add your first product: customers find it by car, category and OEM number.
ds-sheet-empty-action = Add product
ds-sheet-icons = Icons and placeholder
ds-toast-company-approved = Company approved
ds-toast-company-rejected = Company rejected; the owner sees the reason
ds-toast-product-approved = Product approved and live
ds-toast-product-rejected = Product rejected; the store sees the reason
ds-toast-job-retried = Job queued again
ds-toast-order-step = Order moved to { $status }
ds-toast-user-suspended = Account suspended; its sessions ended
ds-toast-user-reactivated = Account reactivated
ds-toast-saved = Changes saved
ds-toast-deleted = Deleted
ds-store-settings = Settings
ds-store-reviews = Reviews
ds-store-balance = Balance
ds-danger-zone = Danger zone
ds-store-delete = Delete this store
ds-store-delete-help = A store with open orders or a balance cannot be deleted; settle them first. Its products leave the catalog with it.
ds-store-delete-confirm = Delete this store for good? Its products leave the catalog.
ds-toast-store-deleted = Store deleted
ds-toast-reply-saved = Reply published
ds-reviews-empty-title = No reviews yet
ds-reviews-empty-text = Customers review the store and its products after a delivered order; their reviews and your replies appear here.
ds-stars = { $count ->
    [one] 1 star of 5
   *[other] { $count } stars of 5
}
ds-review-of-product = Product
ds-review-of-store = Store
ds-review-hidden = Hidden by moderation
ds-your-reply = Your reply
ds-reply = Reply
ds-edit-reply = Edit the reply
ds-send-reply = Publish reply
ds-balance-owed-to-store = The platform owes the store
ds-balance-store-owes = The store owes the platform
ds-balance-help = Sales settle at delivery, less commission and its VAT; payouts go to the store's bank.
ds-balance-entries = Movements
ds-balance-movement = Movement
ds-balance-after = Balance after
ds-balance-empty-title = No movements yet
ds-balance-empty-text = Delivered orders settle here, and payouts leave from here.
ds-ledger-target-settled = Order settled
ds-ledger-settlement-reversed = Settlement reversed (refund)
ds-ledger-cash-collected = Cash collected on delivery
ds-ledger-cash-retained = Cash kept by the store
ds-ledger-payout = Payout to the bank
ds-ledger-refund = Refund
ds-ledger-payment-captured = Payment captured
ds-ledger-wallet-credit = Wallet credit
ds-ledger-cashback = Cashback
ds-ledger-wallet-debit = Wallet debit
ds-products-empty-text = Products stores send for review wait here until an admin approves or rejects them.
ds-selected-template = {"{"}n{"}"} selected
ds-bulk-approve = Approve selected
ds-bulk-reject = Reject selected
ds-bulk-approve-confirm = Approve every selected product? They go live at once.
ds-bulk-approved = { $count ->
    [one] 1 product approved
   *[other] { $count } products approved
}
ds-bulk-rejected = { $count ->
    [one] 1 product rejected
   *[other] { $count } products rejected
}
