xp-from-importers = From importers
xp-from-importers-hint = Parts of outside merchants, sold and delivered through Qitaa.
xp-external = From an importer
xp-ships-in = { $count ->
    [0] ships today
    [one] ships in one day
   *[other] ships in { $count } days
}
xp-sku = SKU
xp-oem = OEM numbers
xp-stock = In stock
xp-external-note = Qitaa orders it from the merchant for you, then it is shipped to your address. You can follow each step on the order's page.
xp-add-address = Add an address first
xp-order = Order it
xp-ordered = Your order is placed.
xp-sign-in = Sign in to order
xp-status-placed = Placed
xp-status-confirmed = Confirmed
xp-status-ordered = Ordered from the merchant
xp-status-shipped = Shipped
xp-status-delivered = Delivered
xp-status-cancelled = Cancelled
xp-status-refunded = Refunded
