## Admin pages: stores, coupons, cashback, review moderation, admins, account deletions

## Shared
adm-selected = Selected: { $n }
adm-show-all = Show all
adm-activate = Activate
adm-suspend = Suspend
adm-suspend-reason = Why is it suspended? The store's owner sees this reason.
adm-delete = Delete
adm-created = Created
adm-when = When
adm-from = From
adm-until = Until
adm-always = Always
adm-validity = Validity
adm-starts-at = Starts
adm-ends-at = Ends
adm-dates-hint = Saudi time. Leave empty for no start or no end.
adm-date-invalid = Choose a date and a time.
adm-percent-invalid = Enter a percentage above 0 and up to 100, for example 10 or 12.5.
adm-min-order = Minimum order
adm-min-order-hint = In SAR, before VAT. Leave empty for no minimum.
adm-optional-sar = In SAR. Leave empty for no cap.
adm-unlimited = No limit
adm-store = Store
adm-customer = Customer
adm-account = Account
adm-all-time = All time
adm-toast-skipped = { $count ->
    [one] one was already so or could not be changed
   *[other] { $count } were already so or could not be changed
}

## Stores
adm-stores-title = Stores
adm-stores-subtitle = Every branch of every company: activate, suspend and set the platform's commission.
adm-stores-review-companies = Review companies
adm-stores-search = Search by store name
adm-stores-count = { $count ->
    [0] No stores
    [one] One store
   *[other] { $count } stores
}
adm-stores-empty-title = No stores here
adm-stores-empty-text = No store matches this search or status. Stores are opened by suppliers once their company is approved.
adm-commission = Commission
adm-commission-label = Commission (%)
adm-commission-hint = The platform's share of each order's subtotal, from 0 to 100, for example 10 or 12.5.
adm-commission-invalid = Enter a percentage from 0 to 100 with at most two decimals, for example 10 or 12.5.
adm-commission-note = Of each order's subtotal
adm-store-facts = Store details
adm-location = Location
adm-owner = Owner
adm-owner-hidden = The company and its owner are shown to admins who manage companies.
adm-open-company = Open the company
adm-ratings-count = { $count ->
    [0] No reviews yet
    [one] From one review
   *[other] From { $count } reviews
}
adm-store-status-help-active = Customers find the store and can order from it.
adm-store-status-help-pending = The store waits for an admin: customers do not see it yet.
adm-store-status-help-suspended = Customers do not see the store until it is activated again.
adm-toast-store-activated = Store activated; customers can find it
adm-toast-store-suspended = Store suspended; the owner sees the reason
adm-toast-stores-activated = { $count ->
    [0] No store was activated
    [one] One store activated
   *[other] { $count } stores activated
}
adm-toast-stores-suspended = { $count ->
    [0] No store was suspended
    [one] One store suspended
   *[other] { $count } stores suspended
}
adm-toast-commission = Commission set to { $value }

## Coupons
adm-coupons-title = Coupons
adm-coupons-subtitle = Discount codes customers type at checkout, with their limits and who used them.
adm-coupons-search = Search by code
adm-coupons-count = { $count ->
    [0] No coupons
    [one] One coupon
   *[other] { $count } coupons
}
adm-coupons-empty-title = No coupons here
adm-coupons-empty-text = Create a code for a percentage or an amount off, for every item or for chosen stores or categories.
adm-coupon-new = Create coupon
adm-coupon-create = Create coupon
adm-coupon-edit = Edit coupon
adm-coupon-form-help = Customers type the code at checkout; it applies to the items of its scope.
adm-coupon-code = Code
adm-coupon-code-hint = 3 to 40 Latin letters, digits, dashes or underscores, for example RAMADAN-25. Saved in capitals.
adm-coupon-kind = Type
adm-coupon-kind-percent = Percentage off
adm-coupon-kind-fixed = Amount off
adm-coupon-value = Value
adm-coupon-value-hint = A percentage (10 or 12.5) or an amount in SAR (25.00), as the type says.
adm-coupon-discount = Discount
adm-coupon-cap = Largest discount
adm-coupon-cap-short = up to
adm-coupon-scope = Applies to
adm-scope-all = Every item
adm-scope-stores = Chosen stores
adm-scope-categories = Chosen categories
adm-scope-stores-hint = Used when it applies to chosen stores.
adm-scope-categories-hint = Used when it applies to chosen categories.
adm-coupon-active = Active
adm-coupon-active-hint = An inactive coupon is refused at checkout and keeps its history.
adm-coupon-limits = Limits
adm-coupon-usage-limit = Uses in total
adm-coupon-per-user = Uses per customer
adm-limits-hint = Leave empty for no limit.
adm-coupon-uses = Uses
adm-coupon-terms = Terms
adm-coupon-state-active = Active
adm-coupon-state-inactive = Inactive
adm-coupon-state-scheduled = Scheduled
adm-coupon-state-expired = Ended
adm-coupon-state-exhausted = Used up
adm-coupon-delete-q = Delete this coupon? It stops applying at once; its usage history stays.
adm-usage-history = Usage history
adm-usages-count = { $count ->
    [0] Never used
    [one] Used once
   *[other] Used { $count } times
}
adm-usages-empty-title = Not used yet
adm-usages-empty-text = Each checkout that uses the code is listed here with the customer and the discount.
adm-usage-used = Used
adm-usage-released = Given back
adm-toast-coupon-created = Coupon { $code } created
adm-toast-coupon-saved = Coupon { $code } saved
adm-toast-coupon-deleted = Coupon deleted

