## Admin pages: notification templates, the admin's inbox, a user's page,
## a product's page, editing and deleting the car and part taxonomy

## Shared
am-edit = Edit
am-delete = Delete
am-save = Save changes
am-none = Not set
am-make = Make
am-model = Model
am-lang-ar = Arabic
am-lang-en = English
am-category-orders = Orders
am-category-chat = Chat
am-category-marketing = Marketing

## Notification templates
am-templates-title = Notification templates
am-templates-subtitle = What each event says on each channel, in Arabic and in English.
am-event-order-status = Order status changed
am-event-order-new = New order for a store
am-event-chat-message = New chat message
am-event-broadcast = Broadcast
am-event-help-order-status = Sent to the customer each time their order moves to a new status.
am-event-help-order-new = Sent to the store's owner when a customer places an order.
am-event-help-chat-message = Sent to the other side of a conversation when a message arrives.
am-event-help-broadcast = The frame of the messages admins send from Broadcasts.
am-event-request-new = New part request for a store
am-event-request-offer = New offer on a customer's request
am-event-request-won = A store's offer was accepted
am-event-request-lost = A store's offer was not chosen
am-event-request-expired = A customer's request expired
am-event-booking-confirmed = A service booking was confirmed
am-event-booking-rejected = A booking was rejected or cancelled
am-event-booking-reminder = A booking is coming up
am-event-referral-rewarded = A friend's first order earned a referral reward
am-event-referral-welcome = A referred customer's welcome reward landed
am-event-repair-new = A repair request near a representative
am-event-help-request-new = Sent to the people of each store a part request reaches (those who see requests).
am-event-help-request-offer = Sent to the customer when a store offers or revises its offer.
am-event-help-request-won = Sent to the winning store's people when the customer accepts its offer.
am-event-help-request-lost = Sent to the other stores' people when the customer accepts another offer.
am-event-help-request-expired = Sent to the customer when their request ends without an accepted offer.
am-channel-push = Push
am-channel-sms = SMS
am-channel-email = Email
am-channel-in_app = In-app
am-tpl-channel = Channel
am-tpl-state-enabled = On
am-tpl-state-disabled = Off
am-tpl-state-missing = Not written
am-tpl-write = Write it
am-tpl-enabled-count = { $count ->
    [0] No template on
    [one] One template on
   *[other] { $count } templates on
}
am-tpl-placeholders = Placeholders
am-tpl-placeholders-help = Write a placeholder in braces, exactly as below; it is replaced by the value when the message is sent. Any other placeholder is refused.
am-tpl-updated = Updated
am-tpl-edit-in-ar = Edit the Arabic one
am-tpl-edit-in-en = Edit the English one
am-tpl-message = Message
am-tpl-title = Title
am-tpl-subject = Subject
am-tpl-max-chars = At most { $max } characters.
am-tpl-sms-hint = Text messages have no title.
am-tpl-body = Text
am-tpl-email-text = Text of the email
am-tpl-html = HTML version (optional)
am-tpl-html-hint = Without it, the email's HTML is made from the text. Values are HTML-escaped.
am-tpl-enabled = Send on this channel
am-tpl-enabled-hint = When off, this event sends nothing on this channel in this language.
am-tpl-save = Save template
am-tpl-saved = Template saved.
am-tpl-preview = Preview
am-tpl-preview-sample = With sample values
am-tpl-preview-draft = as you type
am-tpl-preview-saved = as saved
am-tpl-preview-none = Not written in this language yet.
am-var-orderNumber = The order's number
am-var-status = The order's new status, in the recipient's language
am-var-name = The recipient's name
am-var-storeName = The store's name
am-var-amount = The amount due, in SAR
am-var-senderName = Who sent the message
am-var-preview = The beginning of the message
am-var-title = The broadcast's title
am-var-body = The broadcast's text
am-var-requestNumber = The request's number
am-var-part = The part's category
am-var-car = The car: make, model and year
am-var-distance = The distance from the store, in km
am-var-bookingNumber = The booking number
am-var-date = The appointment date, Riyadh time
am-var-time = The appointment time, Riyadh time
am-var-reason = The reason the store or an admin gave
am-var-problem = The kind of problem

## Inbox
am-inbox-title = Notifications
am-inbox-unread = { $count ->
    [0] No unread notifications
    [one] One unread notification
   *[other] { $count } unread notifications
}
am-inbox-filter = Show
am-inbox-unread-tab = Unread
am-inbox-unread-mark = Unread
am-inbox-mark-read = Mark as read
am-inbox-mark-all = Mark all as read
am-inbox-marked = Marked as read.
am-inbox-marked-all = { $count ->
    [0] Nothing was unread.
    [one] One notification marked as read.
   *[other] { $count } notifications marked as read.
}
am-inbox-open = Open
am-inbox-empty-title = No notifications yet
am-inbox-empty-text = What the platform tells you appears here.
am-inbox-caught-up-title = All caught up
am-inbox-caught-up-text = You have read every notification.
am-inbox-show-all = Show all

## A user's page
am-user-unnamed = No name
am-user-profile = Profile
am-user-email = Email
am-user-language = Language
am-user-last-sign-in = Last sign-in
am-user-never = Never
am-user-deletion-requested = Asked to delete the account
am-user-orders = Latest orders
am-user-no-orders = No orders yet
am-user-no-orders-text = Orders this user places appear here.
am-user-account = Account
am-user-reason = Reason
am-user-active-help = Suspending signs the user out everywhere and stops them from signing in.
am-user-suspended-help = The user cannot sign in until the account is reactivated.
am-user-suspend-ask = Why is this account suspended? The user sees this reason.
am-user-reactivate-q = Reactivate { $name }'s account?
am-user-wallet-open = Open the wallet

## A product's page
am-product-created = Created
am-product-updated = Last change
am-product-details = Details
am-product-sku = SKU
am-product-oem = OEM numbers
am-product-description = Description
am-product-images-count = { $count ->
    [0] No images
    [one] One image
   *[other] { $count } images
}
am-product-no-images = The supplier has not added images.
am-product-variants = Variants
am-product-variants-count = { $count ->
    [0] None
    [one] One variant
   *[other] { $count } variants
}
am-product-no-variants = This product is sold as one item.
am-product-fitment = Fits
am-product-no-fitment = No cars listed: it fits any car.
am-product-all-models = Every model
am-product-all-years = Every year
am-product-review = Review
am-product-rejection = Why it was rejected
am-product-help-draft = The supplier has not sent it for review yet.
am-product-help-pending_approval = Waiting for review: approve it to list it, or reject it with a reason the supplier sees.
am-product-help-active = Listed: customers can find and buy it.
am-product-help-rejected = Not listed. The supplier can change it and send it again.

## Taxonomy: edit and delete
am-tax-edit-make = Edit make
am-tax-edit-model = Edit model
am-tax-edit-category = Edit category
am-tax-year-to-hint = Leave empty while the model is still sold.
am-tax-delete-q = Delete { $name }? This cannot be undone here.
am-tax-make-saved = Make saved.
am-tax-model-saved = Model saved.
am-tax-category-saved = Category saved.
am-tax-make-deleted = Make deleted.
am-tax-model-deleted = Model deleted.
am-tax-category-deleted = Category deleted.
