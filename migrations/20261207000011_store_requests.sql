-- My garage and store requests (RFQ): a customer's saved cars, the stores'
-- declared coverage, requests for a part answered by matched stores with
-- offers, and orders whose source is an accepted offer.

-- Which store types sell parts, and so may be asked for one.
ALTER TABLE store_types ADD COLUMN sells_parts boolean NOT NULL DEFAULT false;
UPDATE store_types SET sells_parts = true WHERE slug IN ('parts-shop', 'tyre-shop');

-- A customer's saved cars. The VIN is optional; when given it was checked
-- (length, characters, the North-American check digit) and its maker and
-- model year were read from it.
CREATE TABLE customer_cars (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    make_id     uuid NOT NULL REFERENCES car_makes (id),
    model_id    uuid NOT NULL REFERENCES car_models (id),
    year        int NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    vin         text CHECK (vin IS NULL OR vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
    nickname    text,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
CREATE INDEX customer_cars_user ON customer_cars (user_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX customer_cars_one_default ON customer_cars (user_id)
    WHERE is_default AND deleted_at IS NULL;

-- What a store serves when asked for a part: makes and categories (a
-- category covers its subcategories). A store that declares nothing is
-- never asked.
CREATE TABLE store_coverage (
    id          uuid PRIMARY KEY,
    store_id    uuid NOT NULL REFERENCES stores (id),
    make_id     uuid REFERENCES car_makes (id),
    category_id uuid REFERENCES categories (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz,
    CONSTRAINT coverage_one_kind CHECK ((make_id IS NULL) <> (category_id IS NULL))
);
CREATE UNIQUE INDEX store_coverage_make ON store_coverage (store_id, make_id)
    WHERE make_id IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX store_coverage_category ON store_coverage (store_id, category_id)
    WHERE category_id IS NOT NULL AND deleted_at IS NULL;
-- Matching reads coverage from the request's side.
CREATE INDEX store_coverage_by_make ON store_coverage (make_id) WHERE deleted_at IS NULL;
CREATE INDEX store_coverage_by_category ON store_coverage (category_id) WHERE deleted_at IS NULL;

CREATE SEQUENCE part_request_numbers START 1000;

-- A customer's request for a part. The street, phone and exact point stay
-- with the customer until an offer is accepted; stores see the district,
-- the city and their distance.
CREATE TABLE part_requests (
    id               uuid PRIMARY KEY,
    number           text NOT NULL UNIQUE,
    customer_id      uuid NOT NULL REFERENCES users (id),
    car_id           uuid REFERENCES customer_cars (id),
    make_id          uuid NOT NULL REFERENCES car_makes (id),
    model_id         uuid NOT NULL REFERENCES car_models (id),
    year             int NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    vin              text,
    category_id      uuid NOT NULL REFERENCES categories (id),
    description      text NOT NULL,
    quantity         int NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    condition        text NOT NULL CHECK (condition IN ('new', 'used', 'any')),
    notes            text,
    address_id       uuid REFERENCES addresses (id),
    -- Where to deliver once accepted: the saved address or the pin, copied.
    address          jsonb NOT NULL,
    city             text NOT NULL,
    district         text,
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng              double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    radius_km        int NOT NULL CHECK (radius_km BETWEEN 1 AND 1000),
    status           text NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'accepted', 'cancelled', 'expired', 'closed')),
    expires_at       timestamptz NOT NULL,
    accepted_offer_id uuid,
    order_id         uuid,
    closed_reason    text,
    closed_at        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
CREATE INDEX part_requests_customer ON part_requests (customer_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX part_requests_status ON part_requests (status, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE part_request_photos (
    request_id  uuid NOT NULL REFERENCES part_requests (id),
    media_id    uuid NOT NULL REFERENCES media_files (id),
    position    int NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, media_id)
);
CREATE INDEX part_request_photos_media ON part_request_photos (media_id);

-- The stores a request was sent to, fixed when it was created: the store's
-- inbox and the only stores that may see or answer it. `outcome` is the
-- store's side of the story (new → offered → won / lost / expired).
CREATE TABLE part_request_matches (
    request_id  uuid NOT NULL REFERENCES part_requests (id),
    store_id    uuid NOT NULL REFERENCES stores (id),
    distance_m  double precision NOT NULL,
    outcome     text NOT NULL DEFAULT 'new'
                    CHECK (outcome IN ('new', 'offered', 'won', 'lost', 'expired', 'closed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, store_id)
);
-- The inbox: a store's requests, newest first, by outcome.
CREATE INDEX part_request_matches_store ON part_request_matches (store_id, outcome, created_at DESC);

-- A store's offer on a request. One live offer per store and request;
-- revisions keep their history in request_offer_revisions.
CREATE TABLE request_offers (
    id              uuid PRIMARY KEY,
    request_id      uuid NOT NULL REFERENCES part_requests (id),
    store_id        uuid NOT NULL REFERENCES stores (id),
    status          text NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'withdrawn', 'accepted', 'lost', 'expired')),
    -- Halalas before VAT, for one unit.
    unit_price      bigint NOT NULL CHECK (unit_price > 0),
    quantity        int NOT NULL CHECK (quantity > 0),
    condition       text NOT NULL CHECK (condition IN ('new', 'used')),
    origin          text NOT NULL CHECK (origin IN ('oem', 'aftermarket', 'used')),
    brand           text,
    warranty_days   int NOT NULL DEFAULT 0 CHECK (warranty_days BETWEEN 0 AND 3650),
    in_stock        boolean NOT NULL,
    days_to_obtain  int NOT NULL DEFAULT 0 CHECK (days_to_obtain BETWEEN 0 AND 90),
    fulfilment      text NOT NULL CHECK (fulfilment IN ('delivery', 'pickup')),
    delivery_fee    bigint NOT NULL DEFAULT 0 CHECK (delivery_fee >= 0),
    notes           text,
    expires_at      timestamptz NOT NULL,
    -- Fixed when the offer is made: the commission its sale will carry.
    commission_bp   int NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
    revision        int NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
CREATE UNIQUE INDEX request_offers_one_live ON request_offers (request_id, store_id)
    WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX request_offers_request ON request_offers (request_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX request_offers_store ON request_offers (store_id, created_at DESC) WHERE deleted_at IS NULL;

-- Every version of an offer as it was before a revision replaced it.
CREATE TABLE request_offer_revisions (
    id          bigserial PRIMARY KEY,
    offer_id    uuid NOT NULL REFERENCES request_offers (id),
    revision    int NOT NULL,
    snapshot    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid
);
CREATE INDEX request_offer_revisions_offer ON request_offer_revisions (offer_id, revision);

CREATE TABLE request_offer_photos (
    offer_id    uuid NOT NULL REFERENCES request_offers (id),
    media_id    uuid NOT NULL REFERENCES media_files (id),
    position    int NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (offer_id, media_id)
);
CREATE INDEX request_offer_photos_media ON request_offer_photos (media_id);

-- Every status change of a request: who, when, why.
CREATE TABLE part_request_history (
    id          bigserial PRIMARY KEY,
    request_id  uuid NOT NULL REFERENCES part_requests (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid,
    actor_role  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX part_request_history_request ON part_request_history (request_id, id);

-- An accepted offer becomes an order of its store through the direct-order
-- pipeline; its one item names no product.
ALTER TABLE orders
    ADD COLUMN source text NOT NULL DEFAULT 'cart' CHECK (source IN ('cart', 'request')),
    ADD COLUMN request_id uuid REFERENCES part_requests (id),
    ADD COLUMN offer_id uuid REFERENCES request_offers (id),
    ADD CONSTRAINT order_source_named CHECK ((source = 'request') = (offer_id IS NOT NULL));
-- One order per offer, whatever races.
CREATE UNIQUE INDEX orders_one_per_offer ON orders (offer_id) WHERE offer_id IS NOT NULL;
ALTER TABLE order_items ALTER COLUMN product_id DROP NOT NULL;

-- One negotiation thread per request and store.
CREATE UNIQUE INDEX chat_one_negotiation ON chat_threads (subject_id, store_id)
    WHERE kind = 'negotiation' AND deleted_at IS NULL;

-- What stores and customers are told about requests.
INSERT INTO notification_templates (event, channel, locale, title, body) VALUES
    ('request.new', 'push',   'ar', 'طلب قطعة جديد {requestNumber}', 'عميل يبحث عن {part} لسيارة {car} على بعد {distance} كم من {storeName}.'),
    ('request.new', 'push',   'en', 'New part request {requestNumber}', 'A customer {distance} km from {storeName} is looking for {part} for a {car}.'),
    ('request.new', 'in_app', 'ar', 'طلب قطعة جديد {requestNumber}', 'عميل يبحث عن {part} لسيارة {car} على بعد {distance} كم من {storeName}.'),
    ('request.new', 'in_app', 'en', 'New part request {requestNumber}', 'A customer {distance} km from {storeName} is looking for {part} for a {car}.'),
    ('request.new', 'email',  'ar', 'طلب قطعة جديد {requestNumber}',
        E'مرحبًا {name}،\n\nعميل يبحث عن {part} لسيارة {car} على بعد {distance} كم من {storeName}. افتح صندوق الطلبات في لوحة الشركاء لتقديم عرضك.'),
    ('request.new', 'email',  'en', 'New part request {requestNumber}',
        E'Hello {name},\n\nA customer {distance} km from {storeName} is looking for {part} for a {car}. Open the requests inbox in the partner dashboard to send your offer.'),
    ('request.offer', 'push',   'ar', 'عرض جديد على طلبك {requestNumber}', 'أرسل {storeName} عرضًا بسعر {amount} ر.س.'),
    ('request.offer', 'push',   'en', 'New offer on {requestNumber}', '{storeName} offers it for SAR {amount}.'),
    ('request.offer', 'in_app', 'ar', 'عرض جديد على طلبك {requestNumber}', 'أرسل {storeName} عرضًا بسعر {amount} ر.س.'),
    ('request.offer', 'in_app', 'en', 'New offer on {requestNumber}', '{storeName} offers it for SAR {amount}.'),
    ('request.won', 'push',   'ar', 'قُبل عرضك على {requestNumber}', 'اختار العميل عرض {storeName}. الطلب {orderNumber} بانتظارك.'),
    ('request.won', 'push',   'en', 'Your offer on {requestNumber} was accepted', 'The customer chose {storeName}. Order {orderNumber} is waiting for you.'),
    ('request.won', 'in_app', 'ar', 'قُبل عرضك على {requestNumber}', 'اختار العميل عرض {storeName}. الطلب {orderNumber} بانتظارك.'),
    ('request.won', 'in_app', 'en', 'Your offer on {requestNumber} was accepted', 'The customer chose {storeName}. Order {orderNumber} is waiting for you.'),
    ('request.lost', 'push',   'ar', 'أُغلق الطلب {requestNumber}', 'اختار العميل عرضًا آخر غير عرض {storeName}.'),
    ('request.lost', 'push',   'en', 'Request {requestNumber} closed', 'The customer chose another offer than {storeName}''s.'),
    ('request.lost', 'in_app', 'ar', 'أُغلق الطلب {requestNumber}', 'اختار العميل عرضًا آخر غير عرض {storeName}.'),
    ('request.lost', 'in_app', 'en', 'Request {requestNumber} closed', 'The customer chose another offer than {storeName}''s.'),
    ('request.expired', 'push',   'ar', 'انتهت مدة طلبك {requestNumber}', 'انتهت مدة طلبك دون قبول عرض. يمكنك إنشاء طلب جديد.'),
    ('request.expired', 'push',   'en', 'Your request {requestNumber} expired', 'It ended without an accepted offer. You can create a new one.'),
    ('request.expired', 'in_app', 'ar', 'انتهت مدة طلبك {requestNumber}', 'انتهت مدة طلبك دون قبول عرض. يمكنك إنشاء طلب جديد.'),
    ('request.expired', 'in_app', 'en', 'Your request {requestNumber} expired', 'It ended without an accepted offer. You can create a new one.');
