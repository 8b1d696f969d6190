-- Step-up codes: a fresh SMS code a signed-in admin must give before an
-- irreversible action (the danger zone). One live code per user and purpose;
-- stored hashed; few attempts; short life.

CREATE TABLE step_up_codes (
    user_id     uuid NOT NULL REFERENCES users (id),
    purpose     text NOT NULL CHECK (purpose IN ('clear_data')),
    code_hash   bytea NOT NULL,
    attempts    int NOT NULL DEFAULT 0,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, purpose)
);
