# The customer app's account pages (/app/account): the hub, profile and
# language, addresses with a map, favorites, wallet, notifications, reviews
# of delivered orders and the account deletion request.

## Hub
web-account-nav = Account
web-account-title = My account
web-account-who = Your details
web-account-no-name = Add your name
web-account-edit = Edit
web-account-links = Account pages
web-account-wallet-balance = Wallet balance
web-account-profile-hint = Name, email and the app's language
web-account-addresses-hint = Where we deliver your parts
web-account-favorites-hint = Parts and stores you saved
web-account-wallet-hint = Balance, refunds and cashback
web-account-notifications-hint = Order updates and messages
web-account-orders-hint = Track, pay and review your orders
web-account-delete-hint = { $count ->
    [one] Close your account after a one-day grace period
   *[other] Close your account after a { $count }-day grace period
}
web-account-unread = { $count ->
    [0] No unread notifications
    [one] One unread notification
   *[other] { $count } unread notifications
}
web-account-delete-manage = Keep my account
web-account-delete-pending = Your account is scheduled for deletion on { $date }.
web-account-browse = Browse parts
web-account-cancel = Cancel
web-account-save = Save changes

## Profile and language
web-account-profile-title = Profile and language
web-account-name = Full name
web-account-name-hint = Stores see it on your orders.
web-account-email = Email
web-account-email-hint = Optional. For receipts and account notices.
web-account-phone = Mobile number
web-account-phone-hint = You sign in with this number; it cannot be changed here.
web-account-language = Preferred language
web-account-language-hint = The app, text messages and notifications use it.
web-account-language-name-ar = العربية
web-account-language-name-en = English
web-account-profile-saved = Your profile was saved.

## Addresses
web-account-addresses-title = Addresses
web-account-address-add = Add an address
web-account-address-default = Default
web-account-address-make-default = Make default
web-account-address-edit = Edit
web-account-address-delete = Delete
web-account-address-delete-confirm = Delete the address “{ $label }”?
web-account-address-deleted = The address was deleted.
web-account-address-defaulted = “{ $label }” is now your default address.
web-account-address-created = The address “{ $label }” was saved.
web-account-address-updated = The address “{ $label }” was updated.
web-account-addresses-empty-title = No saved addresses
web-account-addresses-empty-text = Add where your parts should be delivered; checkout picks your default address.
web-account-address-new-title = New address
web-account-address-edit-title = Edit address
web-account-address-label = Name of the address
web-account-address-label-hint = For example Home or Work.
web-account-address-recipient = Recipient
web-account-address-phone = Recipient's mobile
web-account-address-phone-placeholder = 05XXXXXXXX
web-account-address-city = City
web-account-address-district = District
web-account-address-street = Street
web-account-address-details = Building, floor and landmark
web-account-address-details-hint = Helps the driver find the door.
web-account-address-location = Location on the map
web-account-address-map-hint = Tap the map to drop the pin, then drag it to your door.
web-account-address-map-label = Map of the delivery location
web-account-address-map-offline = The street map is not shown here: the pin moves over a grid. Use your location or type the coordinates.
web-account-address-pin = Delivery location
web-account-address-locate = Use my location
web-account-address-locating = Finding your location…
web-account-address-located = The pin is at your location.
web-account-address-locate-failed = Your location could not be read. Drop the pin or type the coordinates.
web-account-address-lat = Latitude
web-account-address-lng = Longitude
web-account-address-set-default = Make this my default address
web-account-address-save = Save address

## Favorites
web-account-favorites-title = Favorites
web-account-favorites-products = Parts
web-account-favorites-stores = Stores
web-account-favorite-saved = Saved
web-account-favorite-remove = Remove
web-account-favorite-remove-named = Remove { $name } from favorites
web-account-favorite-removed = Removed from your favorites.
web-account-favorites-empty-title = Nothing saved yet
web-account-favorites-empty-text = Save the parts and stores you like to find them here quickly.