## Cashback
adm-cashback-title = Cashback
adm-cashback-subtitle = A share of what customers pay goes back to their wallet after delivery.
adm-rules = Rules
adm-rules-count = { $count ->
    [0] No rules
    [one] One rule
   *[other] { $count } rules
}
adm-rules-empty-title = No cashback rules
adm-rules-empty-text = Add a rule to give customers a share of what they pay back in their wallet.
adm-rule-new = Create rule
adm-rule-create = Create rule
adm-rule-percent = Cashback (%)
adm-rule-percent-hint = Share of the amount paid, above 0 and up to 100, for example 5.
adm-rule-max = Most per order
adm-rule-max-hint = In SAR.
adm-rule-delete-q = Delete this cashback rule? Orders paid from now on earn nothing from it.
adm-toast-rule-created = Cashback rule “{ $name }” created
adm-toast-rule-deleted = Cashback rule deleted

## Reviews
adm-reviews-title = Reviews
adm-reviews-subtitle = What customers wrote about stores and products. Hidden reviews leave the public pages and the ratings.
adm-reviews-count = { $count ->
    [0] No reviews
    [one] One review
   *[other] { $count } reviews
}
adm-reviews-empty-title = No reviews here
adm-reviews-empty-text = Reviews appear once customers rate their delivered orders.
adm-review = Review
adm-review-target = About
adm-review-target-store = The store
adm-review-target-product = A product
adm-review-target-rep = A representative
adm-review-status-visible = Visible
adm-review-status-hidden = Hidden
adm-review-no-text = Stars only, no text
adm-review-reply = Store's reply
adm-reviewer-unnamed = A customer
adm-stars = { $count ->
    [one] One star of five
   *[other] { $count } stars of five
}
adm-hide = Hide
adm-restore = Restore
adm-hide-reason = Why is it hidden? This stays with the review for other moderators.
adm-toast-review-hidden = Review hidden
adm-toast-review-restored = Review restored
adm-toast-reviews-hidden = { $count ->
    [0] No review was hidden
    [one] One review hidden
   *[other] { $count } reviews hidden
}

