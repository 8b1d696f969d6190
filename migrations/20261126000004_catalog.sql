-- The supply side: companies, stores (branches), employees, store types and
-- services, products with variants, images and fitment; customer favorites
-- and addresses.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TABLE companies (
    id               uuid PRIMARY KEY,
    owner_id         uuid NOT NULL REFERENCES users (id),
    legal_name_ar    text NOT NULL,
    legal_name_en    text NOT NULL,
    cr_number        text NOT NULL CHECK (cr_number ~ '^[0-9]{10}$'),
    vat_number       text NOT NULL CHECK (vat_number ~ '^3[0-9]{13}3$'),
    city             text NOT NULL,
    address          text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    rejection_reason text,
    reviewed_by      uuid REFERENCES users (id),
    reviewed_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
-- One company per supplier; one live company per registration number.
CREATE UNIQUE INDEX companies_owner ON companies (owner_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX companies_cr ON companies (cr_number) WHERE deleted_at IS NULL;
CREATE INDEX companies_status ON companies (status, created_at) WHERE deleted_at IS NULL;

CREATE TABLE company_documents (
    id         uuid PRIMARY KEY,
    company_id uuid NOT NULL REFERENCES companies (id),
    media_id   uuid NOT NULL REFERENCES media_files (id),
    kind       text NOT NULL CHECK (kind IN ('commercial_registration', 'vat_certificate', 'other')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE INDEX company_documents_company ON company_documents (company_id) WHERE deleted_at IS NULL;

CREATE TABLE services (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL,
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX services_slug ON services (slug) WHERE deleted_at IS NULL;

CREATE TABLE store_types (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL,
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX store_types_slug ON store_types (slug) WHERE deleted_at IS NULL;

-- The services stores of a type may offer.
CREATE TABLE store_type_services (
    store_type_id uuid NOT NULL REFERENCES store_types (id),
    service_id    uuid NOT NULL REFERENCES services (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid,
    PRIMARY KEY (store_type_id, service_id)
);

CREATE TABLE stores (
    id              uuid PRIMARY KEY,
    company_id      uuid NOT NULL REFERENCES companies (id),
    store_type_id   uuid NOT NULL REFERENCES store_types (id),
    name_ar         text NOT NULL,
    name_en         text NOT NULL,
    phone           text,
    city            text NOT NULL,
    address         text NOT NULL,
    lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng             double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    -- {"sat": [["09:00","22:00"]], ...}: days to lists of opening intervals.
    working_hours   jsonb NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended')),
    status_reason   text,
    -- Basis points (1000 = 10 %), set by admins, copied onto each sale.
    commission_bp   int NOT NULL DEFAULT 1000 CHECK (commission_bp BETWEEN 0 AND 10000),
    rating_sum      bigint NOT NULL DEFAULT 0,
    rating_count    int NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
CREATE INDEX stores_company ON stores (company_id) WHERE deleted_at IS NULL;
-- Nearest-first search: a GiST index on the earth point of active stores.
CREATE INDEX stores_earth ON stores USING gist (ll_to_earth(lat, lng))
    WHERE status = 'active' AND deleted_at IS NULL;

CREATE TABLE store_employees (
    id          uuid PRIMARY KEY,
    store_id    uuid NOT NULL REFERENCES stores (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    permissions text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX store_employees_member ON store_employees (store_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX store_employees_user ON store_employees (user_id) WHERE deleted_at IS NULL;

CREATE TABLE products (
    id               uuid PRIMARY KEY,
    store_id         uuid NOT NULL REFERENCES stores (id),
    category_id      uuid REFERENCES categories (id),
    name_ar          text NOT NULL,
    name_en          text NOT NULL,
    description_ar   text NOT NULL DEFAULT '',
    description_en   text NOT NULL DEFAULT '',
    condition        text NOT NULL CHECK (condition IN ('new', 'used', 'refurbished', 'like_new')),
    brand            text,
    oem_numbers      text[] NOT NULL DEFAULT '{}',
    -- OEM numbers without separators, upper case: matched with or without dashes.
    oem_compact      text[] NOT NULL DEFAULT '{}',
    price            bigint NOT NULL CHECK (price >= 0),
    stock            int NOT NULL DEFAULT 0 CHECK (stock >= 0),
    sku              text,
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_approval', 'active', 'rejected')),
    rejection_reason text,
    submitted_at     timestamptz,
    reviewed_by      uuid REFERENCES users (id),
    reviewed_at      timestamptz,
    -- Normalised text of names, descriptions, brand, OEM numbers, category
    -- and fitment names, written by the application with every content change.
    search_text      text NOT NULL DEFAULT '',
    search_vector    tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED,
    rating_sum       bigint NOT NULL DEFAULT 0,
    rating_count     int NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
CREATE INDEX products_store ON products (store_id, status, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX products_review_queue ON products (submitted_at) WHERE status = 'pending_approval' AND deleted_at IS NULL;
CREATE INDEX products_live_search ON products USING gin (search_vector) WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX products_live_trgm ON products USING gin (search_text gin_trgm_ops) WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX products_live_oem ON products USING gin (oem_compact) WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX products_live_category ON products (category_id, price) WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX products_live_price ON products (price) WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX products_live_created ON products (created_at DESC) WHERE status = 'active' AND deleted_at IS NULL;

CREATE TABLE product_variants (
    id         uuid PRIMARY KEY,
    product_id uuid NOT NULL REFERENCES products (id),
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    sku        text,
    price      bigint NOT NULL CHECK (price >= 0),
    stock      int NOT NULL DEFAULT 0 CHECK (stock >= 0),
    sort_order int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE INDEX product_variants_product ON product_variants (product_id) WHERE deleted_at IS NULL;

CREATE TABLE product_images (
    id         uuid PRIMARY KEY,
    product_id uuid NOT NULL REFERENCES products (id),
    media_id   uuid NOT NULL REFERENCES media_files (id),
    sort_order int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE INDEX product_images_product ON product_images (product_id, sort_order) WHERE deleted_at IS NULL;

-- What a product fits: a make, optionally a model, optionally a year range.
CREATE TABLE product_fitments (
    id         uuid PRIMARY KEY,
    product_id uuid NOT NULL REFERENCES products (id),
    make_id    uuid NOT NULL REFERENCES car_makes (id),
    model_id   uuid REFERENCES car_models (id),
    year_from  int,
    year_to    int CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid
);
CREATE INDEX product_fitments_product ON product_fitments (product_id);
CREATE INDEX product_fitments_vehicle ON product_fitments (make_id, model_id, product_id);

CREATE TABLE favorites (
    user_id     uuid NOT NULL REFERENCES users (id),
    target_type text NOT NULL CHECK (target_type IN ('product', 'store')),
    target_id   uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, target_type, target_id)
);

CREATE TABLE addresses (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id),
    label          text NOT NULL,
    recipient_name text NOT NULL,
    phone          text NOT NULL,
    city           text NOT NULL,
    district       text,
    street         text,
    details        text,
    lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng            double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    is_default     boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    deleted_at     timestamptz
);
CREATE INDEX addresses_user ON addresses (user_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default AND deleted_at IS NULL;
