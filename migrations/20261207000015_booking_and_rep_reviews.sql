-- Reviews of completed bookings (of the store that ran them) and of repair
-- jobs (of the representative who did them). A review now comes from exactly
-- one of an order, a booking or a repair job; rep reviews have no store.
-- Reps' rating aggregates live beside their presence, the one row per rep
-- that the repairs feature keeps, and move like the stores' and products'.

ALTER TABLE reviews ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE reviews ALTER COLUMN store_id DROP NOT NULL;
ALTER TABLE reviews ADD COLUMN booking_id uuid REFERENCES bookings (id);
ALTER TABLE reviews ADD COLUMN repair_job_id uuid REFERENCES repair_jobs (id);
ALTER TABLE reviews ADD COLUMN rep_id uuid REFERENCES users (id);

ALTER TABLE reviews DROP CONSTRAINT reviews_target_type_check;
ALTER TABLE reviews ADD CONSTRAINT reviews_target_type_check
    CHECK (target_type IN ('store', 'product', 'rep'));
ALTER TABLE reviews DROP CONSTRAINT review_target;
ALTER TABLE reviews ADD CONSTRAINT review_target CHECK (
    (target_type = 'product') = (product_id IS NOT NULL)
    AND (target_type = 'rep') = (rep_id IS NOT NULL)
    AND (target_type = 'rep') = (repair_job_id IS NOT NULL)
    AND (target_type = 'rep') = (store_id IS NULL)
    AND (booking_id IS NULL OR target_type = 'store')
    AND num_nonnulls(order_id, booking_id, repair_job_id) = 1
);

-- Once per booking and per job: concurrent twins wait here and all but the
-- first get nothing.
CREATE UNIQUE INDEX reviews_booking_once ON reviews (booking_id) WHERE booking_id IS NOT NULL;
CREATE UNIQUE INDEX reviews_job_once ON reviews (repair_job_id) WHERE repair_job_id IS NOT NULL;
CREATE INDEX reviews_rep_public ON reviews (rep_id, created_at DESC, id DESC)
    WHERE target_type = 'rep' AND status = 'visible' AND deleted_at IS NULL;

ALTER TABLE rep_presence ADD COLUMN rating_sum bigint NOT NULL DEFAULT 0;
ALTER TABLE rep_presence ADD COLUMN rating_count int NOT NULL DEFAULT 0;
