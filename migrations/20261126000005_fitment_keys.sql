-- What a product fits, as search keys on the product, so that a vehicle
-- filter is one GIN condition intersected with the text match instead of a
-- probe of product_fitments per candidate. product_fitments stays the record;
-- the application writes the keys with it. Keys, per fitment row and for every
-- year of its range (open ends: 1950 and next year):
--   mk:<make>, mk:<make>:<year>    any fitment of the make
--   md:<model>, md:<model>:<year>  a fitment naming the model
--   mw:<make>, mw:<make>:<year>    a make-wide fitment (no model)

ALTER TABLE products ADD COLUMN fitment_keys text[] NOT NULL DEFAULT '{}';

UPDATE products p SET fitment_keys = k.keys
FROM (
    SELECT f.product_id, array_agg(DISTINCT key ORDER BY key) AS keys
    FROM product_fitments f
    CROSS JOIN LATERAL (
        SELECT g AS year FROM generate_series(
            COALESCE(f.year_from, 1950),
            COALESCE(f.year_to, extract(year FROM now())::int + 1)) g
    ) y
    CROSS JOIN LATERAL (VALUES
        ('mk:' || f.make_id),
        ('mk:' || f.make_id || ':' || y.year),
        (CASE WHEN f.model_id IS NOT NULL THEN 'md:' || f.model_id ELSE 'mw:' || f.make_id END),
        (CASE WHEN f.model_id IS NOT NULL THEN 'md:' || f.model_id || ':' || y.year
              ELSE 'mw:' || f.make_id || ':' || y.year END)
    ) AS k(key)
    GROUP BY f.product_id
) k
WHERE k.product_id = p.id;

CREATE INDEX products_live_fitment ON products USING gin (fitment_keys)
    WHERE status = 'active' AND deleted_at IS NULL;
