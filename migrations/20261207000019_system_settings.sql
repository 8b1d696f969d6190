-- System settings: one typed document the admin edits as a whole. Every node
-- caches it and reloads on the `qitaa_settings` notification sent in the
-- writing transaction (and on a slow timer, in case a notification is
-- missed). No row: the defaults from the environment apply.

CREATE TABLE system_settings (
    id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    value       jsonb NOT NULL,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid
);
