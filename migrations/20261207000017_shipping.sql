-- Shipping: products weigh something, each store order is quoted a delivery
-- fee by a carrier (OTO when configured, else the local courier's rate table),
-- and a shipment follows the order from "ready" to delivery, moved by the
-- carrier's tracking events (webhook or polling) or by the store's own steps
-- for the local courier.

ALTER TABLE products ADD COLUMN weight_grams int NOT NULL DEFAULT 1000
    CHECK (weight_grams BETWEEN 1 AND 1000000);
ALTER TABLE products ADD COLUMN length_cm int CHECK (length_cm BETWEEN 1 AND 500);
ALTER TABLE products ADD COLUMN width_cm int CHECK (width_cm BETWEEN 1 AND 500);
ALTER TABLE products ADD COLUMN height_cm int CHECK (height_cm BETWEEN 1 AND 500);

-- The local courier's fees: by destination city (none: every other city) and
-- weight band, the smallest band that holds the parcel wins.
CREATE TABLE courier_rates (
    id           uuid PRIMARY KEY,
    city         text CHECK (city IS NULL OR char_length(city) BETWEEN 1 AND 100),
    up_to_grams  int NOT NULL CHECK (up_to_grams BETWEEN 1 AND 1000000),
    fee          bigint NOT NULL CHECK (fee BETWEEN 0 AND 100000000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX courier_rates_band ON courier_rates (lower(coalesce(city, '')), up_to_grams)
    WHERE deleted_at IS NULL;
INSERT INTO courier_rates (id, city, up_to_grams, fee) VALUES
    (gen_random_uuid(), NULL, 5000, 3500),
    (gen_random_uuid(), NULL, 20000, 6000),
    (gen_random_uuid(), NULL, 100000, 12000),
    (gen_random_uuid(), 'Riyadh', 5000, 2500),
    (gen_random_uuid(), 'Riyadh', 20000, 4500),
    (gen_random_uuid(), 'Jeddah', 5000, 2500),
    (gen_random_uuid(), 'Jeddah', 20000, 4500),
    -- Addresses and stores name their city in Arabic as often as in English
    -- until cities come from the geography tables.
    (gen_random_uuid(), 'الرياض', 5000, 2500),
    (gen_random_uuid(), 'الرياض', 20000, 4500),
    (gen_random_uuid(), 'جدة', 5000, 2500),
    (gen_random_uuid(), 'جدة', 20000, 4500);

-- What the order was quoted, fixed at checkout.
ALTER TABLE orders ADD COLUMN carrier text NOT NULL DEFAULT 'local'
    CHECK (carrier IN ('local', 'oto'));
ALTER TABLE orders ADD COLUMN weight_grams int NOT NULL DEFAULT 0;
-- The carrier's own price (before the platform's shipping commission) and
-- the option chosen: {"id", "carrier", "name", "price"}.
ALTER TABLE orders ADD COLUMN carrier_fee bigint NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN shipping_commission bigint NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN delivery_option jsonb;

-- One pickup location per store at the carrier, made from its address.
CREATE TABLE pickup_locations (
    store_id    uuid PRIMARY KEY REFERENCES stores (id),
    carrier     text NOT NULL,
    code        text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);

CREATE TABLE shipments (
    id               uuid PRIMARY KEY,
    order_id         uuid NOT NULL UNIQUE REFERENCES orders (id),
    carrier          text NOT NULL CHECK (carrier IN ('local', 'oto')),
    status           text NOT NULL CHECK (status IN ('pending', 'created', 'picked_up', 'in_transit',
                         'out_for_delivery', 'delivered', 'returned', 'cancelled', 'in_progress')),
    raw_status       text NOT NULL DEFAULT '',
    provider_id      text,
    tracking_number  text,
    tracking_url     text,
    awb_url          text,
    attempts         int NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
CREATE INDEX shipments_status ON shipments (status, created_at DESC) WHERE deleted_at IS NULL;

-- The tracking timeline. A carrier's event is kept once (its raw status and
-- time), so a repeated webhook has no second effect.
CREATE TABLE shipment_events (
    id           uuid PRIMARY KEY,
    shipment_id  uuid NOT NULL REFERENCES shipments (id),
    status       text NOT NULL,
    raw_status   text NOT NULL,
    note         text NOT NULL DEFAULT '',
    source       text NOT NULL CHECK (source IN ('webhook', 'poll', 'store', 'admin', 'system')),
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (shipment_id, raw_status, occurred_at)
);

-- Every webhook call received, with its verification and what it did.
CREATE TABLE shipping_webhooks (
    id           uuid PRIMARY KEY,
    carrier      text NOT NULL,
    order_ref    text,
    raw_status   text,
    verdict      text NOT NULL CHECK (verdict IN ('applied', 'duplicate', 'unauthorized',
                     'bad_signature', 'malformed', 'unknown_order')),
    effect       text NOT NULL DEFAULT '',
    body         text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipping_webhooks_received ON shipping_webhooks (received_at DESC);
