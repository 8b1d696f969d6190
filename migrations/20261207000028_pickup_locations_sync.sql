-- What a store's pickup location told the carrier, so admins see when the
-- store's address has moved on since, and which revision of the location the
-- carrier holds (a re-sync registers a new code: shipments after it name the
-- new place, those already booked keep theirs). Locations made before this
-- recorded nothing: their city and address stay unknown until re-synced.
ALTER TABLE pickup_locations ADD COLUMN city text;
ALTER TABLE pickup_locations ADD COLUMN address text;
ALTER TABLE pickup_locations ADD COLUMN revision int NOT NULL DEFAULT 1 CHECK (revision >= 1);
