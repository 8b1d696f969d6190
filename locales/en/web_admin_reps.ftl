# Admin pages of representatives and their repair jobs (Tashlih).

arp-reps-title = Representatives
arp-reps-subtitle = Representatives who take on-demand repair jobs, busiest first.
arp-reps-all = All representatives
arp-reps-empty-title = No representatives yet
arp-reps-empty-text = Representatives appear here once they sign up in the rider app and are approved.
arp-first-page = Back to the first page
arp-page = Page { $page }
arp-top-title = Top representatives by completed jobs
arp-completed-jobs = completed jobs
arp-acceptance = Acceptance
arp-unnamed = No name yet
arp-online = Online
arp-offline = Offline
arp-offers = Offers
arp-accepted = Accepted

arp-col-name = Name
arp-col-phone = Phone
arp-col-presence = Presence
arp-col-jobs = Jobs
arp-col-completed = Completed
arp-col-acceptance = Acceptance rate
arp-col-owed = Owed now
arp-col-number = Job
arp-col-problem = Problem
arp-col-customer = Customer
arp-col-rep = Representative
arp-col-total = Total
arp-col-method = Payment
arp-col-created = Created
arp-col-when = When
arp-col-entry = Entry
arp-col-amount = Amount

arp-jobs-note = Every job the representative has taken.
arp-completed-note = Completed or paid.
arp-owed-note = What the platform owes the representative now, after payouts.

arp-rep-all-jobs = All their jobs
arp-rep-user-page = User page
arp-rep-jobs = Latest jobs
arp-rep-jobs-empty-title = No jobs yet
arp-rep-jobs-empty-text = Jobs appear here once a customer accepts one of this representative's offers.
arp-rep-facts = Details
arp-rep-account = Account
arp-rep-account-help = Suspending or reactivating a representative is done on their user page, with the reason recorded there.
arp-rep-account-open = Suspend or reactivate

arp-earnings-title = Earnings, last 30 days
arp-earnings-net = Net earned
arp-earnings-jobs = Jobs paid
arp-earnings-gross = Paid by customers
arp-earnings-balance = Owed now
arp-earnings-lines = Earnings entries
arp-earnings-more = Showing the latest 50 entries.
arp-earnings-empty-title = Nothing in these 30 days
arp-earnings-empty-text = Paid jobs, cash kept and payouts appear here as entries.

arp-line-target_settled = Job paid
arp-line-cash_retained = Cash kept by the representative
arp-line-rep_payout = Payout
arp-line-settlement_reversed = Settlement reversed
arp-line-refund = Refund
arp-line-other = Other entry

arp-payout-title = Payout to the representative
arp-payout-help = Record a bank transfer sent to the representative. It cannot exceed what the platform owes them.
arp-payout-hidden = Recording payouts needs the finance permission.
arp-payout-nothing = The platform owes this representative nothing right now.
arp-payout-amount = Amount (SAR)
arp-payout-reference = Transfer reference
arp-payout-reference-hint = The bank's reference for the transfer, kept with the payout.
arp-payout-submit = Record payout
arp-payout-confirm = Record this payout to the representative? It lowers what the platform owes them.
arp-payout-exceeds = This is more than the platform owes this representative.
arp-toast-paid = A payout of { $amount } was recorded.

arp-jobs-title = Repair jobs
arp-jobs-subtitle = Every repair job, from acceptance to payment, with disputes and cancellations.
arp-jobs-count = { $count ->
    [one] One job
   *[other] { $count } jobs
}
arp-jobs-capped = the newest 100 are shown
arp-jobs-empty-title = No jobs here
arp-jobs-empty-disputed-title = No disputes
arp-jobs-empty-text = Jobs start when a customer accepts a representative's offer.
arp-filter-rep = Representative

arp-tab-accepted = Accepted
arp-tab-on_the_way = On the way
arp-tab-arrived = Arrived
arp-tab-working = Working
arp-tab-completed = Completed
arp-tab-paid = Paid
arp-tab-cancelled = Cancelled
arp-tab-disputed = Disputes

arp-status-accepted = Accepted
arp-status-on_the_way = On the way
arp-status-arrived = Arrived
arp-status-working = Working
arp-status-completed = Completed
arp-status-paid = Paid
arp-status-cancelled = Cancelled
arp-status-disputed = Disputed

arp-problem-battery = Battery
arp-problem-tyre = Tyre
arp-problem-towing = Towing
arp-problem-mechanic = Mechanical fault
arp-problem-electrical = Electrical fault
arp-problem-fuel = Out of fuel
arp-problem-lockout = Locked out
arp-problem-other = Other problem

arp-method-card = Card
arp-method-wallet = Wallet
arp-method-cash = Cash
arp-method-none = Not chosen yet

arp-actor-rep = Representative
arp-actor-customer = Customer
arp-actor-admin = Admin
arp-actor-system = System

arp-job = Repair job
arp-open-rep = Representative
arp-open-customer = Customer
arp-reason = Reason
arp-reason-disputed = The customer's dispute
arp-reason-cancelled = Why it was cancelled
arp-job-facts = Details
arp-eta = ETA
arp-minutes = { $count ->
    [one] One minute
   *[other] { $count } minutes
}
arp-pin = Customer's location
arp-dropped = Positions dropped
arp-payment-title = Payment
arp-paid = Paid
arp-subtotal = Price
arp-vat = VAT
arp-commission = Platform commission
arp-paid-at = Paid at

arp-track-title = Track
arp-track-map-label = Map of the representative's route to the customer
arp-track-points = { $count ->
    [0] No positions
    [one] One position
   *[other] { $count } positions
}
arp-track-start = Start
arp-track-end = Last position
arp-track-pin = Customer
arp-track-empty = The representative shared no positions for this job; the map shows the customer's location.
arp-track-from = From
arp-track-to = to
arp-track-distance = Distance
arp-km = { $km } km

arp-history-title = Status history
arp-history-empty = No steps recorded yet.

arp-col-rating = Rating
arp-ratings = { $count ->
    [0] No reviews yet
    [one] One review
   *[other] { $count } reviews
}
arp-reviews-title = Reviews from customers
arp-reviews-all = All rep reviews
arp-reviews-empty = No customer has reviewed this representative yet.
arp-review-job = The job
