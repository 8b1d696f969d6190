-- Reference data: the car taxonomy (make → model → year range → body type)
-- and the tree of part categories. Bilingual names; slugs are stable keys
-- for seeds and URLs.

CREATE TABLE car_makes (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL,
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    sort_order int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX car_makes_slug ON car_makes (slug) WHERE deleted_at IS NULL;

CREATE TABLE body_types (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL,
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX body_types_slug ON body_types (slug) WHERE deleted_at IS NULL;

-- A model as sold over a range of years (year_to NULL: still sold).
CREATE TABLE car_models (
    id           uuid PRIMARY KEY,
    make_id      uuid NOT NULL REFERENCES car_makes (id),
    slug         text NOT NULL,
    name_ar      text NOT NULL,
    name_en      text NOT NULL,
    year_from    int NOT NULL CHECK (year_from BETWEEN 1950 AND 2100),
    year_to      int CHECK (year_to IS NULL OR year_to >= year_from),
    body_type_id uuid REFERENCES body_types (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX car_models_slug ON car_models (make_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE categories (
    id         uuid PRIMARY KEY,
    parent_id  uuid REFERENCES categories (id),
    slug       text NOT NULL,
    name_ar    text NOT NULL,
    name_en    text NOT NULL,
    sort_order int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX categories_slug ON categories (slug) WHERE deleted_at IS NULL;
CREATE INDEX categories_parent ON categories (parent_id) WHERE deleted_at IS NULL;
