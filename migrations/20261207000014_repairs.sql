-- Tashlih: on-demand repair by a travelling representative. Reps go online
-- with their position; a customer's repair request reaches the online reps
-- within reach; each may offer a price and an ETA; the customer accepts one
-- and a job starts, whose rep streams positions to that customer only.

CREATE TABLE rep_presence (
    user_id     uuid PRIMARY KEY REFERENCES users (id),
    online      boolean NOT NULL DEFAULT false,
    lat         double precision CHECK (lat BETWEEN -90 AND 90),
    lng         double precision CHECK (lng BETWEEN -180 AND 180),
    seen_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rep_presence_online ON rep_presence USING gist (ll_to_earth(lat, lng)) WHERE online;

CREATE SEQUENCE repair_numbers START 1000;

CREATE TABLE repair_requests (
    id           uuid PRIMARY KEY,
    number       text NOT NULL UNIQUE,
    customer_id  uuid NOT NULL REFERENCES users (id),
    problem      text NOT NULL CHECK (problem IN ('battery', 'tyre', 'towing', 'mechanic', 'electrical', 'fuel', 'lockout', 'other')),
    description  text NOT NULL DEFAULT '',
    car_id       uuid,
    car_label    text NOT NULL DEFAULT '',
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    address      text NOT NULL DEFAULT '',
    wanted_at    timestamptz,
    radius_km    int NOT NULL CHECK (radius_km BETWEEN 1 AND 200),
    status       text NOT NULL CHECK (status IN ('open', 'accepted', 'cancelled', 'expired')),
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz
);
CREATE INDEX repair_requests_customer ON repair_requests (customer_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX repair_requests_open ON repair_requests USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND deleted_at IS NULL;

-- The reps a request reached: their key to it.
CREATE TABLE repair_request_reps (
    request_id  uuid NOT NULL REFERENCES repair_requests (id),
    rep_id      uuid NOT NULL REFERENCES users (id),
    distance_m  double precision NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, rep_id)
);
CREATE INDEX repair_request_reps_rep ON repair_request_reps (rep_id, created_at DESC);

CREATE TABLE repair_offers (
    id           uuid PRIMARY KEY,
    request_id   uuid NOT NULL REFERENCES repair_requests (id),
    rep_id       uuid NOT NULL REFERENCES users (id),
    price        bigint NOT NULL CHECK (price > 0 AND price <= 100000000),
    eta_minutes  int NOT NULL CHECK (eta_minutes BETWEEN 1 AND 600),
    note         text NOT NULL DEFAULT '',
    status       text NOT NULL CHECK (status IN ('active', 'accepted', 'lost', 'withdrawn')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX repair_offers_one_live ON repair_offers (request_id, rep_id) WHERE status = 'active';
CREATE INDEX repair_offers_rep ON repair_offers (rep_id, created_at DESC);

CREATE SEQUENCE repair_job_numbers START 1000;

-- A rep order: the accepted offer, run by the rep, paid after completion
-- through the `rep_order` payment target, settled into the rep's payable.
CREATE TABLE repair_jobs (
    id                uuid PRIMARY KEY,
    number            text NOT NULL UNIQUE,
    request_id        uuid NOT NULL UNIQUE REFERENCES repair_requests (id),
    offer_id          uuid NOT NULL REFERENCES repair_offers (id),
    customer_id       uuid NOT NULL REFERENCES users (id),
    rep_id            uuid NOT NULL REFERENCES users (id),
    thread_id         uuid,
    status            text NOT NULL CHECK (status IN ('accepted', 'on_the_way', 'arrived', 'working',
                          'completed', 'paid', 'cancelled', 'disputed')),
    subtotal          bigint NOT NULL CHECK (subtotal > 0),
    vat               bigint NOT NULL,
    total             bigint NOT NULL,
    commission_bp     int NOT NULL,
    commission        bigint NOT NULL,
    commission_vat    bigint NOT NULL,
    payment_method    text CHECK (payment_method IN ('card', 'wallet', 'cash')),
    paid_at           timestamptz,
    lat               double precision NOT NULL,
    lng               double precision NOT NULL,
    eta_minutes       int NOT NULL,
    positions_dropped int NOT NULL DEFAULT 0,
    reason            text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    deleted_at        timestamptz,
    CONSTRAINT repair_job_adds_up CHECK (total = subtotal + vat)
);
CREATE INDEX repair_jobs_rep ON repair_jobs (rep_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX repair_jobs_customer ON repair_jobs (customer_id, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE repair_job_history (
    id          bigserial PRIMARY KEY,
    job_id      uuid NOT NULL REFERENCES repair_jobs (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid,
    actor_role  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX repair_job_history_job ON repair_job_history (job_id, id);

-- The rep's track during a job, pruned after the configured retention.
CREATE TABLE rep_positions (
    id           bigserial PRIMARY KEY,
    job_id       uuid NOT NULL REFERENCES repair_jobs (id),
    rep_id       uuid NOT NULL REFERENCES users (id),
    lat          double precision NOT NULL,
    lng          double precision NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rep_positions_job ON rep_positions (job_id, id);
CREATE INDEX rep_positions_time ON rep_positions (recorded_at);

-- What reps are told of a request near them.
INSERT INTO notification_templates (event, channel, locale, title, body) VALUES
    ('repair.new', 'push',   'ar', 'طلب إصلاح قريب منك {requestNumber}', 'عميل قريب يحتاج مساعدة ({problem}). أرسل عرضك الآن.'),
    ('repair.new', 'push',   'en', 'Repair request near you {requestNumber}', 'A customer nearby needs help ({problem}). Send your offer now.'),
    ('repair.new', 'in_app', 'ar', 'طلب إصلاح قريب منك {requestNumber}', 'عميل قريب يحتاج مساعدة ({problem}). أرسل عرضك الآن.'),
    ('repair.new', 'in_app', 'en', 'Repair request near you {requestNumber}', 'A customer nearby needs help ({problem}). Send your offer now.');
