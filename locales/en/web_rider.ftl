# The rider app (/rider): representatives' mobile surface for on-demand repairs.
rd-app-name = Qitaa for representatives
rd-app-short = Qitaa Rider
rd-tag = Rider
rd-signin-title = Representatives sign in
rd-signin-refused = This app is for repair representatives only. Customers have their own app; partners and admins have their dashboards.
rd-nav-label = Rider app sections
rd-nav-home = Home
rd-nav-jobs = Jobs
rd-nav-earnings = Earnings
rd-nav-profile = Profile

# Home: presence and requests nearby.
rd-home-title = Requests nearby
rd-presence-label = Availability
rd-online = Online
rd-offline = Offline
rd-online-hint = Repair requests near you reach you now.
rd-offline-hint = Go online to receive repair requests near you.
rd-online-switch = Receive requests
rd-position-sent = Position last updated:
rd-relocate = Update my position
rd-locating = Finding your position…
rd-location-needed = You cannot go online without your position. Allow the browser to use your location, then try again.
rd-location-denied = Access to your location was refused. Allow location for this site in the browser's settings, then try again.
rd-location-unavailable = Your position could not be found right now. Check that location services are on, then try again.
rd-location-unsupported = This browser cannot share your location.
rd-online-done = You are online; requests near you will reach you.
rd-offline-done = You are offline; no new requests will reach you.
rd-nearby-title = Requests near you
rd-offline-title = You are offline
rd-offline-text = Go online to see repair requests near you and make offers.
rd-go-online = Go online
rd-nearby-none-title = No requests nearby right now
rd-nearby-none-text = New repair requests in your area show here as soon as they come in.
rd-km = km
rd-scheduled = Scheduled
rd-now = Now

# A request and the offer.
rd-request-label = Request details
rd-request-number = Request number
rd-distance = Distance
rd-wanted-at = Wanted at
rd-asked-at = Asked at
rd-address = Address
rd-car = Car
rd-description = The problem
rd-open-until = Taking offers until
rd-open-map = Open the place on a map
rd-offer-title = Make your offer
rd-offer-lead = The customer sees your price and arrival time next to other representatives' offers. You can change your offer while the request is open.
rd-offer-price = Price in SAR before VAT
rd-offer-price-hint = Such as 150 or 150.50; VAT is added at payment.
rd-offer-eta = Arrival in (minutes)
rd-offer-eta-hint = How many minutes do you need to reach the customer?
rd-offer-note = Note to the customer (optional)
rd-offer-note-hint = For example: I carry an original battery with a one-year warranty
rd-offer-submit = Send offer
rd-offer-sent = Your offer was sent to the customer.
rd-price-invalid = Enter the price in SAR, such as 150 or 150.50.
rd-eta-invalid = Enter the minutes as a whole number.

# Jobs.
rd-jobs-title = Jobs
rd-jobs-active = In progress
rd-jobs-past = Past
rd-jobs-none-title = No jobs yet
rd-jobs-none-text = When a customer accepts your offer, the job shows here.
rd-jobs-none-action = See requests nearby
rd-status-accepted = Accepted
rd-status-on_the_way = On the way
rd-status-arrived = Arrived
rd-status-working = Working
rd-status-completed = Completed
rd-status-paid = Paid
rd-status-cancelled = Cancelled
rd-status-disputed = Disputed
rd-status-other = Other status
rd-step-on_the_way = I'm on my way
rd-step-arrived = I've arrived
rd-step-working = Start work
rd-step-completed = Work done
rd-step-paid = Cash received
rd-step-cancelled = Cancel job
rd-done-on_the_way = You are on your way; the customer follows your position now.
rd-done-arrived = Your arrival was recorded.
rd-done-working = Work started.
rd-done-completed = Job completed; waiting for payment.
rd-done-paid = Cash payment recorded.
rd-done-cancelled = The job was cancelled.
rd-done-other = The job was updated.
rd-cancel-reason = Why are you cancelling? The customer will see the reason.
rd-cash-confirm = Did you receive { $amount } in cash from the customer?
rd-cancelled-because = Cancelled because:
rd-share-title = Sharing your position with the customer
rd-share-starting = Finding your position…
rd-share-sharing = Sharing your location with the customer
rd-share-waiting = Waiting for a location signal…
rd-share-failed = Your position could not be sent; trying again.
rd-share-stopped = Location sharing stopped: the job is no longer on the way.
rd-share-count = Positions sent
rd-share-eta = Expected arrival (minutes)
rd-share-hint = Keep this page open until you arrive; the customer follows you on a map.
rd-customer = Customer
rd-customer-unnamed = Unnamed customer
rd-destination = Destination
rd-eta-offered = Arrival time in your offer
rd-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
rd-subtotal = Price before VAT
rd-vat = VAT
rd-total = Total
rd-payment = Payment method
rd-method-cash = Cash
rd-method-card = Card
rd-method-wallet = Wallet
rd-accepted-at = Offer accepted at
rd-navigate = Navigate
rd-open-maps-app = Open in maps app
rd-chat = Chat with customer
rd-chat-intro = Talk with the customer about the job; never ask for their card details.
rd-next-step = Next step
rd-awaiting-payment = Waiting for the customer to pay by card or wallet, or to choose cash.
rd-history = Job history
rd-actor-customer = Customer
rd-actor-rep = You
rd-actor-admin = Admin
rd-actor-system = System

# Earnings.
rd-earnings-title = Earnings
rd-earnings-hint = What you earned and what the platform owes you
rd-from = From
rd-to = To
rd-apply = Show
rd-earnings-totals = The period in figures
rd-earnings-net = Net for the period
rd-earnings-net-hint = The sum of the lines below
rd-earnings-balance = Owed to you now
rd-earnings-balance-hint = What the platform owes you today
rd-earnings-jobs = Paid jobs
rd-earnings-gross = Customer payments
rd-earnings-gross-hint = Including VAT
rd-lines-title = Lines
rd-lines-none-title = Nothing in this period
rd-lines-none-text = Each paid job's earnings, the cash you kept and the payouts to you show here.
rd-kind-target_settled = Job earnings
rd-kind-cash_retained = Cash you kept
rd-kind-rep_payout = Payout to you
rd-kind-payout = Payout to you
rd-kind-settlement_reversed = Settlement reversed
rd-kind-refund = Refund to the customer
rd-kind-other = Other

# Profile.
rd-profile-title = Profile
rd-profile-who = Your details
rd-profile-no-name = No name
rd-stats = Your figures
rd-stat-jobs = Jobs
rd-stat-completed = Completed
rd-stat-acceptance = Offers accepted
rd-stat-offers = { $count ->
    [0] No offers made yet
    [one] Of { $count } offer
   *[other] Of { $count } offers
}
rd-stat-earned = Earned in total
rd-profile-links = Profile links
rd-language = Language
rd-sign-out = Sign out

rd-stat-rating = Rating
rd-stat-ratings = { $count ->
    [0] No reviews yet
    [one] One review
   *[other] { $count } reviews
}
rd-photo = The customer's photo of the problem
