products-too-many = At most { $max ->
    [one] one item
   *[other] { $max } items
}.
products-oem-invalid = Enter a part number of letters and digits (dashes and spaces are fine), at most 40 characters.
products-year-order = The last year must not be before the first year.
products-unknown-reference = No such item.
products-unknown-vehicle = This make or model does not exist, or the model is not of this make.
products-unknown-image = Upload the images first (as product images); each image once.
products-illegal-transition = The product cannot move to that state from its current one.
products-price-order = The maximum price must not be below the minimum price.
products-distance-needs-origin = Sorting by distance needs lat and lng.
