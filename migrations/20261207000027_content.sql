-- Site content managed by admins (`content.manage`): banners, FAQs, versioned
-- static pages, social links; and the public contact inbox.

CREATE TABLE banners (
    id          uuid PRIMARY KEY,
    title_ar    text NOT NULL CHECK (char_length(title_ar) BETWEEN 1 AND 200),
    title_en    text NOT NULL CHECK (char_length(title_en) BETWEEN 1 AND 200),
    -- No foreign key: the danger zone empties media_files but keeps banners.
    media_id    uuid NOT NULL,
    link        text CHECK (char_length(link) <= 500),
    app         text NOT NULL CHECK (app IN ('customer', 'store', 'rider', 'landing')),
    starts_at   timestamptz,
    ends_at     timestamptz,
    sort_order  int NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);
CREATE INDEX banners_live ON banners (app, sort_order) WHERE deleted_at IS NULL AND active;

CREATE TABLE faqs (
    id           uuid PRIMARY KEY,
    question_ar  text NOT NULL CHECK (char_length(question_ar) BETWEEN 1 AND 500),
    question_en  text NOT NULL CHECK (char_length(question_en) BETWEEN 1 AND 500),
    answer_ar    text NOT NULL CHECK (char_length(answer_ar) BETWEEN 1 AND 5000),
    answer_en    text NOT NULL CHECK (char_length(answer_en) BETWEEN 1 AND 5000),
    audience     text NOT NULL CHECK (audience IN ('customer', 'supplier', 'representative')),
    sort_order   int NOT NULL DEFAULT 0,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);
CREATE INDEX faqs_audience ON faqs (audience, sort_order) WHERE deleted_at IS NULL;

-- One page per (slug, audience); its texts live in versions, never edited
-- once published, so what a user accepted stays readable.
CREATE TABLE static_pages (
    id               uuid PRIMARY KEY,
    slug             text NOT NULL CHECK (slug IN ('terms', 'privacy')),
    audience         text NOT NULL CHECK (audience IN ('customer', 'supplier', 'representative')),
    current_version  int,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (slug, audience)
);

CREATE TABLE static_page_versions (
    id            uuid PRIMARY KEY,
    page_id       uuid NOT NULL REFERENCES static_pages (id),
    version       int NOT NULL CHECK (version >= 1),
    title_ar      text NOT NULL CHECK (char_length(title_ar) BETWEEN 1 AND 200),
    title_en      text NOT NULL CHECK (char_length(title_en) BETWEEN 1 AND 200),
    body_ar       text NOT NULL CHECK (char_length(body_ar) BETWEEN 1 AND 50000),
    body_en       text NOT NULL CHECK (char_length(body_en) BETWEEN 1 AND 50000),
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (page_id, version)
);

-- The six pages exist from the start, unpublished: the landing keeps its
-- Fluent texts until an admin publishes a first version.
INSERT INTO static_pages (id, slug, audience)
SELECT gen_random_uuid(), s, a
FROM unnest(ARRAY['terms', 'privacy']) s, unnest(ARRAY['customer', 'supplier', 'representative']) a;

CREATE TABLE social_links (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('x', 'instagram', 'snapchat', 'tiktok', 'whatsapp', 'phone', 'email', 'address')),
    value       text NOT NULL CHECK (char_length(value) BETWEEN 1 AND 300),
    sort_order  int NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_messages (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    contact     text NOT NULL CHECK (char_length(contact) BETWEEN 1 AND 254),
    subject     text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 200),
    message     text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 5000),
    status      text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'archived')),
    client_ip   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_messages_status ON contact_messages (status, created_at DESC);
