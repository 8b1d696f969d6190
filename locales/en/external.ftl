external-cr-number = A commercial registration number has 10 digits.
external-vat-number = A VAT number has 15 digits and starts and ends with 3.
external-city = Each city needs a name of at most 100 characters.
external-upload-broken = The upload stopped before the file ended ({ $reason }). Send it again.
external-import-malformed = The file could not be read, so nothing was imported: { $reason }. Check that the first line is the template's header and every row has its 11 columns.
external-row-required = { $field } is required.
external-row-too-long = { $field } is too long.
external-row-repeated = This SKU is already on an earlier row of the file.
external-row-price = The price must be in SAR above zero, with at most two decimals, e.g. 125.50.
external-row-stock = The stock must be a whole number from 0.
external-row-oem = OEM numbers are separated by |, each 3 to 40 letters, digits, spaces, dots or dashes; at most 20.
external-row-unknown = { $field } is not in the catalog (use its slug, e.g. hyundai, sonata, lights).
external-row-needs-make = { $field } needs the make too.
external-row-year = A year has 4 digits, from 1950 to 2100.
external-row-year-order = The last year comes before the first.
external-row-invalid = { $field } is not valid.
external-part-unavailable = This part is no longer available.
external-not-delivered-there = This merchant does not deliver to that city.
external-not-paid = The order is not paid yet.
external-mail-subject = New order { $number } from Qitaa
external-mail-body = Hello { $merchant },

    Please prepare order { $number }:
    { $quantity } × { $part } (SKU { $sku }), to be delivered in { $city }.

    Reply to this e-mail when it ships.
    Qitaa
