-- The makes and models a product fits, as an array on the product, so that a
-- search can intersect its text match with a make or model through a GIN
-- index instead of probing product_fitments once per candidate. Written by
-- the application together with product_fitments, which stays the record.

ALTER TABLE products ADD COLUMN fitment_keys uuid[] NOT NULL DEFAULT '{}';

UPDATE products p SET fitment_keys = k.keys
FROM (
    SELECT product_id, array_agg(DISTINCT key) AS keys
    FROM (
        SELECT product_id, make_id AS key FROM product_fitments
        UNION ALL
        SELECT product_id, model_id FROM product_fitments WHERE model_id IS NOT NULL
    ) u
    GROUP BY product_id
) k
WHERE k.product_id = p.id;

CREATE INDEX products_live_fitment ON products USING gin (fitment_keys)
    WHERE status = 'active' AND deleted_at IS NULL;
