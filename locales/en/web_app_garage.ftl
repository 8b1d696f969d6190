# The customer app's garage (/app/account/garage): the saved cars, adding
# one, "fits my car" when browsing and the fit note of the product page.

## The garage
gr-title = My garage
gr-hint = Your cars, to find the parts that fit them
gr-add = Add a car
gr-empty-title = No cars yet
gr-empty-text = Add your car and we will show you the parts that fit it.
gr-default = Default
gr-vin = VIN
gr-make-default = Make default
gr-delete = Delete
gr-delete-confirm = Remove “{ $car }” from your garage?
gr-deleted = The car was removed from your garage.
gr-defaulted = “{ $car }” is now your default car.
gr-created = “{ $car }” was added to your garage.
gr-nickname = Nickname (optional)
gr-nickname-hint = For example My car or Dad's car.
gr-set-default = Make this my default car
gr-save = Save the car
gr-year-digits = Type the year in digits, for example 2016.

## Browsing and the product page
gr-fits-filter = Fits my car
gr-fits-any = Any car
gr-fits = Fits your { $car }.
gr-may-not-fit = May not fit your { $car }.
gr-check-fitment = See which cars it fits
gr-add-to-check = Add your car to check the fit
