-- Wallet top-ups by card: the `wallet_topup` payment target. Paid through
-- the card gateway's hosted page; the capture's settlement credits the
-- customer's wallet (Dr gateway clearing · Cr customer wallet, through the
-- top-up's escrow).

CREATE TABLE wallet_topups (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    amount      bigint NOT NULL CHECK (amount > 0),
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
    paid_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
CREATE INDEX wallet_topups_user ON wallet_topups (user_id, created_at DESC);
