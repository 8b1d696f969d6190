-- Uploaded files (images, documents) kept in the object store; the row holds
-- what was checked about the bytes, never what the client claimed.

CREATE TABLE media_files (
    id            uuid PRIMARY KEY,
    owner_id      uuid REFERENCES users (id),
    purpose       text NOT NULL,
    storage_key   text NOT NULL UNIQUE,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    width         int,
    height        int,
    thumb_key     text,
    original_name text,
    sha256        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid,
    updated_by    uuid,
    deleted_at    timestamptz
);
CREATE INDEX media_files_owner ON media_files (owner_id, created_at DESC) WHERE deleted_at IS NULL;
