## Shipping pages: the customer's delivery card on an order, the admins' shipments and the carriers' webhook log.

## A shipment's statuses
shp-status-pending = Being booked with the courier
shp-status-created = Booked with the courier
shp-status-picked_up = Picked up
shp-status-in_transit = On its way
shp-status-out_for_delivery = Out for delivery
shp-status-delivered = Delivered
shp-status-returned = Returned
shp-status-cancelled = Cancelled
shp-status-in_progress = In progress

## Carriers
shp-carrier-local = Local courier
shp-carrier-oto = OTO

## Where a step came from
shp-source-webhook = Update from the courier
shp-source-poll = Checked with the courier
shp-source-store = Update from the store
shp-source-admin = Update from Qitaa support
shp-source-system = Qitaa

## A webhook call's verdicts
shp-verdict-applied = Applied
shp-verdict-duplicate = Duplicate
shp-verdict-unauthorized = Wrong key
shp-verdict-bad_signature = Bad signature
shp-verdict-malformed = Unreadable
shp-verdict-unknown_order = Unknown order

## The customer's order page: the delivery card
shp-card-title = Delivery
shp-carrier = Carrier
shp-tracking-number = Tracking number
shp-track-at-carrier = Track on the courier's site
shp-not-handed = The store has not handed the order to the courier yet.

## Admin: shipments
shp-shipments-title = Shipments
shp-shipments-subtitle = Every order's delivery with the courier, last updated first: retry a booking the courier has not accepted, or cancel a shipment.
shp-col-order = Order
shp-col-carrier = Carrier
shp-col-status = Status
shp-col-raw-status = Courier's status
shp-col-tracking = Tracking number
shp-col-attempts = Attempts
shp-col-last-error = Last error
shp-col-updated = Updated
shp-shipments-empty-title = No shipments here
shp-shipments-empty-text = A shipment starts when a store marks an order ready for the courier.
shp-retry = Retry
shp-retried = Queued again
shp-toast-retried = The shipment will be booked with the courier again
shp-cancel = Cancel shipment
shp-cancel-q = Cancel the shipment of order { $number } at the courier? The order itself is not cancelled.
shp-toast-cancelled = Shipment cancelled
shp-page = Page { $page }

## Admin: the carriers' webhook log
shp-webhooks-title = Webhook log
shp-webhooks-subtitle = Every status call the couriers sent, newest first, with its verdict and what it changed.
shp-col-received = Received
shp-col-order-ref = Order reference
shp-col-verdict = Verdict
shp-col-effect = Effect
shp-webhooks-empty-title = No webhook calls yet
shp-webhooks-empty-text = The courier's status updates appear here as they arrive.

## A returned parcel on the order pages
shp-note-returned_to_store = The parcel was returned to the store
shp-order-returned = Returned to the store: the courier brought the parcel back, so the order was cancelled.
shp-order-returned-refund = What you paid is refunded (see the refunds below).
shp-order-returned-cash = Nothing was collected, so there is nothing to pay.

## Admin: pickup locations
shp-pickups-title = Pickup locations
shp-pickups-subtitle = Where the courier collects each store's parcels, as it was told. Re-sync a store whose address has changed: the courier gets its current address under a new code for the next shipments.
shp-pickups-search = Search by store name
shp-pickups-total = { $count } locations
shp-col-store = Store
shp-col-code = Code
shp-col-told = Address the courier has
shp-col-store-now = Store's address now
shp-col-created = Created
shp-address-unknown = Not recorded
shp-address-changed = Address changed
shp-address-same = Up to date
shp-revision = Revision { $revision }
shp-resync = Re-sync
shp-resync-q = Send { $store }'s current address to the courier as a new pickup location? Shipments already booked keep the old one.
shp-resynced = Re-synced
shp-toast-resynced = The courier has the store's current address
shp-pickups-empty-title = No pickup locations yet
shp-pickups-empty-text = A store's pickup location is registered with its first shipment through the courier.
shp-pickups-none-found = No store matches this search.
