-- Identity: users, admin permissions, OTP codes, rate limits, sessions, audit.
-- Conventions of every domain table: uuid v7 ids made by the application,
-- created_at/updated_at, created_by/updated_by for audit, deleted_at for soft
-- delete (ordinary queries filter `deleted_at IS NULL`).

CREATE TABLE users (
    id                    uuid PRIMARY KEY,
    -- E.164; anonymised accounts keep a placeholder so the unique index holds.
    phone                 text NOT NULL,
    role                  text NOT NULL CHECK (role IN ('CUSTOMER', 'SUPPLIER', 'REPRESENTATIVE', 'ADMIN', 'SUPER_ADMIN')),
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending_approval', 'suspended', 'deleted')),
    name                  text,
    email                 text,
    locale                text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
    status_reason         text,
    deletion_requested_at timestamptz,
    last_login_at         timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    created_by            uuid,
    updated_by            uuid,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX users_phone_live ON users (phone) WHERE deleted_at IS NULL;
CREATE INDEX users_role_status ON users (role, status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX users_deletion_queue ON users (deletion_requested_at)
    WHERE deletion_requested_at IS NOT NULL AND deleted_at IS NULL;

-- Permissions an ADMIN holds; SUPER_ADMIN holds every permission implicitly.
-- Grants and revocations are recorded in audit_logs.
CREATE TABLE admin_permissions (
    user_id    uuid NOT NULL REFERENCES users (id),
    permission text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid REFERENCES users (id),
    PRIMARY KEY (user_id, permission)
);

-- One live code per phone: a new request replaces the row.
CREATE TABLE otp_codes (
    phone       text PRIMARY KEY,
    code_hash   bytea NOT NULL,
    attempts    int NOT NULL DEFAULT 0,
    expires_at  timestamptz NOT NULL,
    resend_at   timestamptz NOT NULL,
    consumed_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Sliding-window rate limits shared by every node.
CREATE TABLE rate_limit_hits (
    bucket text NOT NULL,
    hit_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_hits_bucket ON rate_limit_hits (bucket, hit_at);

-- A sign-in: one refresh-token family (API clients) or one cookie (web).
CREATE TABLE auth_sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id),
    kind           text NOT NULL CHECK (kind IN ('api', 'web')),
    cookie_hash    bytea UNIQUE,
    csrf_token     text,
    user_agent     text,
    ip             text,
    expires_at     timestamptz,
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES auth_sessions (id),
    token_hash bytea NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Append-only record of every admin or supplier mutation.
CREATE TABLE audit_logs (
    id          uuid PRIMARY KEY,
    actor_id    uuid REFERENCES users (id),
    actor_role  text,
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text,
    before      jsonb,
    after       jsonb,
    request_id  text,
    ip          text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_created ON audit_logs (created_at DESC);
CREATE INDEX audit_logs_entity ON audit_logs (entity_type, entity_id);
CREATE INDEX audit_logs_actor ON audit_logs (actor_id, created_at DESC);

-- The local SMS default writes here (and to the log) instead of sending.
CREATE TABLE sms_outbox (
    id         uuid PRIMARY KEY,
    to_phone   text NOT NULL,
    body       text NOT NULL,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sms_outbox_to ON sms_outbox (to_phone, created_at DESC);
