-- Commerce and money: the double-entry ledger, polymorphic payments, carts,
-- orders with their status history, coupons, cashback, idempotency keys and
-- tax invoices. Amounts are bigint halalas; currency travels with them.

-- ---------------------------------------------------------------- ledger

CREATE TABLE ledger_accounts (
    id         uuid PRIMARY KEY,
    -- customer_wallet, order_escrow, store_payable, rep_payable,
    -- gateway_clearing, cash_in_transit, platform_revenue, vat_payable,
    -- promotions_expense, cashback_expense, adjustments, bank
    kind       text NOT NULL,
    -- The user, store, payment target or provider the account belongs to;
    -- NULL for the platform's single accounts.
    owner_id   uuid,
    -- The gateway's name for gateway_clearing accounts, else ''.
    owner_key  text NOT NULL DEFAULT '',
    currency   text NOT NULL DEFAULT 'SAR' CHECK (currency = 'SAR'),
    -- Cache of the sum of entries (debit positive), changed only together
    -- with them; the reconciliation report proves it. A wallet is a credit
    -- account: what the customer holds is -balance, and it never goes below zero.
    balance    bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallet_never_negative CHECK (kind <> 'customer_wallet' OR balance <= 0)
);
CREATE UNIQUE INDEX ledger_accounts_identity
    ON ledger_accounts (kind, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), owner_key);

