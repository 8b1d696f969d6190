## Customer app: roadside help (Tashlih) — ask for a representative to fix the car where it stands, compare the offers, follow the representative on the map.

rp-title = Roadside help
rp-hint = Battery, tyre, towing and more: a representative comes to you
rp-lead = Car trouble? Ask for help, compare the offers of the representatives near you, and follow the one you choose on the map.
rp-new = Ask for help
rp-new-lead = Choose the problem and place yourself on the map; the representatives nearby send their offers within minutes.
rp-none-title = No roadside help yet
rp-none-text = Whenever the car lets you down, ask for help and the nearest representative comes.

rp-problem = What is the problem?
rp-problem-battery = Battery
rp-problem-tyre = Tyre
rp-problem-towing = Towing
rp-problem-mechanic = Mechanical fault
rp-problem-electrical = Electrical fault
rp-problem-fuel = Out of fuel
rp-problem-lockout = Locked out
rp-problem-other = Something else
rp-problem-hint-battery = Jump start or a new battery
rp-problem-hint-tyre = Change or fix a tyre
rp-problem-hint-towing = The car moved on a flatbed
rp-problem-hint-mechanic = Checked and fixed on the spot
rp-problem-hint-electrical = Lights, wiring, starter
rp-problem-hint-fuel = Fuel brought to you
rp-problem-hint-lockout = The car opened without damage
rp-problem-hint-other = Describe it below

rp-description = Describe the problem (optional)
rp-description-hint = e.g. the car will not start and the dashboard lights flicker
rp-car = The car
rp-car-garage = From my garage
rp-car-other = Another car
rp-car-label = Which car (optional)
rp-car-label-other = The other car
rp-car-label-hint = e.g. Toyota Camry 2018
rp-car-add = Add your car to the garage to pick it faster next time
rp-where = Where are you?
rp-pin-hint = Tap the map to drop the pin where the car is, or use your location.
rp-pin = The car's place on the map
rp-pin-required = Drop the pin on the map or use your location.
rp-locate = Use my location
rp-address = Landmark or address (optional)
rp-address-hint = e.g. King Fahd Road, by the petrol station
rp-when = When?
rp-when-now = Now
rp-when-later = Later
rp-wanted-at = Time
rp-wanted-at-hint = Riyadh time, within the next seven days.
rp-submit = Ask for help
rp-sent = Your request went to the representatives near you.

rp-request-status-open = Waiting for offers
rp-request-status-accepted = Offer accepted
rp-request-status-cancelled = Cancelled
rp-request-status-expired = Expired

rp-offer-status-active = Standing
rp-offer-status-accepted = Accepted
rp-offer-status-lost = Not chosen
rp-offer-status-withdrawn = Withdrawn

rp-job-status-accepted = Accepted
rp-job-status-on_the_way = On the way
rp-job-status-arrived = Arrived
rp-job-status-working = Working on it
rp-job-status-completed = Done
rp-job-status-paid = Paid
rp-job-status-cancelled = Cancelled
rp-job-status-disputed = Disputed

rp-follow-job = Follow your representative
rp-follow-job-hint = Where they are, when they arrive, and the chat
rp-open-until = Taking offers until
rp-offers = Offers
rp-waiting-title = Asking representatives near you…
rp-waiting-text = Offers show here as they arrive; no need to reload the page.
rp-waiting-more = Still taking offers; new ones show here as they arrive.
rp-no-offers-title = No offers came
rp-no-offers-text = This request closed without offers. You can ask for help again.
rp-best-price = Best price
rp-incl-vat = incl. VAT
rp-price = Price before VAT
rp-eta-offer = { $count ->
    [one] Arrives in about a minute
   *[other] Arrives in about { $count } minutes
}
rp-accept = Accept
rp-accepted = Offer accepted. Follow your representative here.
rp-cancel = Cancel the request
rp-cancel-confirm = Cancel this request for help? No more offers will come.
rp-request-cancelled = The request was cancelled.
rp-rep-unnamed = Representative

rp-eta = { $count ->
    [one] Your representative is about a minute away
   *[other] Your representative is about { $count } minutes away
}
rp-map-label = Map of you and your representative
rp-pin-you = You
rp-no-position = Your representative shows on the map once they set off.
rp-your-rep = Your representative
rp-chat = Message
rp-chat-intro = Talk to your representative about where you are or the state of the car.
rp-amounts = Cost
rp-total = Total incl. VAT
rp-payment-method = Payment method
rp-method-wallet = Wallet
rp-method-card = Card (mada, Visa, Mastercard)
rp-method-cash = Cash to the representative
rp-paid-at = paid on
rp-pay-title = Pay for the service
rp-pay-hint = The work is done. Choose how to pay.
rp-cash-waiting = You chose cash. Hand it to your representative, who confirms receiving it.
rp-pay-amount = Pay { $amount }
rp-paid = Paid. Thank you.
rp-pay-cash-chosen = Hand the cash to your representative, who confirms receiving it.
rp-cancel-job = Cancel the service
rp-cancel-job-ask = Why do you cancel the service?
rp-job-cancelled = The service was cancelled.
rp-dispute = Report a problem
rp-dispute-ask = What went wrong with the service? Our support team will contact you.
rp-job-disputed = We received your report; our support team will contact you.
rp-reason = Reason
rp-history = History
rp-history-from = after: { $status }
rp-see-request = See the request and its offers
rp-actor-customer = You
rp-actor-rep = Representative
rp-actor-admin = Support team
rp-actor-system = Automatically

rp-rep-new = New representative, no reviews yet
rp-photos = Photos (optional)
rp-photos-hint = Up to five photos of the problem, such as the flat tyre or the warning light. JPEG, PNG or WebP.
rp-photo = A photo of the problem
