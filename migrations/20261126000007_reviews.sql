-- Reviews: customers rate a delivered order's store and its products, once
-- per order and target; suppliers reply; admins hide and restore. The
-- stores' and products' rating_sum/rating_count count visible reviews only
-- and change in the same transaction as the review that moves them.

CREATE TABLE reviews (
    id                uuid PRIMARY KEY,
    order_id          uuid NOT NULL REFERENCES orders (id),
    customer_id       uuid NOT NULL REFERENCES users (id),
    -- The order's store: the target of a store review, the seller of a product review.
    store_id          uuid NOT NULL REFERENCES stores (id),
    target_type       text NOT NULL CHECK (target_type IN ('store', 'product')),
    -- Set exactly for product reviews.
    product_id        uuid REFERENCES products (id),
    stars             smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body              text CHECK (body IS NULL OR char_length(body) <= 2000),
    -- The store's answer; replying again replaces it.
    reply             text CHECK (reply IS NULL OR char_length(reply) <= 2000),
    replied_at        timestamptz,
    replied_by        uuid REFERENCES users (id),
    status            text NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
    moderation_reason text,
    moderated_by      uuid REFERENCES users (id),
    moderated_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    deleted_at        timestamptz,
    CONSTRAINT review_target CHECK ((target_type = 'product') = (product_id IS NOT NULL))
);
-- Once per order and target, deleted or not: concurrent twins wait on this
-- index and all but the first fail.
CREATE UNIQUE INDEX reviews_once
    ON reviews (order_id, target_type, coalesce(product_id, '00000000-0000-0000-0000-000000000000'));
-- Public lists: a store's or a product's visible reviews, newest first.
CREATE INDEX reviews_store_public ON reviews (store_id, created_at DESC, id DESC)
    WHERE target_type = 'store' AND status = 'visible' AND deleted_at IS NULL;
CREATE INDEX reviews_product_public ON reviews (product_id, created_at DESC, id DESC)
    WHERE target_type = 'product' AND status = 'visible' AND deleted_at IS NULL;
-- The moderation queue.
CREATE INDEX reviews_moderation ON reviews (status, created_at DESC) WHERE deleted_at IS NULL;
