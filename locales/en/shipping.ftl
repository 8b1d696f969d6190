## Shipping: delivery quotes, shipments and the carrier's webhook
shipping-unavailable = We cannot deliver this parcel to that city. Choose another address or fewer items.
shipping-webhook-unauthorized = The webhook key or signature is not valid.
shipping-webhook-malformed = The webhook body could not be read.
shipping-not-retryable = This shipment cannot be created again: the carrier has it, or it was cancelled.
shipping-finished = This shipment is already finished.
