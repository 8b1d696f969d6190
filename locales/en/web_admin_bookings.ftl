## Admin pages: service bookings, their history, and the steps an admin forces with a reason

abk-title = Bookings
abk-subtitle = Service bookings at every store: car washes, oil changes and workshop appointments.
abk-count = { $count ->
    [0] No bookings
    [one] One booking
   *[other] { $count } bookings
}
abk-from = From date
abk-to = To date
abk-store-filter = Store:
abk-store-clear = Show every store
abk-store-only = Only this store's bookings
abk-empty-title = No bookings here
abk-empty-text = Customers book services in the app at the stores that offer them. Their bookings appear here.
abk-empty-filtered = No booking matches this status, date range or store.

abk-number = Booking
abk-booking = Booking
abk-when = Appointment
abk-services = Services
abk-service = Service
abk-addon = Add-on
abk-duration = Duration
abk-price = Price
abk-payment = Payment
abk-facts = Booking details
abk-body-type = Body type
abk-bay = Bay
abk-cancel-until = Customer can cancel until
abk-notes = Customer's notes
abk-notes-empty = The customer left no notes.
abk-open-customer = Customer's page
abk-store-bookings = This store's bookings
abk-addons-count = { $count ->
    [0] No add-ons
    [one] One add-on
   *[other] { $count } add-ons
}
abk-minutes = { $count } min

abk-status-pending = Pending
abk-status-confirmed = Confirmed
abk-status-in_progress = In progress
abk-status-completed = Completed
abk-status-rejected = Rejected
abk-status-cancelled = Cancelled
abk-status-no_show = No-show
abk-status-expired = Expired
abk-status-help-pending = Waiting for the store to confirm it. A card booking has to be paid first.
abk-status-help-confirmed = The store confirmed it. The customer is reminded before the appointment.
abk-status-help-in_progress = The store has started the service.
abk-status-help-completed = The service was done and the store was settled for it.
abk-status-help-rejected = The store or an admin rejected it. A paid booking was refunded in full.
abk-status-help-cancelled = The customer or an admin cancelled it. A paid booking was refunded in full.
abk-status-help-no_show = The customer did not come. Nothing was refunded, and the store was settled as if it had served.
abk-status-help-expired = A card booking that was not paid in time. Its time was released.

abk-method-card = Card
abk-method-wallet = Wallet
abk-method-cash = Cash at the store
abk-payment-paid = Paid
abk-payment-at_store = To pay at the store
abk-payment-unpaid = Not paid

abk-actor-customer = Customer
abk-actor-store = Store
abk-actor-admin = Admin
abk-actor-system = System

abk-force-title = Force a step
abk-force-help = Act for the store when it cannot. Every forced step needs a reason and is recorded in the audit log.
abk-force-none = This booking has ended. No more steps can be taken.
abk-step = Step
abk-step-confirmed = Confirm
abk-step-in_progress = Start the service
abk-step-completed = Complete
abk-step-rejected = Reject
abk-step-cancelled = Cancel the booking
abk-step-no_show = Mark as no-show
abk-step-title-confirmed = Confirm the booking
abk-step-title-in_progress = Start the service
abk-step-title-completed = Complete the booking
abk-step-title-rejected = Reject the booking
abk-step-title-cancelled = Cancel the booking
abk-step-title-no_show = Mark the customer as a no-show
abk-effect-confirmed = The customer is told that the booking is confirmed and is reminded before the appointment.
abk-effect-in_progress = The booking shows as in progress to the customer and the store.
abk-effect-completed = The store is settled for the booking. A cash booking is recorded as paid at the store.
abk-effect-rejected = A paid booking is refunded in full, and the customer is told why.
abk-effect-cancelled = A paid booking is refunded in full, and the customer is told why.
abk-effect-no_show = Nothing is refunded: the store is settled as if it had served. This is only possible once the appointment has started.
abk-step-unavailable = This booking is now “{ $status }”, so this step can no longer be taken. Reload the page to see what can be done.
abk-reason-hint = Kept in the booking's history and the audit log. The customer is told it when the booking is rejected or cancelled.
abk-toast-step = Booking { $number } moved to { $status }.