## Admins
adm-admins-title = Admins
adm-admins-subtitle = Who works in this dashboard and what each may do.
adm-admins-list = Admins and super admins
adm-admins-count = { $count ->
    [0] No admins
    [one] One admin
   *[other] { $count } admins
}
adm-admins-empty-title = No admins yet
adm-admins-empty-text = Add a colleague by their mobile number and choose what they may do.
adm-admin-new = Add admin
adm-admin-create = Add admin
adm-admin-new-help = The number signs in with a code by SMS. A new number becomes an admin account; a customer's or supplier's number cannot.
adm-admin-account = Account
adm-admin-phone-hint = A Saudi mobile, for example 05 0000 0000.
adm-permissions = Permissions
adm-permissions-help = Tick what this admin may do. Locked permissions can be given only by a super admin.
adm-permissions-save = Save permissions
adm-perm-all = Every permission
adm-perm-count = { $count ->
    [0] No permissions
    [one] One permission
   *[other] { $count } permissions
}
adm-perm-more = { $count ->
    [one] and one more
   *[other] and { $count } more
}
adm-perm-locked-super = A super admin holds every permission; it cannot be changed here.
adm-perm-locked-self = These are your own permissions; another admin changes them.
adm-last-login = Last sign-in
adm-perm-users-view = See users
adm-perm-users-view-help = The users list, the deletion queue and account details.
adm-perm-users-manage = Manage users
adm-perm-users-manage-help = Suspend, reactivate and approve accounts; finalise deletions.
adm-perm-admins-manage = Manage admins
adm-perm-admins-manage-help = Add admins and change their permissions.
adm-perm-audit-view = See the audit log
adm-perm-audit-view-help = Every change admins made, with what changed.
adm-perm-companies-manage = Review companies
adm-perm-companies-manage-help = Approve or reject companies and read their documents.
adm-perm-stores-manage = Manage stores
adm-perm-stores-manage-help = Activate and suspend stores and set their commission.
adm-perm-products-approve = Approve products
adm-perm-products-approve-help = Approve or reject products before customers see them.
adm-perm-catalog-manage = Manage the catalogue
adm-perm-catalog-manage-help = Car makes, models and part categories.
adm-perm-orders-manage = Manage orders
adm-perm-orders-manage-help = See every order and move it on.
adm-perm-finance-manage = Manage money
adm-perm-finance-manage-help = The home figures, wallets, refunds and finance.
adm-perm-coupons-manage = Manage coupons and cashback
adm-perm-coupons-manage-help = Create, change and delete coupons and cashback rules.
adm-perm-reviews-moderate = Moderate reviews
adm-perm-reviews-moderate-help = Hide and restore reviews.
adm-perm-support-manage = Answer support
adm-perm-support-manage-help = The support inbox and chats with customers.
adm-perm-notifications-manage = Send notifications
adm-perm-notifications-manage-help = Broadcasts and notification templates.
adm-perm-jobs-manage = Manage background jobs
adm-perm-jobs-manage-help = See the job queue and retry failed jobs.
adm-perm-requests-manage = Manage store requests
adm-perm-requests-manage-help = See every part request with its offers and chats, and close one with a reason.
adm-perm-external-manage = Manage external parts
adm-perm-external-manage-help = Merchants, their catalog imports, external orders and merchant payouts.
adm-perm-bookings-manage = Manage bookings
adm-perm-bookings-manage-help = All service bookings, and forcing their steps with a reason.
adm-perm-reps-manage = Manage representatives
adm-perm-reps-manage-help = Representatives, on-demand repair jobs with their tracks, and rep payouts.
adm-perm-settings-manage = Manage system settings
adm-perm-settings-manage-help = Maintenance mode, marketplace switches, the default commission, distances, sign-in codes, minimum app versions, and the danger zone.
adm-perm-content-manage = Manage site content
adm-perm-content-manage-help = Banners, frequently asked questions, the terms and privacy pages, social links, and the contact inbox.
adm-toast-admin-added = { $phone } is now an admin
adm-toast-permissions-saved = Permissions saved: { $count ->
    [0] none
    [one] one permission
   *[other] { $count } permissions
}

## Account deletions
adm-deletions-title = Account deletions
adm-deletions-subtitle = People who asked to delete their account. An account is erased once its grace period is over:
adm-grace-days = { $count ->
    [one] one day after the request.
   *[other] { $count } days after the request.
}
adm-deletions-pending = Pending requests
adm-deletions-count = { $count ->
    [0] No requests
    [one] One request
   *[other] { $count } requests
}
adm-due-count = { $count ->
    [0] none due
    [one] one due
   *[other] { $count } due
}
adm-deletions-empty-title = No pending deletions
adm-deletions-empty-text = Requests appear here when people delete their account from the app.
adm-requested-at = Requested
adm-grace-end = Grace period ends
adm-deletion-due = Due
adm-deletion-waiting = Waiting
adm-days-left = { $count ->
    [0] Ends today
    [one] One day left
   *[other] { $count } days left
}
adm-finalise = Finalise
adm-finalise-due = Finalise all due
adm-finalise-q = Erase this account now? Its name, phone and e-mail are removed for good.
adm-finalise-due-q = Erase every due account on this page now? Their names, phones and e-mails are removed for good.
adm-toast-deletion-finalised = Account erased
adm-toast-deletions-finalised = { $count ->
    [0] No account was erased
    [one] One account erased
   *[other] { $count } accounts erased
}
