## The local courier's fee table: its API's messages, its admin page and its audit labels.

courier-rate-band-taken = This destination already has a band of this weight. Edit that band instead.
courier-rate-table-full = The fee table holds at most { $max } bands. Delete some first.

audit-entity-courier-rate = Courier rate
audit-action-courier-rate-create = Courier rate added
audit-action-courier-rate-update = Courier rate changed
audit-action-courier-rate-delete = Courier rate deleted

crt-title = Courier rates
crt-subtitle = What the local courier charges, by destination city and parcel weight. The lightest band that holds the parcel applies; a city without bands of its own uses “Anywhere else”.
crt-anywhere = Anywhere else
crt-anywhere-hint = Every city without bands of its own.
crt-legacy-hint = A typed city name that the geography does not know; it prices addresses typed the same way.
crt-bands = { $count ->
    [one] one band
   *[other] { $count } bands
}
crt-up-to = Up to { $weight } kg
crt-col-weight = Parcel weight
crt-col-fee = Fee
crt-add = Add a rate
crt-add-band = Add a band
crt-add-title = Add a rate
crt-edit-title = Edit the band
crt-edit = Edit
crt-delete = Delete
crt-delete-q = Delete the band “up to { $weight } kg” of { $city }?
crt-city = Destination city
crt-city-hint = Bands for “Anywhere else” price every city without bands of its own.
crt-weight = Up to (kg)
crt-weight-hint = The heaviest parcel this band holds: 0.001 to 1,000 kg.
crt-fee = Fee (SAR)
crt-fee-hint = What the courier charges, before VAT.
crt-weight-invalid = Enter a weight between 0.001 and 1,000 kg, for example 5 or 2.5.
crt-fee-invalid = Enter an amount between 0 and 1,000,000 SAR, for example 25 or 25.50.
crt-added = The rate was added.
crt-saved = The band was saved.
crt-deleted = The band was deleted.
crt-empty-title = No courier rates yet
crt-empty-text = Add the “Anywhere else” bands first: without a band that holds the parcel, checkout cannot deliver it.
crt-no-region = Other cities
