-- Service bookings: a store's menu of services priced per body type, its
-- weekly schedule with bays and blocked periods, and bookings that hold a bay
-- over a time range. An exclusion constraint makes double booking of a bay
-- impossible whatever the concurrency; the bookings feature tries the bays in
-- turn inside one transaction.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE service_items (
    id               uuid PRIMARY KEY,
    store_id         uuid NOT NULL REFERENCES stores (id),
    service_id       uuid NOT NULL REFERENCES services (id),
    name_ar          text NOT NULL,
    name_en          text NOT NULL,
    description_ar   text NOT NULL DEFAULT '',
    description_en   text NOT NULL DEFAULT '',
    duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    active           boolean NOT NULL DEFAULT true,
    position         int NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
CREATE INDEX service_items_store ON service_items (store_id, position) WHERE deleted_at IS NULL;

-- Price before VAT, in halalas, per body type of the taxonomy.
CREATE TABLE service_item_prices (
    item_id      uuid NOT NULL REFERENCES service_items (id),
    body_type_id uuid NOT NULL REFERENCES body_types (id),
    price        bigint NOT NULL CHECK (price > 0 AND price <= 100000000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    PRIMARY KEY (item_id, body_type_id)
);

CREATE TABLE service_addons (
    id               uuid PRIMARY KEY,
    item_id          uuid NOT NULL REFERENCES service_items (id),
    name_ar          text NOT NULL,
    name_en          text NOT NULL,
    price            bigint NOT NULL CHECK (price >= 0 AND price <= 100000000),
    duration_minutes int NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 240),
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       uuid,
    updated_by       uuid,
    deleted_at       timestamptz
);
CREATE INDEX service_addons_item ON service_addons (item_id) WHERE deleted_at IS NULL;

CREATE TABLE booking_schedules (
    store_id              uuid PRIMARY KEY REFERENCES stores (id),
    slot_minutes          int NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    capacity              int NOT NULL CHECK (capacity BETWEEN 1 AND 50),
    lead_minutes          int NOT NULL CHECK (lead_minutes BETWEEN 0 AND 10080),
    horizon_days          int NOT NULL CHECK (horizon_days BETWEEN 1 AND 90),
    cancel_window_minutes int NOT NULL CHECK (cancel_window_minutes BETWEEN 0 AND 10080),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    created_by            uuid,
    updated_by            uuid,
    deleted_at            timestamptz
);

-- Opening intervals in the store's local time (Asia/Riyadh); weekday is ISO
-- (1 = Monday … 7 = Sunday); minutes from local midnight.
CREATE TABLE booking_hours (
    id           uuid PRIMARY KEY,
    store_id     uuid NOT NULL REFERENCES stores (id),
    weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute int NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   int NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    CHECK (start_minute < end_minute)
);
CREATE INDEX booking_hours_store ON booking_hours (store_id, weekday, start_minute);

-- Blocked periods: once (a local start and end), weekly (a weekday's local
-- minutes) or yearly (a whole local day, e.g. the national day).
CREATE TABLE booking_blocks (
    id           uuid PRIMARY KEY,
    store_id     uuid NOT NULL REFERENCES stores (id),
    kind         text NOT NULL CHECK (kind IN ('once', 'weekly', 'yearly')),
    starts_at    timestamptz,
    ends_at      timestamptz,
    weekday      smallint CHECK (weekday BETWEEN 1 AND 7),
    start_minute int CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   int CHECK (end_minute BETWEEN 1 AND 1440),
    month        smallint CHECK (month BETWEEN 1 AND 12),
    day          smallint CHECK (day BETWEEN 1 AND 31),
    reason       text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz,
    CHECK (
        (kind = 'once' AND starts_at IS NOT NULL AND ends_at > starts_at)
        OR (kind = 'weekly' AND weekday IS NOT NULL AND start_minute < end_minute)
        OR (kind = 'yearly' AND month IS NOT NULL AND day IS NOT NULL)
    )
);
CREATE INDEX booking_blocks_store ON booking_blocks (store_id) WHERE deleted_at IS NULL;

CREATE SEQUENCE booking_numbers START 1000;

CREATE TABLE bookings (
    id              uuid PRIMARY KEY,
    number          text NOT NULL UNIQUE,
    store_id        uuid NOT NULL REFERENCES stores (id),
    customer_id     uuid NOT NULL REFERENCES users (id),
    body_type_id    uuid NOT NULL REFERENCES body_types (id),
    car_id          uuid,
    -- What was booked, as it was priced: [{itemId, nameAr, nameEn, price,
    -- minutes, addons: [{id, nameAr, nameEn, price, minutes}]}].
    lines           jsonb NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    bay             int NOT NULL CHECK (bay >= 1),
    status          text NOT NULL CHECK (status IN ('pending', 'confirmed', 'in_progress', 'completed',
                        'rejected', 'cancelled', 'no_show', 'expired')),
    payment_method  text NOT NULL CHECK (payment_method IN ('card', 'wallet', 'cash')),
    subtotal        bigint NOT NULL CHECK (subtotal > 0),
    vat             bigint NOT NULL,
    total           bigint NOT NULL,
    commission_bp   int NOT NULL,
    commission      bigint NOT NULL,
    commission_vat  bigint NOT NULL,
    notes           text NOT NULL DEFAULT '',
    reason          text NOT NULL DEFAULT '',
    paid_at         timestamptz,
    reminded_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz,
    CONSTRAINT booking_adds_up CHECK (total = subtotal + vat AND ends_at > starts_at),
    -- A bay holds one booking at a time; released bookings free it.
    CONSTRAINT booking_bay_free EXCLUDE USING gist (
        store_id WITH =, bay WITH =, tstzrange(starts_at, ends_at) WITH &&
    ) WHERE (status IN ('pending', 'confirmed', 'in_progress', 'completed', 'no_show') AND deleted_at IS NULL)
);
CREATE INDEX bookings_store_time ON bookings (store_id, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX bookings_customer ON bookings (customer_id, starts_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX bookings_unpaid ON bookings (created_at)
    WHERE status = 'pending' AND payment_method = 'card' AND paid_at IS NULL;

CREATE TABLE booking_history (
    id          bigserial PRIMARY KEY,
    booking_id  uuid NOT NULL REFERENCES bookings (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid,
    actor_role  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_history_booking ON booking_history (booking_id, id);

-- What customers are told about their bookings.
INSERT INTO notification_templates (event, channel, locale, title, body) VALUES
    ('booking.confirmed', 'push',   'ar', 'تم تأكيد حجزك {bookingNumber}', 'ينتظرك {storeName} يوم {date} الساعة {time}.'),
    ('booking.confirmed', 'push',   'en', 'Booking {bookingNumber} confirmed', '{storeName} expects you on {date} at {time}.'),
    ('booking.confirmed', 'in_app', 'ar', 'تم تأكيد حجزك {bookingNumber}', 'ينتظرك {storeName} يوم {date} الساعة {time}.'),
    ('booking.confirmed', 'in_app', 'en', 'Booking {bookingNumber} confirmed', '{storeName} expects you on {date} at {time}.'),
    ('booking.rejected', 'push',   'ar', 'أُلغي حجزك {bookingNumber}', 'لن يتمكن {storeName} من استقبالك يوم {date} الساعة {time}: {reason}. أعدنا إليك المبلغ كاملًا إن كنت دفعت.'),
    ('booking.rejected', 'push',   'en', 'Booking {bookingNumber} cancelled', '{storeName} cannot see you on {date} at {time}: {reason}. Anything you paid is refunded in full.'),
    ('booking.rejected', 'in_app', 'ar', 'أُلغي حجزك {bookingNumber}', 'لن يتمكن {storeName} من استقبالك يوم {date} الساعة {time}: {reason}. أعدنا إليك المبلغ كاملًا إن كنت دفعت.'),
    ('booking.rejected', 'in_app', 'en', 'Booking {bookingNumber} cancelled', '{storeName} cannot see you on {date} at {time}: {reason}. Anything you paid is refunded in full.'),
    ('booking.reminder', 'push',   'ar', 'موعدك قريب', 'حجزك {bookingNumber} لدى {storeName} يوم {date} الساعة {time}.'),
    ('booking.reminder', 'push',   'en', 'Your appointment is coming up', 'Booking {bookingNumber} at {storeName} on {date} at {time}.'),
    ('booking.reminder', 'in_app', 'ar', 'موعدك قريب', 'حجزك {bookingNumber} لدى {storeName} يوم {date} الساعة {time}.'),
    ('booking.reminder', 'in_app', 'en', 'Your appointment is coming up', 'Booking {bookingNumber} at {storeName} on {date} at {time}.'),
    ('booking.reminder', 'sms',    'ar', 'موعدك قريب', 'قطع: حجزك {bookingNumber} لدى {storeName} يوم {date} الساعة {time}.'),
    ('booking.reminder', 'sms',    'en', 'Your appointment is coming up', 'Qitaa: booking {bookingNumber} at {storeName} on {date} at {time}.');
