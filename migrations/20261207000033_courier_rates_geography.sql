-- The local courier's fee table ("coverage") on the geography: each band
-- points at a city, so one row serves every spelling and language the
-- geography folds ("جدة", "جده", "Jeddah"), and admins manage the table.
-- A band whose text names no city keeps matching by its text.

ALTER TABLE courier_rates ADD COLUMN city_id uuid REFERENCES cities (id);

UPDATE courier_rates SET city_id = geo_city_of(city) WHERE city IS NOT NULL;

-- The seed wrote each city twice (Arabic and English) while cities were free
-- text: one live band per (city, weight) stays, the most recently changed,
-- and the twins are soft-deleted.
WITH ranked AS (
    SELECT id, row_number() OVER (
               PARTITION BY coalesce(city_id::text, geo_fold(city)), up_to_grams
               ORDER BY updated_at DESC, id) AS n
    FROM courier_rates
    WHERE deleted_at IS NULL
)
UPDATE courier_rates r SET deleted_at = now(), updated_at = now()
FROM ranked WHERE ranked.id = r.id AND ranked.n > 1;

-- A mapped band carries its city's Arabic name as its text, as addresses do.
UPDATE courier_rates r SET city = c.name_ar
FROM cities c WHERE c.id = r.city_id AND r.deleted_at IS NULL;

-- One live band per weight for a city (or an unmapped text, or "anywhere
-- else": the empty key), whatever the text's spelling.
DROP INDEX courier_rates_band;
CREATE UNIQUE INDEX courier_rates_city_band
    ON courier_rates ((coalesce(city_id::text, geo_fold(city))), up_to_grams)
    WHERE deleted_at IS NULL;

CREATE TRIGGER courier_rates_city_id BEFORE INSERT OR UPDATE OF city, city_id ON courier_rates
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
