-- External parts: third-party merchants (importers, wholesalers) with no
-- store on the platform, their catalogs imported from CSV, and the orders of
-- their parts, which run their own pipeline and settle into the merchant's
-- payable account (ledger kind `merchant_payable`).

CREATE TABLE merchants (
    id              uuid PRIMARY KEY,
    name_ar         text NOT NULL,
    name_en         text NOT NULL,
    cr_number       text NOT NULL CHECK (cr_number ~ '^[0-9]{10}$'),
    vat_number      text NOT NULL CHECK (vat_number ~ '^3[0-9]{13}3$'),
    email           text NOT NULL,
    -- The language the merchant is written to in.
    locale          text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
    -- Basis points of each sale the platform keeps.
    commission_bp   int NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
    -- Days from the platform's order to the merchant until it ships.
    lead_time_days  int NOT NULL CHECK (lead_time_days BETWEEN 0 AND 90),
    -- Cities delivered to (as customers' addresses name them); empty: everywhere.
    cities          text[] NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
CREATE UNIQUE INDEX merchants_cr ON merchants (cr_number) WHERE deleted_at IS NULL;

-- A merchant's part, upserted by its SKU from the merchant's CSV. A part the
-- latest file no longer lists becomes unavailable; none is deleted.
CREATE TABLE external_parts (
    id              uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    sku             text NOT NULL,
    name_ar         text NOT NULL,
    name_en         text NOT NULL,
    oem_numbers     text[] NOT NULL DEFAULT '{}',
    -- Halalas before VAT.
    price           bigint NOT NULL CHECK (price > 0),
    stock           int NOT NULL CHECK (stock >= 0),
    category_id     uuid REFERENCES categories (id),
    make_id         uuid REFERENCES car_makes (id),
    model_id        uuid REFERENCES car_models (id),
    year_from       int,
    year_to         int,
    available       boolean NOT NULL DEFAULT true,
    -- Normalised names and OEM numbers (kernel::text), as products' search
    -- text; '' until indexed after an import changed the row.
    search_text     text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz,
    CONSTRAINT external_years_ordered CHECK (year_from IS NULL OR year_to IS NULL OR year_from <= year_to)
);
CREATE UNIQUE INDEX external_parts_sku ON external_parts (merchant_id, sku) WHERE deleted_at IS NULL;
-- Search: words (trigram, for Arabic and typos) over available parts.
CREATE INDEX external_parts_trgm ON external_parts USING gin (search_text gin_trgm_ops)
    WHERE available AND deleted_at IS NULL;
CREATE INDEX external_parts_reindex ON external_parts (merchant_id) WHERE search_text = '';

-- Each CSV import and its report.
CREATE TABLE external_imports (
    id              uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    file_name       text NOT NULL DEFAULT '',
    status          text NOT NULL CHECK (status IN ('done', 'failed')),
    bytes           bigint NOT NULL DEFAULT 0,
    rows_total      int NOT NULL DEFAULT 0,
    rows_failed     int NOT NULL DEFAULT 0,
    created_count   int NOT NULL DEFAULT 0,
    updated_count   int NOT NULL DEFAULT 0,
    unchanged_count int NOT NULL DEFAULT 0,
    deactivated_count int NOT NULL DEFAULT 0,
    -- Why a failed (malformed) file was refused, as the database read it.
    failure         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
CREATE INDEX external_imports_merchant ON external_imports (merchant_id, created_at DESC);

-- The first rows' errors of an import (the count of all is on the import).
CREATE TABLE external_import_errors (
    import_id   uuid NOT NULL REFERENCES external_imports (id),
    row_number  int NOT NULL,
    field       text NOT NULL,
    code        text NOT NULL,
    PRIMARY KEY (import_id, row_number, field)
);

CREATE SEQUENCE external_order_numbers START 1000;

-- An order of one external part: placed → confirmed (by the platform) →
-- ordered (from the merchant) → shipped → delivered, or cancelled / refunded.
CREATE TABLE external_orders (
    id                 uuid PRIMARY KEY,
    number             text NOT NULL UNIQUE,
    customer_id        uuid NOT NULL REFERENCES users (id),
    merchant_id        uuid NOT NULL REFERENCES merchants (id),
    part_id            uuid NOT NULL REFERENCES external_parts (id),
    sku                text NOT NULL,
    name_ar            text NOT NULL,
    name_en            text NOT NULL,
    unit_price         bigint NOT NULL CHECK (unit_price > 0),
    quantity           int NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    subtotal           bigint NOT NULL,
    delivery_fee       bigint NOT NULL CHECK (delivery_fee >= 0),
    vat                bigint NOT NULL,
    total              bigint NOT NULL,
    commission_bp      int NOT NULL,
    commission         bigint NOT NULL,
    commission_vat     bigint NOT NULL,
    status             text NOT NULL CHECK (status IN ('placed', 'confirmed', 'ordered', 'shipped',
                           'delivered', 'cancelled', 'refunded')),
    payment_method     text NOT NULL CHECK (payment_method IN ('card', 'wallet', 'cash')),
    address            jsonb NOT NULL,
    paid_at            timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    deleted_at         timestamptz,
    CONSTRAINT external_order_adds_up CHECK (total = subtotal + delivery_fee + vat AND subtotal = unit_price * quantity)
);
CREATE INDEX external_orders_customer ON external_orders (customer_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX external_orders_status ON external_orders (status, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE external_order_history (
    id          bigserial PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES external_orders (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid,
    actor_role  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX external_order_history_order ON external_order_history (order_id, id);
