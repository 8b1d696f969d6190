## Shipping: delivery quotes, shipments and the carrier's webhook
shipping-unavailable = We cannot deliver this parcel to that city. Choose another address or fewer items.
shipping-webhook-unauthorized = The webhook key or signature is not valid.
shipping-webhook-malformed = The webhook body could not be read.
shipping-not-retryable = This shipment cannot be created again: the carrier has it, or it was cancelled.
shipping-finished = This shipment is already finished.
shipping-pickup-no-carrier = No courier is configured: pickup locations are registered with OTO only.
shipping-pickup-no-contact = The store's owner has no e-mail and no shipping contact e-mail is set; the courier requires one.
