rq-title = Part requests
rq-hint = Ask the stores near you for a part you cannot find
rq-lead = Cannot find a part? Describe it once and the parts stores around you send their offers. Compare them and take the best.
rq-new = Ask for a part
rq-none-title = No requests yet
rq-none-text = Ask for a part and the stores near you will answer with their prices.
rq-request = Request
rq-status-open = Waiting for offers
rq-status-accepted = Accepted
rq-status-cancelled = Cancelled
rq-status-expired = Expired
rq-status-closed = Closed
rq-offers-count = { $count ->
    [0] No offers yet
    [one] One offer
   *[other] { $count } offers
}
rq-stores-count = { $count ->
    [0] No store covers this yet
    [one] Sent to one store
   *[other] Sent to { $count } stores
}
rq-expires = Open until
rq-vehicle = The car
rq-car = From my garage
rq-car-other = Another car (choose below)
rq-car-hint = Or choose the model and year below.
rq-model = Make and model
rq-year = Year
rq-vin = VIN (optional)
rq-vin-hint = 17 characters, on the registration card. It helps stores find the exact part.
rq-part = The part
rq-category = Category
rq-description = What do you need?
rq-description-hint = e.g. left front headlight, original
rq-quantity = Quantity
rq-condition = Condition
rq-photos = Photos (up to 5)
rq-photos-hint = A photo of the old part or its number helps.
rq-notes = Notes
rq-where = Where
rq-address = Deliver to
rq-address-pin = A place on the map
rq-pin-hint = Drop the pin where you want the part; stores only see the district and the distance.
rq-pin = The place on the map
rq-radius = Ask stores within (km)
rq-hours = Keep open for (hours)
rq-send = Send to the stores
rq-request-sent = Your request was sent to the stores around you.
rq-offers = Offers
rq-offers-none-title = No offers yet
rq-offers-none-text = Stores are told at once; offers appear here as they come.
rq-sort = Sort offers
rq-sort-price = Price
rq-sort-distance = Distance
rq-sort-rating = Rating
rq-sort-warranty = Warranty
rq-sort-delivery = Delivery time
rq-best-price = Best price
rq-unit-price = Price per piece
rq-warranty-days = { $count ->
    [0] No warranty
    [one] One day warranty
   *[other] { $count } days warranty
}
rq-days-to-obtain = { $count ->
    [one] Ready in one day
   *[other] Ready in { $count } days
}
rq-accept = Accept this offer
rq-accepted = Offer accepted: your order is placed.
rq-open-order = Open the order
rq-cancel = Cancel the request
rq-cancel-confirm = Cancel this request? The stores will no longer be able to offer.
rq-cancelled = Request cancelled.
rq-offer-until = Stands until
rq-vat = VAT
rq-incl-vat = incl. VAT
rq-chat = Chat with the store
rq-chat-intro = Ask the store about the part: a photo, the exact number, the delivery. The store sees your name, never your phone or street.
rq-ask-cta = Can't find it? Ask the stores near you
rq-ask-cta-hint = Describe the part once; parts stores around you answer with their prices.
