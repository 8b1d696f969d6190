-- Geography: countries, their regions, cities and areas (districts), in Arabic
-- and English. Addresses, stores and the other rows that named their city in
-- free text gain a `city_id`; the text stays, because the courier's rate table
-- and older clients read it.

CREATE TABLE countries (
    id          uuid PRIMARY KEY,
    code        text NOT NULL CHECK (code ~ '^[A-Z]{2}$'),   -- ISO 3166-1 alpha-2
    name_ar     text NOT NULL CHECK (char_length(btrim(name_ar)) BETWEEN 1 AND 100),
    name_en     text NOT NULL CHECK (char_length(btrim(name_en)) BETWEEN 1 AND 100),
    is_active   boolean NOT NULL DEFAULT true,
    sort_order  int NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 100000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
-- One live country per code; a deleted one frees its code.
CREATE UNIQUE INDEX countries_code ON countries (code) WHERE deleted_at IS NULL;

-- Administrative regions (the 13 Saudi regions); reference data, edited by
-- migrations only.
CREATE TABLE regions (
    id          uuid PRIMARY KEY,
    country_id  uuid NOT NULL REFERENCES countries (id),
    code        text NOT NULL CHECK (code ~ '^[A-Z]{2}-[0-9A-Z]{1,3}$'),   -- ISO 3166-2
    name_ar     text NOT NULL CHECK (char_length(btrim(name_ar)) BETWEEN 1 AND 100),
    name_en     text NOT NULL CHECK (char_length(btrim(name_en)) BETWEEN 1 AND 100),
    sort_order  int NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 100000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX regions_code ON regions (code) WHERE deleted_at IS NULL;

CREATE TABLE cities (
    id          uuid PRIMARY KEY,
    country_id  uuid NOT NULL REFERENCES countries (id),
    region_id   uuid REFERENCES regions (id),
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
    name_ar     text NOT NULL CHECK (char_length(btrim(name_ar)) BETWEEN 1 AND 100),
    name_en     text NOT NULL CHECK (char_length(btrim(name_en)) BETWEEN 1 AND 100),
    is_active   boolean NOT NULL DEFAULT true,
    sort_order  int NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 100000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
-- Slugs are unique within a country among live cities; also the country's
-- city list reads this index.
CREATE UNIQUE INDEX cities_slug ON cities (country_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE areas (
    id          uuid PRIMARY KEY,
    city_id     uuid NOT NULL REFERENCES cities (id),
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
    name_ar     text NOT NULL CHECK (char_length(btrim(name_ar)) BETWEEN 1 AND 100),
    name_en     text NOT NULL CHECK (char_length(btrim(name_en)) BETWEEN 1 AND 100),
    is_active   boolean NOT NULL DEFAULT true,
    sort_order  int NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 100000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    deleted_at  timestamptz
);
-- Slugs unique within a city; also how a city's areas are listed.
CREATE UNIQUE INDEX areas_slug ON areas (city_id, slug) WHERE deleted_at IS NULL;

-- ---------------------------------------------------------------- seed

INSERT INTO countries (id, code, name_ar, name_en, sort_order)
VALUES (gen_random_uuid(), 'SA', 'المملكة العربية السعودية', 'Saudi Arabia', 0);

INSERT INTO regions (id, country_id, code, name_ar, name_en, sort_order)
SELECT gen_random_uuid(), c.id, r.code, r.name_ar, r.name_en, r.ord
FROM countries c,
     (VALUES ('SA-01', 'منطقة الرياض', 'Riyadh Region', 1),
             ('SA-02', 'منطقة مكة المكرمة', 'Makkah Region', 2),
             ('SA-03', 'منطقة المدينة المنورة', 'Madinah Region', 3),
             ('SA-04', 'المنطقة الشرقية', 'Eastern Province', 4),
             ('SA-05', 'منطقة القصيم', 'Al-Qassim Region', 5),
             ('SA-06', 'منطقة حائل', 'Hail Region', 6),
             ('SA-07', 'منطقة تبوك', 'Tabuk Region', 7),
             ('SA-08', 'منطقة الحدود الشمالية', 'Northern Borders Region', 8),
             ('SA-09', 'منطقة جازان', 'Jazan Region', 9),
             ('SA-10', 'منطقة نجران', 'Najran Region', 10),
             ('SA-11', 'منطقة الباحة', 'Al-Baha Region', 11),
             ('SA-12', 'منطقة الجوف', 'Al-Jouf Region', 12),
             ('SA-14', 'منطقة عسير', 'Asir Region', 13)) AS r (code, name_ar, name_en, ord)
WHERE c.code = 'SA';

INSERT INTO cities (id, country_id, region_id, slug, name_ar, name_en, sort_order)
SELECT gen_random_uuid(), r.country_id, r.id, c.slug, c.name_ar, c.name_en, c.ord
FROM (VALUES
    ('SA-01', 'riyadh', 'الرياض', 'Riyadh', 1),
    ('SA-02', 'jeddah', 'جدة', 'Jeddah', 2),
    ('SA-02', 'makkah', 'مكة المكرمة', 'Makkah', 3),
    ('SA-03', 'madinah', 'المدينة المنورة', 'Madinah', 4),
    ('SA-04', 'dammam', 'الدمام', 'Dammam', 5),
    ('SA-04', 'khobar', 'الخبر', 'Khobar', 6),
    ('SA-04', 'dhahran', 'الظهران', 'Dhahran', 7),
    ('SA-04', 'al-ahsa', 'الأحساء', 'Al-Ahsa', 8),
    ('SA-02', 'taif', 'الطائف', 'Taif', 9),
    ('SA-07', 'tabuk', 'تبوك', 'Tabuk', 10),
    ('SA-05', 'buraydah', 'بريدة', 'Buraydah', 11),
    ('SA-05', 'unaizah', 'عنيزة', 'Unaizah', 12),
    ('SA-14', 'khamis-mushait', 'خميس مشيط', 'Khamis Mushait', 13),
    ('SA-14', 'abha', 'أبها', 'Abha', 14),
    ('SA-06', 'hail', 'حائل', 'Hail', 15),
    ('SA-10', 'najran', 'نجران', 'Najran', 16),
    ('SA-09', 'jazan', 'جازان', 'Jazan', 17),
    ('SA-03', 'yanbu', 'ينبع', 'Yanbu', 18),
    ('SA-04', 'qatif', 'القطيف', 'Qatif', 19),
    ('SA-04', 'jubail', 'الجبيل', 'Jubail', 20),
    ('SA-04', 'hafar-al-batin', 'حفر الباطن', 'Hafar Al-Batin', 21),
    ('SA-01', 'al-kharj', 'الخرج', 'Al-Kharj', 22),
    ('SA-08', 'arar', 'عرعر', 'Arar', 23),
    ('SA-12', 'sakaka', 'سكاكا', 'Sakaka', 24),
    ('SA-11', 'al-baha', 'الباحة', 'Al-Baha', 25),
    ('SA-02', 'al-qunfudhah', 'القنفذة', 'Al-Qunfudhah', 26),
    ('SA-14', 'bisha', 'بيشة', 'Bisha', 27),
    ('SA-01', 'al-majmaah', 'المجمعة', 'Al-Majmaah', 28),
    ('SA-05', 'ar-rass', 'الرس', 'Ar-Rass', 29),
    ('SA-12', 'al-qurayyat', 'القريات', 'Al-Qurayyat', 30),
    ('SA-01', 'ad-dawadmi', 'الدوادمي', 'Ad-Dawadmi', 31),
    ('SA-01', 'az-zulfi', 'الزلفي', 'Az-Zulfi', 32),
    ('SA-01', 'wadi-ad-dawasir', 'وادي الدواسر', 'Wadi Ad-Dawasir', 33),
    ('SA-02', 'rabigh', 'رابغ', 'Rabigh', 34),
    ('SA-02', 'al-lith', 'الليث', 'Al-Lith', 35),
    ('SA-03', 'al-ula', 'العلا', 'AlUla', 36),
    ('SA-04', 'khafji', 'الخفجي', 'Khafji', 37),
    ('SA-08', 'rafha', 'رفحاء', 'Rafha', 38),
    ('SA-09', 'sabya', 'صبيا', 'Sabya', 39),
    ('SA-10', 'sharurah', 'شرورة', 'Sharurah', 40),
    ('SA-12', 'dumat-al-jandal', 'دومة الجندل', 'Dumat Al-Jandal', 41)
) AS c (region, slug, name_ar, name_en, ord)
JOIN regions r ON r.code = c.region;

INSERT INTO areas (id, city_id, slug, name_ar, name_en, sort_order)
SELECT gen_random_uuid(), ci.id, a.slug, a.name_ar, a.name_en, a.ord
FROM (VALUES
    ('riyadh', 'olaya', 'العليا', 'Al Olaya', 1),
    ('riyadh', 'malaz', 'الملز', 'Al Malaz', 2),
    ('riyadh', 'sulimaniyah', 'السليمانية', 'As Sulimaniyah', 3),
    ('riyadh', 'nakheel', 'النخيل', 'An Nakheel', 4),
    ('riyadh', 'yasmin', 'الياسمين', 'Al Yasmin', 5),
    ('riyadh', 'naseem', 'النسيم', 'An Naseem', 6),
    ('riyadh', 'shifa', 'الشفا', 'Ash Shifa', 7),
    ('jeddah', 'rawdah', 'الروضة', 'Ar Rawdah', 1),
    ('jeddah', 'hamra', 'الحمراء', 'Al Hamra', 2),
    ('jeddah', 'salamah', 'السلامة', 'As Salamah', 3),
    ('jeddah', 'balad', 'البلد', 'Al Balad', 4),
    ('jeddah', 'shati', 'الشاطئ', 'Ash Shati', 5),
    ('jeddah', 'naeem', 'النعيم', 'An Naeem', 6)
) AS a (city, slug, name_ar, name_en, ord)
JOIN cities ci ON ci.slug = a.city;

-- ---------------------------------------------------------------- free-text cities

-- How a typed city name is compared with a city's names: trimmed, lower case,
-- the hamza'd alefs as bare alef, taa marbuta as haa, alef maqsura as yaa (the
-- same folds as kernel::text), so "جده" meets "جدة" and "jeddah" "Jeddah".
CREATE FUNCTION geo_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT lower(translate(btrim(coalesce(t, '')), 'أإآٱةى', 'ااااهي'))
$$;

-- The live city a free-text name means, or NULL (the lowest sort order wins
-- when two share a name).
CREATE FUNCTION geo_city_of(t text) RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT id FROM cities
    WHERE deleted_at IS NULL AND geo_fold(t) <> ''
      AND (geo_fold(name_ar) = geo_fold(t) OR geo_fold(name_en) = geo_fold(t))
    ORDER BY sort_order, id
    LIMIT 1
$$;

-- Rows written with only the text (older clients, seeds, registrations'
-- approval) still get their city_id: an insert without one, or an update that
-- changes the text but not the id, maps the text.
CREATE FUNCTION geo_fill_city_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.city_id IS NULL
       OR (TG_OP = 'UPDATE' AND NEW.city IS DISTINCT FROM OLD.city
           AND NEW.city_id IS NOT DISTINCT FROM OLD.city_id) THEN
        NEW.city_id := geo_city_of(NEW.city);
    END IF;
    RETURN NEW;
END
$$;

ALTER TABLE addresses ADD COLUMN city_id uuid REFERENCES cities (id);
ALTER TABLE stores ADD COLUMN city_id uuid REFERENCES cities (id);
ALTER TABLE companies ADD COLUMN city_id uuid REFERENCES cities (id);
ALTER TABLE part_requests ADD COLUMN city_id uuid REFERENCES cities (id);
ALTER TABLE registration_requests ADD COLUMN city_id uuid REFERENCES cities (id);
ALTER TABLE rep_profiles ADD COLUMN city_id uuid REFERENCES cities (id);

UPDATE addresses SET city_id = geo_city_of(city);
UPDATE stores SET city_id = geo_city_of(city);
UPDATE companies SET city_id = geo_city_of(city);
UPDATE part_requests SET city_id = geo_city_of(city);
UPDATE registration_requests SET city_id = geo_city_of(city);
UPDATE rep_profiles SET city_id = geo_city_of(city);

CREATE TRIGGER addresses_city_id BEFORE INSERT OR UPDATE OF city, city_id ON addresses
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
CREATE TRIGGER stores_city_id BEFORE INSERT OR UPDATE OF city, city_id ON stores
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
CREATE TRIGGER companies_city_id BEFORE INSERT OR UPDATE OF city, city_id ON companies
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
CREATE TRIGGER part_requests_city_id BEFORE INSERT OR UPDATE OF city, city_id ON part_requests
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
CREATE TRIGGER registration_requests_city_id BEFORE INSERT OR UPDATE OF city, city_id
    ON registration_requests FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();
CREATE TRIGGER rep_profiles_city_id BEFORE INSERT OR UPDATE OF city, city_id ON rep_profiles
    FOR EACH ROW EXECUTE FUNCTION geo_fill_city_id();

-- "Is this city still used?" before a city is deleted.
CREATE INDEX addresses_city ON addresses (city_id) WHERE deleted_at IS NULL;
CREATE INDEX stores_city ON stores (city_id) WHERE deleted_at IS NULL;
