-- The dashboards' homes read orders by creation time, over all stores (admin)
-- or a few (partner); the figures they sum ride along so the scans stay in
-- the index.
CREATE INDEX orders_created ON orders (created_at)
    INCLUDE (status, payment_method, total, commission, paid_at) WHERE deleted_at IS NULL;
CREATE INDEX orders_store_created ON orders (store_id, created_at)
    INCLUDE (status, payment_method, total, commission, paid_at) WHERE deleted_at IS NULL;
CREATE INDEX users_created ON users (created_at) WHERE role = 'CUSTOMER';
