## The job queue
jobs-not-dead = Only a dead job can be retried; this one is not.

## Devices, templates and broadcasts
notifications-validation-web-subscription = For web push, send the browser's push subscription as JSON: {"{"}"endpoint": "https://…", "keys": {"{"}"p256dh": "…", "auth": "…"{"}"}{"}"}.
notifications-validation-web-endpoint = The push subscription's endpoint must be an https address of a browser push service.
notifications-validation-html-email-only = Only email templates have an HTML part.
notifications-validation-placeholder = Unknown placeholder {"{"}{ $name }{"}"}. Use: { $allowed }.
notifications-validation-segment-all = Send to everyone or to a role or city, not both.
notifications-validation-segment-required = Choose who receives it: a role, a city, or everyone.

## Order statuses in notifications
notifications-order-status-pending_payment = awaiting payment
notifications-order-status-confirmed = confirmed
notifications-order-status-accepted = accepted by the store
notifications-order-status-preparing = being prepared
notifications-order-status-shipped = shipped
notifications-order-status-ready_for_pickup = ready for the courier
notifications-order-status-delivered = delivered
notifications-order-status-cancelled = cancelled
notifications-order-status-returned = returned to the store and cancelled
notifications-order-status-rejected = rejected by the store
notifications-order-status-refunded = refunded
