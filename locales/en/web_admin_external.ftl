## Admin pages: outside merchants, their catalog imports and payouts, and the orders of their parts

adm-ext-merchants-title = Merchants
adm-ext-merchants-subtitle = Importers and wholesalers without a store on the platform: their catalogs are imported from CSV and their parts ordered through the platform.
adm-ext-merchants-list = All merchants
adm-ext-merchants-count = { $count ->
    [0] No merchants
    [one] One merchant
   *[other] { $count } merchants
}
adm-ext-merchants-empty-title = No merchants yet
adm-ext-merchants-empty-text = Add a merchant, then import its catalog from a CSV file.
adm-ext-merchant = Merchant
adm-ext-merchant-new = Add merchant
adm-ext-merchant-create = Add the merchant
adm-ext-merchant-edit = Edit the merchant
adm-ext-merchant-subtitle = An outside merchant: its catalog, what the platform owes it, and its imports.
adm-ext-form-help = The merchant's legal details, where it delivers and the platform's commission on its parts.

adm-ext-identity = Legal details
adm-ext-cr-hint = 10 digits.
adm-ext-vat-hint = 15 digits, starting and ending with 3.
adm-ext-cr-taken = Another merchant has this commercial registration number.
adm-ext-contact = Contact
adm-ext-email = Email for orders
adm-ext-email-hint = Each order of the merchant's parts is sent here.
adm-ext-locale = Language
adm-ext-locale-hint = The language the merchant's order e-mails are written in.
adm-ext-locale-ar = Arabic
adm-ext-locale-en = English
adm-ext-delivery = Delivery
adm-ext-lead-time = Lead time
adm-ext-lead-time-hint = Days the merchant takes to ship an order, from 0 to 90. Customers see it on each part.
adm-ext-lead-time-note = until the merchant ships
adm-ext-lead-days = { $count ->
    [0] Same day
    [one] One day
   *[other] { $count } days
}
adm-ext-cities = Cities
adm-ext-cities-hint = The cities the merchant delivers to, separated by commas. Leave empty for everywhere.
adm-ext-everywhere = Everywhere
adm-ext-cities-count = { $count ->
    [one] One city
   *[other] { $count } cities
}
adm-ext-status-active = Active
adm-ext-status-inactive = Inactive
adm-ext-status-hint = An inactive merchant's parts are not shown to customers.
adm-ext-commission-label = Commission (%)
adm-ext-commission-hint = The platform's share of each order's subtotal, from 0 to 100, for example 8 or 8.5.
adm-ext-commission-note = of each order's subtotal
adm-ext-facts = Merchant details

adm-ext-owed = Owed to the merchant
adm-ext-owed-note = settled orders not yet paid out
adm-ext-payout-title = Payout
adm-ext-payout-help = Record a bank transfer made to the merchant. It can be at most what the merchant is owed.
adm-ext-payout-hidden = Recording payouts needs the finance permission.
adm-ext-payout-nothing = The platform owes this merchant nothing now.
adm-ext-payout-reference = Transfer reference
adm-ext-payout-reference-hint = The bank's reference of the transfer, kept with the payout.
adm-ext-payout-submit = Record the payout
adm-ext-payout-exceeds = That is more than the platform owes this merchant.
adm-ext-toast-paid = A payout of { $amount } was recorded.

