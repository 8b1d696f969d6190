## Reviews of delivered orders, completed bookings and repair jobs
reviews-order-not-delivered = You can review an order once it has been delivered.
reviews-already-reviewed = You have already sent this review.
reviews-product-not-in-order = This product is not one of the order's items.
reviews-duplicate-product = This product is reviewed twice in the same request.
reviews-nothing-to-review = Rate the store, at least one product, or both.
reviews-too-many = Review at most { $max ->
    [one] one product
   *[other] { $max } products
} at a time.
reviews-booking-not-completed = You can review a booking once it has been completed.
reviews-job-not-completed = You can review the representative once the work is completed.
