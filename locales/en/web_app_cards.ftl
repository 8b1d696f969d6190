# The customer app's saved cards: the account list (/app/account/cards) and
# the choices of checkout and of paying an order again.
sc-title = Saved cards
sc-hint = Cards you chose to save when paying
sc-empty-title = No saved cards
sc-empty-text = Tick “Save this card” when you pay by card, and next time you pay without typing it again.
sc-expires = Expires
sc-expired = Expired
sc-delete = Delete
sc-delete-confirm = Delete the card ending { $last4 }? You will type it again next time.
sc-deleted = The card ending { $last4 } was deleted.
sc-safe-note = We keep only what the payment gateway gives us to charge the card again, never its number or security code.
sc-new-card = A new card (on the payment page)
sc-save = Save this card for next time
sc-pay-with = Pay with a saved card or a new one