CREATE TABLE ledger_transactions (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL,
    -- What the money moved for: a payment target (order, booking, ...), a
    -- store payout, an admin adjustment.
    target_kind     text,
    target_id       uuid,
    payment_id      uuid,
    actor_id        uuid,
    memo            text NOT NULL DEFAULT '',
    -- One effect per key: the same webhook or retry can never book twice.
    idempotency_key text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_transactions_target ON ledger_transactions (target_kind, target_id);
CREATE INDEX ledger_transactions_payment ON ledger_transactions (payment_id) WHERE payment_id IS NOT NULL;

-- Debit positive, credit negative.
CREATE TABLE ledger_entries (
    id             bigserial PRIMARY KEY,
    transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
    account_id     uuid NOT NULL REFERENCES ledger_accounts (id),
    amount         bigint NOT NULL CHECK (amount <> 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);

-- Entries and transactions are append-only: corrections are new transactions.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are append-only (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- A transaction whose entries do not sum to zero cannot commit, whatever
-- code wrote it: checked once per transaction at COMMIT.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total bigint;
    n int;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, n
      FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 OR n < 2 THEN
        RAISE EXCEPTION 'ledger transaction % is unbalanced (sum %, % entries)', NEW.transaction_id, total, n
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- ---------------------------------------------------------------- payments

-- One hosted-page visit at the card gateway; it may pay several payments
-- (a multi-store checkout is one card charge for one order per store).
CREATE TABLE payment_sessions (
    id            uuid PRIMARY KEY,
    payer_id      uuid NOT NULL REFERENCES users (id),
    provider      text NOT NULL,
    provider_ref  text,
    pay_url       text,
    amount        bigint NOT NULL CHECK (amount > 0),
    currency      text NOT NULL DEFAULT 'SAR',
    state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paid', 'declined', 'expired')),
    language      text NOT NULL DEFAULT 'ar',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_sessions_provider_ref ON payment_sessions (provider, provider_ref)
    WHERE provider_ref IS NOT NULL;

CREATE TABLE payments (
    id              uuid PRIMARY KEY,
    -- order, store_request_offer, service_booking, rep_order,
    -- external_part_order, wallet_topup
    target_kind     text NOT NULL,
    target_id       uuid NOT NULL,
    payer_id        uuid NOT NULL REFERENCES users (id),
    method          text NOT NULL CHECK (method IN ('card', 'wallet', 'cash')),
    amount          bigint NOT NULL CHECK (amount >= 0),
    refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    currency        text NOT NULL DEFAULT 'SAR',
    state           text NOT NULL CHECK (state IN ('pending', 'authorised', 'captured',
                        'partially_refunded', 'refunded', 'failed', 'cancelled')),
    session_id      uuid REFERENCES payment_sessions (id),
    captured_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid
);
-- At most one live (not failed or cancelled) payment per target.
CREATE UNIQUE INDEX payments_one_live_per_target ON payments (target_kind, target_id)
    WHERE state NOT IN ('failed', 'cancelled');
CREATE INDEX payments_session ON payments (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX payments_payer ON payments (payer_id, created_at DESC);

CREATE TABLE payment_events (
    id          bigserial PRIMARY KEY,
    payment_id  uuid NOT NULL REFERENCES payments (id),
    from_state  text,
    to_state    text NOT NULL,
    amount      bigint,
    actor_id    uuid,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_events_payment ON payment_events (payment_id, id);

-- Refunds, full or partial, each going back the way the money came.
CREATE TABLE refunds (
    id           uuid PRIMARY KEY,
    payment_id   uuid NOT NULL REFERENCES payments (id),
    amount       bigint NOT NULL CHECK (amount > 0),
    destination  text NOT NULL CHECK (destination IN ('card', 'wallet')),
    reason       text NOT NULL DEFAULT '',
    state        text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid
);
CREATE INDEX refunds_payment ON refunds (payment_id);

-- Sandbox card gateway of the embedded default: its "orders", so that the
-- hosted page and webhook work across nodes like the real gateway's.
CREATE TABLE sandbox_gateway_orders (
    reference          text PRIMARY KEY,
    merchant_reference text NOT NULL,
    amount             bigint NOT NULL,
    currency           text NOT NULL,
    state              text NOT NULL DEFAULT 'STARTED',
    refunded           bigint NOT NULL DEFAULT 0,
    redirect_url       text NOT NULL,
    cancel_url         text NOT NULL,
    language           text NOT NULL DEFAULT 'ar',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- idempotency

-- The first answer to a POST carrying `Idempotency-Key`, written in the same
-- transaction as its effect: a concurrent twin waits on the primary key,
-- then replays it.
CREATE TABLE idempotency_keys (
    user_id       uuid NOT NULL,
    key           text NOT NULL,
    scope         text NOT NULL,
    request_hash  text NOT NULL,
    status_code   int NOT NULL,
    response_body jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- ---------------------------------------------------------------- carts

CREATE TABLE cart_items (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    product_id  uuid NOT NULL REFERENCES products (id),
    variant_id  uuid REFERENCES product_variants (id),
    quantity    int NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cart_items_line
    ON cart_items (user_id, product_id, coalesce(variant_id, '00000000-0000-0000-0000-000000000000'));

-- ---------------------------------------------------------------- coupons

CREATE TABLE coupons (
    id              uuid PRIMARY KEY,
    code            text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    -- Percent in basis points (1000 = 10 %) or a fixed amount in halalas.
    value           bigint NOT NULL CHECK (value > 0),
    min_order       bigint NOT NULL DEFAULT 0 CHECK (min_order >= 0),
    max_discount    bigint CHECK (max_discount IS NULL OR max_discount > 0),
    starts_at       timestamptz,
    ends_at         timestamptz,
    scope           text NOT NULL DEFAULT 'all' CHECK (scope IN ('all', 'stores', 'categories')),
    scope_ids       uuid[] NOT NULL DEFAULT '{}',
    usage_limit     int CHECK (usage_limit IS NULL OR usage_limit > 0),
    per_user_limit  int CHECK (per_user_limit IS NULL OR per_user_limit > 0),
    used_count      int NOT NULL DEFAULT 0,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz,
    CONSTRAINT coupon_percent_at_most_100 CHECK (kind <> 'percent' OR value <= 10000),
    CONSTRAINT coupon_within_limit CHECK (usage_limit IS NULL OR used_count <= usage_limit)
);
CREATE UNIQUE INDEX coupons_code ON coupons (upper(code)) WHERE deleted_at IS NULL;

CREATE TABLE coupon_user_counts (
    coupon_id uuid NOT NULL REFERENCES coupons (id),
    user_id   uuid NOT NULL REFERENCES users (id),
    used      int NOT NULL DEFAULT 0,
    PRIMARY KEY (coupon_id, user_id)
);

-- ---------------------------------------------------------------- orders

CREATE SEQUENCE order_number_seq START 100001;

CREATE TABLE checkouts (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id),
    payment_method  text NOT NULL,
    coupon_id       uuid REFERENCES coupons (id),
    discount        bigint NOT NULL DEFAULT 0,
    amount_due      bigint NOT NULL,
    session_id      uuid REFERENCES payment_sessions (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id                 uuid PRIMARY KEY,
    number             text NOT NULL UNIQUE,
    checkout_id        uuid NOT NULL REFERENCES checkouts (id),
    customer_id        uuid NOT NULL REFERENCES users (id),
    store_id           uuid NOT NULL REFERENCES stores (id),
    status             text NOT NULL CHECK (status IN ('pending_payment', 'confirmed', 'accepted',
                           'preparing', 'shipped', 'ready_for_pickup', 'delivered', 'cancelled',
                           'rejected', 'refunded')),
    payment_method     text NOT NULL CHECK (payment_method IN ('card', 'wallet', 'cash')),
    -- Where to deliver, copied at checkout so later address edits do not move it.
    address            jsonb NOT NULL,
    subtotal           bigint NOT NULL CHECK (subtotal >= 0),
    delivery_fee       bigint NOT NULL CHECK (delivery_fee >= 0),
    vat                bigint NOT NULL CHECK (vat >= 0),
    -- subtotal + delivery_fee + vat: the store's invoice total.
    total              bigint NOT NULL,
    -- Platform-funded coupon discount; the customer pays total - discount.
    discount           bigint NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount <= total),
    amount_due         bigint NOT NULL,
    currency           text NOT NULL DEFAULT 'SAR',
    coupon_id          uuid REFERENCES coupons (id),
    -- Fixed when the order is created: later rate changes never rewrite it.
    commission_bp      int NOT NULL,
    commission         bigint NOT NULL,
    commission_vat     bigint NOT NULL,
    paid_at            timestamptz,
    payment_expires_at timestamptz,
    stock_released     boolean NOT NULL DEFAULT false,
    settled_at         timestamptz,
    delivered_at       timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    deleted_at         timestamptz,
    CONSTRAINT order_total_adds_up CHECK (total = subtotal + delivery_fee + vat),
    CONSTRAINT order_due_adds_up CHECK (amount_due = total - discount)
);
CREATE INDEX orders_customer ON orders (customer_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX orders_store ON orders (store_id, status, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX orders_status ON orders (status, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX orders_checkout ON orders (checkout_id);
CREATE INDEX orders_unpaid ON orders (payment_expires_at)
    WHERE status = 'pending_payment' AND NOT stock_released;

CREATE TABLE order_items (
    id          uuid PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id),
    product_id  uuid NOT NULL REFERENCES products (id),
    variant_id  uuid REFERENCES product_variants (id),
    category_id uuid,
    name_ar     text NOT NULL,
    name_en     text NOT NULL,
    unit_price  bigint NOT NULL CHECK (unit_price >= 0),
    quantity    int NOT NULL CHECK (quantity > 0),
    line_total  bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_item_adds_up CHECK (line_total = unit_price * quantity)
);
CREATE INDEX order_items_order ON order_items (order_id);

CREATE TABLE order_status_history (
    id          bigserial PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid,
    actor_role  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, id);

CREATE TABLE coupon_usages (
    id          uuid PRIMARY KEY,
    coupon_id   uuid NOT NULL REFERENCES coupons (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    checkout_id uuid NOT NULL REFERENCES checkouts (id),
    discount    bigint NOT NULL,
    -- Usage is given back when every order of the checkout is cancelled unpaid.
    released_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coupon_usages_coupon ON coupon_usages (coupon_id, created_at DESC);

-- Cashback: a percent of what the customer paid, capped, credited at delivery.
CREATE TABLE cashback_rules (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    percent_bp  int NOT NULL CHECK (percent_bp BETWEEN 1 AND 10000),
    max_amount  bigint NOT NULL CHECK (max_amount > 0),
    min_order   bigint NOT NULL DEFAULT 0,
    starts_at   timestamptz,
    ends_at     timestamptz,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);

-- ---------------------------------------------------------------- invoices

-- Invoice numbers run without gaps per seller (company): the counter row is
-- locked and bumped in the transaction that issues the invoice.
CREATE TABLE invoice_counters (
    company_id uuid PRIMARY KEY REFERENCES companies (id),
    last_no    bigint NOT NULL DEFAULT 0
);

CREATE TABLE invoices (
    id          uuid PRIMARY KEY,
    order_id    uuid NOT NULL UNIQUE REFERENCES orders (id),
    company_id  uuid NOT NULL REFERENCES companies (id),
    seq_no      bigint NOT NULL,
    number      text NOT NULL,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    seller_name text NOT NULL,
    vat_number  text NOT NULL,
    subtotal    bigint NOT NULL,
    vat         bigint NOT NULL,
    total       bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, seq_no)
);
