## Admin pages: part requests, their offers, history and negotiations

adm-requests-title = Part requests
adm-req-subtitle = What customers asked the stores around them for, and the offers they received.
adm-req-count = { $count ->
    [0] No requests
    [one] One request
   *[other] { $count } requests
}
adm-req-search = Request number or words of the description
adm-req-empty-title = No requests here
adm-req-empty-text = No request matches this search or status. Customers send requests from the app when they cannot find a part.
adm-req-number = Request
adm-req-request = Request
adm-req-vehicle = Car
adm-req-vin = VIN
adm-req-part = Part
adm-req-place = Where
adm-req-stores = Stores reached
adm-req-offers = Offers
adm-req-facts = What was asked
adm-req-description = Description
adm-req-condition = Condition wanted
adm-req-notes = Notes
adm-req-radius = Radius
adm-req-km = { $km } km
adm-req-expires = Open until
adm-req-photos = Photos
adm-req-photo = Photo of the part
adm-req-order = Resulting order
adm-req-open-order = Open the order
adm-req-open-customer = Customer's page

adm-req-status-open = Open
adm-req-status-accepted = Accepted
adm-req-status-cancelled = Cancelled
adm-req-status-expired = Expired
adm-req-status-closed = Closed
adm-req-status-help-open = Stores in range can send and revise offers until the request expires or the customer accepts one.
adm-req-status-help-accepted = The customer accepted an offer; it became an order of that store.
adm-req-status-help-cancelled = The customer cancelled the request; its offers no longer stand.
adm-req-status-help-expired = The request ended without an accepted offer.
adm-req-status-help-closed = An admin closed the request; its offers no longer stand.

adm-req-condition-new = New
adm-req-condition-used = Used
adm-req-condition-any = New or used
adm-req-origin-oem = Original (OEM)
adm-req-origin-aftermarket = Aftermarket
adm-req-origin-used = Used
adm-req-fulfilment-delivery = Delivery
adm-req-fulfilment-pickup = Pickup from the store

adm-req-offers-count = { $count ->
    [0] No offers
    [one] One offer
   *[other] { $count } offers
}
adm-req-offers-empty-title = No offers yet
adm-req-offers-empty-text = No store has offered on this request. Withdrawn and expired offers stay listed here too.
adm-req-offer-part = Part offered
adm-req-warranty = Warranty
adm-req-warranty-days = { $count ->
    [0] None
    [one] One day
   *[other] { $count } days
}
adm-req-availability = Availability
adm-req-in-stock = In stock
adm-req-days-to-obtain = { $count ->
    [one] In one day
   *[other] In { $count } days
}
adm-req-fulfilment = Fulfilment
adm-req-revision = Revision
adm-req-offer-until = Until
adm-req-offer-status-active = Standing
adm-req-offer-status-withdrawn = Withdrawn
adm-req-offer-status-accepted = Accepted
adm-req-offer-status-lost = Not chosen
adm-req-offer-status-expired = Expired

adm-req-negotiations = Negotiations
adm-req-read-only = Read-only
adm-req-negotiations-empty = No store has written to the customer about this request.
adm-req-thread-empty = No messages in this conversation.

adm-req-close = Close request
adm-req-close-ask = Why is it closed? The customer sees this reason, and the offers no longer stand.
adm-req-toast-closed = Request { $number } closed; its stores were told
