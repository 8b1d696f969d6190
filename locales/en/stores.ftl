## Companies
stores-supplier-only = Only supplier accounts can register a company.
stores-company-exists = You already have a company.
stores-cr-number-taken = A company with this commercial registration number already exists.
stores-company-locked = An approved company cannot be changed here. Contact support.
stores-company-required = Register your company first.
stores-company-not-approved = Your company has not been approved yet. You can open stores once it is.
stores-company-not-pending = Only a company waiting for review can be approved or rejected.
stores-validation-cr-number = The commercial registration number is { $digits ->
    [one] one digit
   *[other] { $digits } digits
}.
stores-validation-vat-number = The VAT number is { $digits ->
    [one] one digit
   *[other] { $digits } digits
}, starting and ending with 3.
stores-validation-document-unknown = This file is not one of your uploads.
stores-validation-document-kind = Use one of: commercial_registration, vat_certificate, other.
stores-validation-too-many = Send at most { $max ->
    [one] one item
   *[other] { $max } items
}.

## Store types and services
stores-validation-slug = Use lower-case Latin letters, digits and single dashes, for example car-wash.
stores-validation-service-unknown = This service does not exist.
stores-validation-store-type-unknown = This store type does not exist.
stores-slug-taken = This slug is already in use.
stores-store-type-in-use = { $count ->
    [one] One store is
   *[other] { $count } stores are
} of this type. Move them to another type first.

## Stores
stores-validation-day-unknown = Unknown day. Use sat, sun, mon, tue, wed, thu or fri.
stores-validation-hours-interval = Each period is a pair of times, for example ["09:00", "22:00"].
stores-validation-hours-time = Write times as HH:MM, for example 09:00 or 22:30.
stores-validation-hours-order = The opening time must be before the closing time.
stores-validation-hours-overlap = The periods of one day must not overlap.
stores-validation-hours-too-many = At most { $max ->
    [one] one period
   *[other] { $max } periods
} a day.
stores-validation-number = Enter a number.
stores-validation-radius = The radius is more than 0 and at most { $max ->
    [one] one kilometre
   *[other] { $max } kilometres
}.
stores-store-already-active = The store is already active.
stores-store-already-suspended = The store is already suspended.

## Employees
stores-employee-exists = This person already works at this store.
stores-employee-is-admin = Platform admins cannot be store employees.
stores-employee-is-owner = The owner of the store cannot be added as an employee.

## Customer
customer-address-limit = You can keep at most { $max ->
    [one] one address
   *[other] { $max } addresses
}.
stores-store-has-open-orders = This store has open orders. Finish or cancel them first; you can suspend the store meanwhile.
stores-store-has-balance = This store still has a balance with the platform. It can be deleted once the balance is settled.
