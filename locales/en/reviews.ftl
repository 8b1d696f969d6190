## Reviews of delivered orders
reviews-order-not-delivered = You can review an order once it has been delivered.
reviews-already-reviewed = You have already reviewed this order's store or product.
reviews-product-not-in-order = This product is not one of the order's items.
reviews-duplicate-product = This product is reviewed twice in the same request.
reviews-nothing-to-review = Rate the store, at least one product, or both.
reviews-too-many = Review at most { $max ->
    [one] one product
   *[other] { $max } products
} at a time.
