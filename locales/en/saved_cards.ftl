# Saved cards (API answers).
saved-cards-not-found = This saved card is not available. Choose another card or pay on the payment page.
saved-cards-expired = This card has expired. Choose another card or pay with a new one.
saved-cards-card-only = Saved cards go with payment by card only.
saved-cards-save-or-use = Pay with a saved card or save a new one, not both.