adm-ext-import-title = Import the catalog
adm-ext-import-help = Upload the merchant's whole catalog as a CSV file (UTF-8, with the template's header). Parts are matched by SKU: new ones are added, changed ones updated, and parts the file no longer lists become unavailable. A file that cannot be read changes nothing.
adm-ext-import-template = Download the template
adm-ext-import-file = CSV file
adm-ext-import-file-hint = The first line must be the template's header; every row has its 11 columns.
adm-ext-import-submit = Import
adm-ext-import-again = Import again
adm-ext-import-columns = Columns
adm-ext-import-no-file = Choose a CSV file to import.
adm-ext-import-too-large = The file is larger than { $mb } MB, the most one import takes. Nothing was imported.
adm-ext-col-sku = The merchant's code of the part, unique in the file (at most 64 characters). An import updates the part with the same SKU.
adm-ext-col-name-ar = The part's name in Arabic (required, at most 200 characters).
adm-ext-col-name-en = The part's name in English (required, at most 200 characters).
adm-ext-col-price = The price in SAR before VAT, above zero, with at most two decimals, e.g. 125.50.
adm-ext-col-stock = Pieces in stock, a whole number from 0.
adm-ext-col-oem-numbers = Optional: OEM numbers separated by |, at most 20.
adm-ext-col-category = Optional: the category's slug, e.g. lights.
adm-ext-col-make = Optional: the car make's slug, e.g. hyundai.
adm-ext-col-model = Optional: the model's slug, e.g. sonata; needs the make.
adm-ext-col-year-from = Optional: the first model year it fits (4 digits); needs the make.
adm-ext-col-year-to = Optional: the last model year it fits (4 digits); needs the make.
adm-ext-toast-imported = Catalog imported. New: { $created }, updated: { $updated }, rows refused: { $failed }.

adm-ext-imports-title = Imports
adm-ext-imports-count = { $count ->
    [0] No imports
    [one] One import
   *[other] { $count } imports
}
adm-ext-imports-empty-title = No imports yet
adm-ext-imports-empty-text = The merchant's catalog imports and their reports are listed here.
adm-ext-import-status-done = Imported
adm-ext-import-status-failed = Failed
adm-ext-file = File
adm-ext-rows = Rows
adm-ext-rows-note = data rows in the file
adm-ext-created = New
adm-ext-created-note = parts added
adm-ext-updated = Updated
adm-ext-updated-note = parts whose details changed
adm-ext-unchanged = Unchanged
adm-ext-unchanged-note = parts already up to date
adm-ext-deactivated = Made unavailable
adm-ext-deactivated-note = parts the file no longer lists
adm-ext-refused = Refused rows
adm-ext-refused-note = rows not imported

adm-ext-report-title = Import report
adm-ext-report-failed = The file could not be read, so nothing was imported.
adm-ext-errors-title = Refused rows
adm-ext-errors-hint = The first 1,000 problems, in row order.
adm-ext-errors-none-title = Every row was imported
adm-ext-errors-none-text = No row of the file was refused.
adm-ext-errors-none-failed-title = Nothing was imported
adm-ext-errors-none-failed-text = Fix the file as the message above says, then import it again.
adm-ext-error-row = Row
adm-ext-error-column = Column
adm-ext-error-reason = Reason

adm-ext-orders-title = External orders
adm-ext-orders-subtitle = Customers' orders of merchants' parts, from payment to delivery: confirm them, order them from the merchant, then ship and deliver.
adm-ext-orders-count = { $count ->
    [0] No orders
    [one] One order
   *[other] { $count } orders
}
adm-ext-orders-empty-title = No orders here
adm-ext-orders-empty-text = No order of a merchant's part has this status.
adm-ext-part = Part
adm-ext-sku = SKU
adm-ext-next-steps = Next steps
adm-ext-order-status-placed = Placed
adm-ext-order-status-confirmed = Confirmed
adm-ext-order-status-ordered = Ordered from the merchant
adm-ext-order-status-shipped = Shipped
adm-ext-order-status-delivered = Delivered
adm-ext-order-status-cancelled = Cancelled
adm-ext-order-status-refunded = Refunded
adm-ext-step-confirmed = Confirm
adm-ext-step-ordered = Order from the merchant
adm-ext-step-shipped = Mark shipped
adm-ext-step-delivered = Mark delivered
adm-ext-step-cancelled = Cancel
adm-ext-step-refunded = Refund
adm-ext-step-q-cancelled = Cancel this order? Its stock is returned and any payment refunded.
adm-ext-step-q-refunded = Refund this delivered order in full?
adm-ext-toast-step = Order { $number }: { $status }.
adm-ext-toast-created = { $name } was added.
adm-ext-toast-saved = { $name } was saved.
