-- Store promotions: a store lowers the price of some of its products (chosen
-- by product and/or by category) for a window of time, and pays for it
-- itself. The cart and checkout price each line at the best running
-- promotion of its store; the order item keeps what it cost before, which
-- promotion applied and by how much, so invoices, settlement views and
-- reports never recompute it.

CREATE TABLE store_promotions (
    id           uuid PRIMARY KEY,
    store_id     uuid NOT NULL REFERENCES stores (id),
    name_ar      text NOT NULL CHECK (char_length(name_ar) BETWEEN 1 AND 120),
    name_en      text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 120),
    kind         text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    -- Basis points off each unit (percent, at most 90 %), or halalas off each unit (fixed).
    value        bigint NOT NULL,
    -- Products of this store, and categories, the promotion applies to
    -- (either list may be empty, not both).
    product_ids  uuid[] NOT NULL DEFAULT '{}',
    category_ids uuid[] NOT NULL DEFAULT '{}',
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz,
    CONSTRAINT store_promotion_value CHECK (
        (kind = 'percent' AND value BETWEEN 1 AND 9000) OR (kind = 'fixed' AND value > 0)),
    CONSTRAINT store_promotion_window CHECK (
        ends_at > starts_at AND ends_at <= starts_at + interval '366 days'),
    CONSTRAINT store_promotion_scope CHECK (
        cardinality(product_ids) + cardinality(category_ids) > 0
        AND cardinality(product_ids) <= 200 AND cardinality(category_ids) <= 50)
);
-- Pricing a cart reads the running promotions of a few stores: live, active
-- rows of the store whose window has not ended.
CREATE INDEX store_promotions_running ON store_promotions (store_id, ends_at)
    WHERE deleted_at IS NULL AND active;
-- The partner's list, newest first.
CREATE INDEX store_promotions_store ON store_promotions (store_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- What a store promotion took off an item: `unit_price` is what the customer
-- was charged per unit; the price before the promotion is
-- unit_price + unit_discount. Rows from before promotions read 0 / NULL.
ALTER TABLE order_items
    ADD COLUMN promotion_id  uuid REFERENCES store_promotions (id),
    ADD COLUMN unit_discount bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT order_item_unit_discount CHECK (
        unit_discount >= 0 AND (unit_discount = 0 OR promotion_id IS NOT NULL));

-- The store-funded discount of the whole order (sum of its items'
-- unit_discount × quantity), beside the platform-funded `discount`.
ALTER TABLE orders
    ADD COLUMN store_discount bigint NOT NULL DEFAULT 0 CHECK (store_discount >= 0);
