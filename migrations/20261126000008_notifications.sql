-- Durable jobs and notifications.
--
-- `jobs` is the queue every node works: a job is inserted in the transaction
-- of the change that causes it, claimed with FOR UPDATE SKIP LOCKED under a
-- visibility timeout (a node killed mid-job leaves a lock that expires and
-- another node takes the job over), retried with exponential backoff and
-- jitter, and kept as a dead letter after its last attempt.
--
-- Notifications: device tokens, templates per event × channel × locale,
-- per-user opt-ins per category × channel, the in-app inbox, one delivery row
-- per recipient and channel, and admin broadcasts to a segment.

CREATE TABLE jobs (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL,
    payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
    -- Claims so far (a claim counts even when its node dies before the outcome).
    attempts     int NOT NULL DEFAULT 0,
    -- NULL: the workers' configured limit (`JOBS_MAX_ATTEMPTS`, default 5).
    max_attempts int CHECK (max_attempts IS NULL OR max_attempts >= 1),
    -- Not before: the next try of a queued job.
    run_at       timestamptz NOT NULL DEFAULT now(),
    -- A running job's lease; past it, any node may take the job over.
    locked_until timestamptz,
    locked_by    text,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
-- The claim: due queued jobs, and running jobs whose lease expired.
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';
-- The admin list (dead letters first of all).
CREATE INDEX jobs_by_state ON jobs (state, created_at DESC, id DESC);
-- Cleaning up finished jobs.
CREATE INDEX jobs_done ON jobs (finished_at) WHERE state = 'done';

-- Push targets: an FCM registration token (android, ios) or a browser's
-- PushSubscription JSON (web). One row per token: a token signed in by
-- another user moves to that user.
CREATE TABLE devices (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    platform   text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
    token      text NOT NULL CHECK (char_length(token) BETWEEN 1 AND 2048),
    app        text NOT NULL CHECK (app IN ('customer', 'store', 'rider', 'partner', 'admin')),
    locale     text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX devices_token ON devices (token);
CREATE INDEX devices_user ON devices (user_id);

-- What a notification says, per event, channel and language. `title` is the
-- push and in-app title and the email subject (unused for SMS); `body` the
-- text; `html` an optional HTML part for email (else made from `body`).
-- Placeholders are `{name}`. A disabled or missing template means the event
-- does not use the channel.
CREATE TABLE notification_templates (
    event      text NOT NULL,
    channel    text NOT NULL CHECK (channel IN ('push', 'sms', 'email', 'in_app')),
    locale     text NOT NULL CHECK (locale IN ('ar', 'en')),
    title      text NOT NULL DEFAULT '',
    body       text NOT NULL,
    html       text,
    enabled    boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    PRIMARY KEY (event, channel, locale)
);

INSERT INTO notification_templates (event, channel, locale, title, body) VALUES
    ('order.status', 'push',   'ar', 'طلبك {orderNumber}', 'أصبحت حالة طلبك {orderNumber}: {status}'),
    ('order.status', 'push',   'en', 'Your order {orderNumber}', 'Your order {orderNumber} is now: {status}'),
    ('order.status', 'in_app', 'ar', 'طلبك {orderNumber}', 'أصبحت حالة طلبك {orderNumber}: {status}'),
    ('order.status', 'in_app', 'en', 'Your order {orderNumber}', 'Your order {orderNumber} is now: {status}'),
    ('order.status', 'sms',    'ar', '', 'قطع: أصبحت حالة طلبك {orderNumber}: {status}'),
    ('order.status', 'sms',    'en', '', 'Qitaa: your order {orderNumber} is now: {status}'),
    ('order.status', 'email',  'ar', 'تحديث طلبك {orderNumber}',
        E'مرحبًا {name}،\n\nأصبحت حالة طلبك {orderNumber}: {status}.\n\nشكرًا لتسوقك مع قطع.'),
    ('order.status', 'email',  'en', 'Update on your order {orderNumber}',
        E'Hello {name},\n\nYour order {orderNumber} is now: {status}.\n\nThank you for shopping with Qitaa.'),
    ('order.new', 'push',   'ar', 'طلب جديد {orderNumber}', 'وصل طلب جديد {orderNumber} إلى متجر {storeName}.'),
    ('order.new', 'push',   'en', 'New order {orderNumber}', 'New order {orderNumber} for {storeName}.'),
    ('order.new', 'in_app', 'ar', 'طلب جديد {orderNumber}', 'وصل طلب جديد {orderNumber} إلى متجر {storeName}.'),
    ('order.new', 'in_app', 'en', 'New order {orderNumber}', 'New order {orderNumber} for {storeName}.'),
    ('order.new', 'email',  'ar', 'طلب جديد {orderNumber}',
        E'مرحبًا {name}،\n\nوصل طلب جديد {orderNumber} إلى متجر {storeName}. افتح لوحة الشركاء لقبوله.'),
    ('order.new', 'email',  'en', 'New order {orderNumber}',
        E'Hello {name},\n\nA new order {orderNumber} arrived for {storeName}. Open the partner dashboard to accept it.'),
    ('chat.message', 'push',   'ar', 'رسالة من {senderName}', '{preview}'),
    ('chat.message', 'push',   'en', 'Message from {senderName}', '{preview}'),
    ('chat.message', 'in_app', 'ar', 'رسالة من {senderName}', '{preview}'),
    ('chat.message', 'in_app', 'en', 'Message from {senderName}', '{preview}'),
    ('broadcast', 'push',   'ar', '{title}', '{body}'),
    ('broadcast', 'push',   'en', '{title}', '{body}'),
    ('broadcast', 'in_app', 'ar', '{title}', '{body}'),
    ('broadcast', 'in_app', 'en', '{title}', '{body}'),
    ('broadcast', 'sms',    'ar', '', 'قطع: {body}'),
    ('broadcast', 'sms',    'en', '', 'Qitaa: {body}'),
    ('broadcast', 'email',  'ar', '{title}', E'{body}\n\nفريق قطع'),
    ('broadcast', 'email',  'en', '{title}', E'{body}\n\nThe Qitaa team');

-- Explicit choices only; without a row a channel is on, except marketing by
-- SMS and email.
CREATE TABLE notification_preferences (
    user_id    uuid NOT NULL REFERENCES users (id),
    category   text NOT NULL CHECK (category IN ('orders', 'chat', 'marketing')),
    channel    text NOT NULL CHECK (channel IN ('push', 'sms', 'email', 'in_app')),
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, category, channel)
);

CREATE TABLE broadcasts (
    id          uuid PRIMARY KEY,
    -- {"ar": ..., "en": ...}
    title       jsonb NOT NULL,
    body        jsonb NOT NULL,
    -- {"role"?: ..., "city"?: ..., "all"?: true}
    segment     jsonb NOT NULL,
    channels    text[] NOT NULL,
    -- The last recipient (by id) put into a batch; batches walk the segment
    -- in id order, each planning the next.
    cursor_id   uuid,
    batches     int NOT NULL DEFAULT 0,
    -- When the last batch was planned.
    planned_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid REFERENCES users (id)
);
CREATE INDEX broadcasts_created ON broadcasts (created_at DESC, id DESC);

-- The in-app inbox. Title and body are rendered in both languages when the
-- notification is made; the reader's language picks one.
CREATE TABLE notifications (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    event        text NOT NULL,
    category     text NOT NULL,
    title        jsonb NOT NULL,
    body         jsonb NOT NULL,
    data         jsonb NOT NULL DEFAULT '{}'::jsonb,
    broadcast_id uuid REFERENCES broadcasts (id),
    read_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_broadcast_once ON notifications (broadcast_id, user_id)
    WHERE broadcast_id IS NOT NULL;

-- What became of one notification for one recipient on one external channel
-- (and, for broadcasts, in-app too): one row per `notify.deliver` job, or per
-- broadcast, recipient and channel.
CREATE TABLE notification_deliveries (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    event        text NOT NULL,
    channel      text NOT NULL CHECK (channel IN ('push', 'sms', 'email', 'in_app')),
    status       text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    job_id       uuid,
    broadcast_id uuid REFERENCES broadcasts (id),
    provider     text,
    provider_id  text,
    error        text,
    attempts     int NOT NULL DEFAULT 0,
    -- Devices a push already reached, so a retry does not repeat them.
    sent_devices uuid[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_deliveries_job ON notification_deliveries (job_id)
    WHERE broadcast_id IS NULL;
CREATE UNIQUE INDEX notification_deliveries_broadcast
    ON notification_deliveries (broadcast_id, user_id, channel) WHERE broadcast_id IS NOT NULL;
CREATE INDEX notification_deliveries_user ON notification_deliveries (user_id, created_at DESC);
