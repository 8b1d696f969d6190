-- Photos of a repair request (the flat tyre, the warning light), uploads of
-- the customer's with purpose REQUEST_PHOTO: seen by the customer, the reps
-- the request reached, and admins.

CREATE TABLE repair_request_photos (
    request_id  uuid NOT NULL REFERENCES repair_requests (id),
    media_id    uuid NOT NULL REFERENCES media_files (id),
    position    int NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, media_id)
);
CREATE INDEX repair_request_photos_media ON repair_request_photos (media_id);