## Wallet
web-account-wallet-title = Wallet
web-account-wallet-available = Available balance
web-account-wallet-explain = Pay with your balance at checkout. Refunds and cashback are added here.
web-account-wallet-history = Movements
web-account-wallet-count = { $count ->
    [one] One movement
   *[other] { $count } movements
}
web-account-wallet-empty-title = No movements yet
web-account-wallet-empty-text = Refunds, cashback and payments from your wallet will show here.
web-account-wallet-kind-wallet_credit = Credit from Qitaa
web-account-wallet-kind-wallet_debit = Deduction by Qitaa
web-account-wallet-kind-cashback = Cashback
web-account-wallet-kind-payment_captured = Order payment
web-account-wallet-kind-refund = Refund
web-account-wallet-kind-other = Wallet movement
web-account-wallet-credit = Added
web-account-wallet-debit = Deducted
web-account-wallet-after = Balance after: { $amount }
web-account-wallet-order = View order

## Notifications
web-account-notifications-title = Notifications
web-account-notification-unread = Unread
web-account-notification-mark-read = Mark as read
web-account-notifications-mark-all = Mark all as read
web-account-notification-marked = Marked as read.
web-account-notifications-marked-all = { $count ->
    [0] Everything was already read.
    [one] One notification marked as read.
   *[other] { $count } notifications marked as read.
}
web-account-notifications-empty-title = No notifications
web-account-notifications-empty-text = Updates on your orders and messages from stores will appear here.
web-account-notification-open-order = View order

## Reviews
web-account-review-ask = How was your order?
web-account-review-hint = Rate the store and the parts to help other drivers choose.
web-account-review-action = Review this order
web-account-review-title = Review your order
web-account-review-intro = Give stars to the store, to the parts, or both. The text is optional.
web-account-review-store = The store
web-account-review-products = The parts
web-account-review-stars-for = Stars for { $name }
web-account-review-star-count = { $count ->
    [one] One star
   *[other] { $count } stars
}
web-account-review-text = Your review (optional)
web-account-review-placeholder = What went well, and what could be better?
web-account-review-submit = Send review
web-account-review-sent = Thank you! Your review was sent.
web-account-review-sent-title = Review sent
web-account-review-sent-text = { $count ->
    [0] You rated the store of this order.
    [one] You rated this order and one part.
   *[other] You rated this order and { $count } parts.
}
web-account-review-stars-of = { $count ->
    [one] One star of five
   *[other] { $count } stars of five
}
web-account-review-already = You have already reviewed this order.
web-account-review-not-delivered = You can review an order once it has been delivered.
web-account-review-stars-needed-one = Choose the stars for this review.
web-account-review-back = Back to the order

## Account deletion
web-account-delete-title = Delete account
web-account-delete-what-title = What happens when you ask
web-account-delete-step-grace = { $count ->
    [one] Your account stays open for one more day: the grace period.
   *[other] Your account stays open for { $count } more days: the grace period.
}
web-account-delete-step-signin = Changed your mind? Keep your account here, or simply sign in again during the grace period.
web-account-delete-step-after = When the grace period ends, your account and your personal details are deleted for good.
web-account-delete-wallet-note = Spend your wallet balance, or ask Support about it, before the grace period ends.
web-account-delete-request = Delete my account
web-account-delete-confirm = { $count ->
    [one] Delete your account? It will be deleted for good in one day unless you keep it.
   *[other] Delete your account? It will be deleted for good in { $count } days unless you keep it.
}
web-account-delete-requested = Deletion requested. Your account will be deleted on { $date }.
web-account-delete-pending-title = Your account is scheduled for deletion
web-account-delete-pending-on = Deletion on
web-account-delete-requested-on = Requested on
web-account-delete-pending-text = Until then you can use the app as usual. Keep your account to cancel the request.
web-account-delete-cancel = Keep my account
web-account-delete-cancelled = Your deletion request was cancelled; your account stays open.

## Rating a finished booking or repair job
web-rate-booking = How was your visit to { $store }?
web-rate-job = How was { $rep }'s work?
web-rate-hidden = A moderator took this review down; it is not shown to others.

## Topping the wallet up by card
web-wallet-topup-title = Top up by card
web-wallet-topup-amount = Amount (SAR)
web-wallet-topup-hint = You pay on the secure card page; the amount reaches your wallet as soon as the payment is confirmed.
web-wallet-topup-submit = Continue to payment
