-- Chat: threads of four domains (customer↔store, customer↔representative,
-- store-request negotiation, support), their participants with read
-- receipts, and messages with optional attachments.

CREATE TABLE chat_threads (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('customer_store', 'customer_rep', 'negotiation', 'support')),
    customer_id     uuid NOT NULL REFERENCES users (id),
    store_id        uuid REFERENCES stores (id),
    rep_id          uuid REFERENCES users (id),
    -- What a negotiation is about (a store request), for the RFQ flow.
    subject_type    text,
    subject_id      uuid,
    last_message_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz,
    CONSTRAINT chat_store_thread_has_store CHECK (kind NOT IN ('customer_store', 'negotiation') OR store_id IS NOT NULL),
    CONSTRAINT chat_rep_thread_has_rep CHECK (kind <> 'customer_rep' OR rep_id IS NOT NULL)
);
-- One support thread per user, one direct thread per customer and store.
CREATE UNIQUE INDEX chat_one_support ON chat_threads (customer_id)
    WHERE kind = 'support' AND deleted_at IS NULL;
CREATE UNIQUE INDEX chat_one_store_thread ON chat_threads (customer_id, store_id)
    WHERE kind = 'customer_store' AND deleted_at IS NULL;
CREATE INDEX chat_threads_store ON chat_threads (store_id, last_message_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX chat_threads_support ON chat_threads (last_message_at DESC)
    WHERE kind = 'support' AND deleted_at IS NULL;

CREATE TABLE chat_participants (
    thread_id      uuid NOT NULL REFERENCES chat_threads (id),
    user_id        uuid NOT NULL REFERENCES users (id),
    role           text NOT NULL CHECK (role IN ('customer', 'store', 'rep', 'staff')),
    -- Read receipt: the newest message this participant has read.
    last_read_id   uuid,
    last_read_at   timestamptz,
    joined_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX chat_participants_user ON chat_participants (user_id);

CREATE TABLE chat_messages (
    id            uuid PRIMARY KEY,
    thread_id     uuid NOT NULL REFERENCES chat_threads (id),
    sender_id     uuid NOT NULL REFERENCES users (id),
    kind          text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'attachment', 'invoice')),
    body          text NOT NULL DEFAULT '',
    media_id      uuid REFERENCES media_files (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT chat_message_has_content CHECK (body <> '' OR media_id IS NOT NULL)
);
-- Newest first within a thread (ids are time-ordered UUIDv7).
CREATE INDEX chat_messages_thread ON chat_messages (thread_id, id DESC);
