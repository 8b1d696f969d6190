## Web dashboards: admin review queues and taxonomy, partner dashboard

## Shared
web-price-invalid = Enter a price in SAR, for example 45.50 (at most two decimals).
web-number-invalid = Enter a whole number.
web-add = Add
web-save = Save
web-edit = Edit
web-open = Open
web-approve = Approve
web-reject = Reject
web-reject-prompt = Why is it rejected? The supplier sees this reason.
web-rejection-reason = Reason for rejection
web-back-to-list = Back to the list
web-submitted = Submitted
web-name = Name
web-name-ar = Name in Arabic
web-name-en = Name in English
web-slug = Slug
web-years = Years
web-year-from = From year
web-year-to = To year
web-files-kept = { $count ->
    [one] One file is already uploaded and will be kept.
   *[other] { $count } files are already uploaded and will be kept.
}

## Statuses not named in main.ftl
status-pending = Pending review
status-approved = Approved
status-rejected = Rejected
status-draft = Draft

## Admin nav
web-nav-companies = Companies
web-nav-products = Products
web-nav-taxonomy = Car makes & categories

## Companies
web-companies-count = { $count ->
    [0] No companies
    [one] One company
   *[other] { $count } companies
}
web-companies-none = No companies match.
web-company-legal-name = Legal name
web-company-legal-name-ar = Legal name in Arabic
web-company-legal-name-en = Legal name in English
web-company-cr = Commercial registration no.
web-company-vat = VAT no.
web-company-city = City
web-company-address = Address
web-company-owner = Registered by
web-company-documents = Documents
web-company-no-documents = No documents uploaded.
web-company-register = Register the company
web-company-register-help = Register your company to open stores. An admin reviews it first.
web-company-resubmit = Send for review again
web-company-resubmit-help = Correct what the reason names and send the company for review again.
web-company-pending-help = Your company is waiting for review. We will let you know.
web-company-approved-help = Your company is approved. You can open stores.
web-doc-kind-commercial_registration = Commercial registration certificate
web-doc-kind-vat_certificate = VAT certificate
web-doc-kind-other = Other document

## Products
web-products-count = { $count ->
    [0] No products
    [one] One product
   *[other] { $count } products
}
web-products-none = No products here.
web-product-name = Product
web-product-store = Store
web-product-price = Price
web-product-price-sar = Price (SAR)
web-product-stock = Stock
web-product-category = Category
web-product-condition = Condition
web-product-brand = Brand
web-product-oem = OEM numbers (comma separated)
web-product-images = Images
web-product-images-add = Add images (JPEG, PNG or WebP)
web-product-image-keep = Keep
web-product-new = New product
web-product-edit = Edit product
web-product-submit = Send for approval
web-product-save-submit = Save and send for approval
web-product-save-draft = Save as draft
web-product-shipping = Shipping
web-product-shipping-help = Used to quote delivery at checkout. Saving it does not send the product for approval again.
web-product-weight-kg = Weight (kg)
web-product-weight-hint = One unit, packed, in kilograms (e.g. 1.25).
web-product-weight-invalid = Enter the weight in kilograms, from 0.001 to 1000 (e.g. 1.25).
web-product-length-cm = Length (cm)
web-product-width-cm = Width (cm)
web-product-height-cm = Height (cm)
web-product-size-hint = Optional: the packed size in whole centimetres, from 1 to 500.
web-product-shipping-save = Save shipping
web-product-shipping-saved = Shipping weight and size saved
web-description-ar = Description in Arabic
web-description-en = Description in English
web-condition-new = New
web-condition-like_new = Like new
web-condition-used = Used
web-condition-refurbished = Refurbished
web-fitment = Fits these cars
web-fitment-help = Choose the make, then the model (or any model of the make), and the years.
web-fitment-make = Make
web-fitment-model = Model
web-fitment-any-model = Any model
web-fitment-add = Add a car
web-fitment-remove = Remove this car
web-fitment-required = Add at least one car the part fits.

## Taxonomy
web-taxonomy-makes = Car makes
web-taxonomy-models = Models
web-taxonomy-categories = Part categories
web-taxonomy-add-make = Add a make
web-taxonomy-add-model = Add a model
web-taxonomy-add-category = Add a category
web-taxonomy-parent = Parent category
web-taxonomy-top-level = None (top level)
web-models-count = { $count ->
    [0] No models
    [one] One model
   *[other] { $count } models
}

## Partner dashboard
web-partner-title = Partner dashboard
web-partner-no-access = This account has no access to the partner dashboard.
web-partner-no-access-help = The partner dashboard is for suppliers and for people who work at a store. Ask the store's owner to add your number to the team.
web-partner-company = Company
web-partner-stores = Stores
web-partner-team = Team
web-stores-count = { $count ->
    [0] No stores
    [one] One store
   *[other] { $count } stores
}
web-stores-none = No stores yet.
web-store-type = Store type
web-store-role = Your role
web-store-role-owner = Owner
web-store-role-employee = Employee
web-store-open = Open a store
web-store-phone = Store phone (optional)
web-store-lat = Latitude
web-store-lng = Longitude
web-store-hours = Working hours
web-store-opens = Opens at
web-store-closes = Closes at
web-day-sat = Saturday
web-day-sun = Sunday
web-day-mon = Monday
web-day-tue = Tuesday
web-day-wed = Wednesday
web-day-thu = Thursday
web-day-fri = Friday
web-team-count = { $count ->
    [0] No employees
    [one] One employee
   *[other] { $count } employees
}
web-team-add = Add an employee
web-team-remove = Remove
web-team-remove-confirm = Remove this employee from the store?
web-perm-products-view = See products
web-perm-products-manage = Manage products
web-perm-orders-view = See orders
web-perm-orders-manage = Manage orders
web-perm-requests-view = See requests
web-perm-requests-manage = Answer requests
web-perm-bookings-manage = Manage bookings
web-perm-store-settings-manage = Manage store settings
web-perm-store-team-manage = Manage the team
web-error-back = Back to the start
