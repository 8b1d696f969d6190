## Customer app: car washes near me, booking a wash, and my bookings.

ab-washes-nav = Car wash
ab-washes-hint = Book a wash at a car wash near you
ab-washes-title = Car wash near me
ab-washes-from-address = Nearest to your address:
ab-washes-from-riyadh = Nearest to central Riyadh.
ab-washes-add-address = Add your address to see the car washes near you
ab-washes-none-title = No car washes nearby yet
ab-washes-none-text = No car wash takes bookings near this address yet. Check again soon, or choose another address.
ab-washes-none-action = My addresses
ab-km = km
ab-no-ratings = No ratings yet
ab-book-here = Book a time

ab-menu-empty-title = Nothing to book here yet
ab-menu-empty-text = This car wash has not published its services yet.
ab-other-washes = Other car washes
ab-services = Services
ab-services-hint = Choose one or more services, with any add-ons you want.
ab-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
ab-from = from
ab-addons = Add-ons
ab-prices-incl-vat = Prices include VAT and depend on the car's body type.
ab-vehicle = Your car
ab-car = From my garage
ab-car-other = Another car (choose its body type)
ab-body = Body type
ab-body-choose = Choose the body type
ab-body-from-car = As my car
ab-body-hint = Prices depend on the size of the car.
ab-add-car = Add your car to the garage
ab-body-hint-cars = Choose a body type only for a car that is not in your garage.
ab-when = Date and time
ab-days = Days
ab-today = Today
ab-tomorrow = Tomorrow
ab-times = Free times
ab-pick-service = Choose a service to see the free times.
ab-no-times = No free times on this day. Try another day.
ab-pick-time = Choose one of the free times.
ab-time-chosen = Your appointment:
ab-price = Price
ab-price-needs-service = Choose a service to see its price.
ab-price-needs-body = Choose your car or its body type to see the price.
ab-priced-for = Priced for:
ab-no-price = Not offered for this body type:
ab-duration = { $count ->
    [one] Takes about { $count } minute
   *[other] Takes about { $count } minutes
}
ab-notes = Notes for the car wash (optional)
ab-notes-hint = e.g. please take extra care with the leather seats
ab-payment = Payment
ab-method-card = Card (mada, Visa, Mastercard)
ab-method-wallet = Wallet
ab-method-cash = Pay at the car wash
ab-balance = balance
ab-book = Book
ab-book-hint = You can cancel online until the car wash's deadline, shown on your booking.
ab-services-required = Choose at least one service.
ab-time-required = Choose one of the free times.
ab-method-required = Choose how to pay.
ab-booked = Booked. The car wash will confirm your appointment.
ab-booked-wallet = Booked and paid from your wallet.
ab-booked-cash = Booked. You pay at the car wash.

ab-weekday-1 = Mon
ab-weekday-2 = Tue
ab-weekday-3 = Wed
ab-weekday-4 = Thu
ab-weekday-5 = Fri
ab-weekday-6 = Sat
ab-weekday-7 = Sun

ab-status-pending = Awaiting confirmation
ab-status-confirmed = Confirmed
ab-status-in_progress = In progress
ab-status-completed = Completed
ab-status-rejected = Declined by the car wash
ab-status-cancelled = Cancelled
ab-status-no_show = Missed
ab-status-expired = Expired unpaid

ab-bookings-title = My bookings
ab-bookings-hint = Your car wash appointments
ab-book-wash = Book a wash
ab-bookings-none-title = No bookings yet
ab-bookings-none-text = Book a wash at a car wash near you and it will show here.
ab-find-wash = Find a car wash
ab-upcoming = Upcoming
ab-upcoming-none = Nothing coming up.
ab-past = Past
ab-past-none = No past bookings.

ab-booking = Booking
ab-store = Car wash
ab-appointment = Appointment
ab-riyadh-time = Riyadh time
ab-your-notes = Your notes
ab-reason = Reason
ab-paid = Paid
ab-not-paid = Not paid
ab-awaiting-card = Awaiting card payment
ab-pay-at-store = To pay at the car wash
ab-pay-title = Payment needed
ab-pay-hint = Your time is held while the payment window is open; an unpaid booking is released.
ab-pay = Pay by card
ab-refund-note = The amount paid is refunded the way it was paid.
ab-cancel-until = You can cancel until
ab-cancel = Cancel booking
ab-cancel-title = Cancel this booking?
ab-cancel-question = The appointment will be released for other customers.
ab-cancel-refund = What you paid is refunded in full, the way you paid it.
ab-cancel-reason = Reason (optional)
ab-cancel-keep = Keep booking
ab-cancel-confirm = Cancel booking
ab-cancelled = Booking cancelled.
ab-book-again = Book again at this car wash
