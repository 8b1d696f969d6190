-- Saved cards: a customer's card as the card gateway tokenised it, kept so
-- that a later payment can be charged with no hosted page. No card data is
-- kept: the gateway's token, which charges the card at that gateway only,
-- and what the customer needs to recognise the card.

CREATE TABLE saved_cards (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id),
    -- The gateway that tokenised the card (`ngenius`, `sandbox`): a token
    -- is good at that gateway only.
    gateway        text NOT NULL,
    -- The gateway's card token: a secret, never answered by the API, and
    -- cleared when the card is deleted.
    token          text,
    -- As the gateway masks it (first six and last four digits at most):
    -- sent back with the token and the dedup key; the API shows last4.
    masked_pan     text NOT NULL CHECK (masked_pan !~ '[0-9]{7,}'),
    last4          text NOT NULL CHECK (last4 ~ '^[0-9]{0,4}$'),
    scheme         text NOT NULL DEFAULT '',
    expiry_year    integer NOT NULL CHECK (expiry_year BETWEEN 2000 AND 2200),
    expiry_month   integer NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    holder_name    text NOT NULL DEFAULT '',
    -- The gateway asks the security code again at each payment: such a card
    -- is paid on the hosted page (we never hold a security code).
    recapture_csc  boolean NOT NULL DEFAULT false,
    last_used_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    deleted_at     timestamptz,
    CHECK (deleted_at IS NOT NULL OR token IS NOT NULL)
);
-- One live row per card and customer at a gateway: paying again with the
-- same card (and asking to save it) refreshes the row instead of adding one.
CREATE UNIQUE INDEX saved_cards_once ON saved_cards (user_id, gateway, masked_pan, expiry_year, expiry_month)
    WHERE deleted_at IS NULL;
-- A customer's list, newest first.
CREATE INDEX saved_cards_user ON saved_cards (user_id, created_at DESC) WHERE deleted_at IS NULL;

-- What the customer asked of a card session: keep the card once paid
-- (`save_card`), or pay it with a saved card (`saved_card_id`).
ALTER TABLE payment_sessions
    ADD COLUMN save_card boolean NOT NULL DEFAULT false,
    ADD COLUMN saved_card_id uuid REFERENCES saved_cards (id);

-- The sandbox gateway's own tokens: each payment on its hosted page
-- tokenises its test card under a new random token, which a later
-- saved-card payment must present.
CREATE TABLE sandbox_gateway_cards (
    token        text PRIMARY KEY,
    masked_pan   text NOT NULL,
    -- `YYYY-MM`, as N-Genius writes it.
    expiry       text NOT NULL,
    holder_name  text NOT NULL,
    scheme       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE sandbox_gateway_orders
    ADD COLUMN card_token text REFERENCES sandbox_gateway_cards (token);
