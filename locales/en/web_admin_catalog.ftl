## Admin page: the service catalog, every store's bookable service items

asc-title = Service catalog
asc-subtitle = Every store's bookable services across the platform, by store and in each store's order.
asc-count = { $count ->
    [0] No services
    [one] One service
   *[other] { $count } services
}
asc-tab-active = Active
asc-tab-inactive = Inactive
asc-search = Search by service or store name
asc-empty-title = No services here
asc-empty-text = Stores add the services customers can book from the partner dashboard. They appear here once added.
asc-empty-filtered = No service matches this search or status.

asc-item = Service
asc-service = Service type
asc-duration = Duration
asc-price = Price
asc-no-price = No price set yet
asc-addons = Add-ons
asc-store-bookings = This store's bookings
asc-active = Active
asc-inactive = Inactive
