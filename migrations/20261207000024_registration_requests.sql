-- Registration requests of suppliers and representatives from the landing
-- site. A request is a draft while the applicant walks the form's steps,
-- is submitted, confirmed by a link e-mailed to the applicant, and only then
-- reaches the admins' queue, who approve it (the account and its company or
-- rep profile are opened in the same transaction) or reject it with a reason
-- (the applicant resumes it from a link, edits it and submits it again).

CREATE TABLE registration_requests (
    id                 uuid PRIMARY KEY,
    kind               text NOT NULL CHECK (kind IN ('supplier', 'representative')),
    status             text NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'submitted', 'confirmed', 'rejected', 'approved')),
    -- Keyed hash of the draft token the applicant holds (the form's cookie or
    -- the API's X-Draft-Token); the token itself is never stored. A resume
    -- link replaces it.
    draft_hash         bytea NOT NULL,
    -- The applicant's language: the e-mails and SMS are written in it.
    locale             text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
    full_name          text NOT NULL DEFAULT '',
    -- E.164, as users.phone.
    phone              text NOT NULL DEFAULT '',
    email              text NOT NULL DEFAULT '',
    -- A supplier's business.
    company_name_ar    text NOT NULL DEFAULT '',
    company_name_en    text NOT NULL DEFAULT '',
    cr_number          text NOT NULL DEFAULT '' CHECK (cr_number = '' OR cr_number ~ '^[0-9]{10}$'),
    vat_number         text NOT NULL DEFAULT '' CHECK (vat_number = '' OR vat_number ~ '^3[0-9]{13}3$'),
    address            text NOT NULL DEFAULT '',
    -- A representative's vehicle and identity.
    vehicle_type       text CHECK (vehicle_type IN ('motorcycle', 'car', 'pickup', 'van', 'tow_truck')),
    plate_number       text NOT NULL DEFAULT '',
    national_id        text NOT NULL DEFAULT '' CHECK (national_id = '' OR national_id ~ '^[12][0-9]{9}$'),
    city               text NOT NULL DEFAULT '',
    -- The confirmation link in force: the nonce it signs and when it ends.
    -- Cleared when the link is used, so a second use finds nothing to match.
    confirm_nonce      text,
    confirm_expires_at timestamptz,
    -- The address the applicant proved to hold: a resubmission to the same
    -- address goes back to the queue without another link.
    confirmed_email    text,
    confirmed_at       timestamptz,
    submitted_at       timestamptz,
    -- The resume link of a rejected request; cleared on resubmission.
    resume_nonce       text,
    resume_expires_at  timestamptz,
    rejection_reason   text,
    reviewed_by        uuid REFERENCES users (id),
    reviewed_at        timestamptz,
    -- What approval opened.
    user_id            uuid REFERENCES users (id),
    company_id         uuid REFERENCES companies (id),
    created_ip         text NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    deleted_at         timestamptz
);
-- The draft token finds its request.
CREATE UNIQUE INDEX registration_requests_draft ON registration_requests (draft_hash);
-- The admins' tabs: a status, oldest submission first.
CREATE INDEX registration_requests_queue ON registration_requests (status, submitted_at, id)
    WHERE deleted_at IS NULL AND status <> 'draft';

-- The files of a request: one live file per kind, uploaded before any
-- account exists (media_files.owner_id stays empty until approval).
CREATE TABLE registration_documents (
    id              uuid PRIMARY KEY,
    registration_id uuid NOT NULL REFERENCES registration_requests (id),
    kind            text NOT NULL CHECK (kind IN ('commercial_registration', 'vat_certificate',
                        'national_id', 'driving_license', 'vehicle_registration', 'other')),
    media_id        uuid NOT NULL REFERENCES media_files (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
-- A new file of a kind replaces the old one; two concurrent uploads cannot both stay.
CREATE UNIQUE INDEX registration_documents_one_per_kind
    ON registration_documents (registration_id, kind) WHERE deleted_at IS NULL;

-- A request's history: submissions, confirmation, each rejection with its
-- reason, approval. Appended, never changed.
CREATE TABLE registration_events (
    id              uuid PRIMARY KEY,
    registration_id uuid NOT NULL REFERENCES registration_requests (id),
    event           text NOT NULL CHECK (event IN ('submitted', 'confirmed', 'resubmitted', 'rejected', 'approved')),
    reason          text,
    actor_id        uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
CREATE INDEX registration_events_of ON registration_events (registration_id, created_at, id);

-- A representative's vehicle and identity (Tashlih), opened when their
-- registration is approved.
CREATE TABLE rep_profiles (
    user_id         uuid PRIMARY KEY REFERENCES users (id),
    vehicle_type    text NOT NULL CHECK (vehicle_type IN ('motorcycle', 'car', 'pickup', 'van', 'tow_truck')),
    plate_number    text NOT NULL,
    national_id     text NOT NULL CHECK (national_id ~ '^[12][0-9]{9}$'),
    city            text NOT NULL,
    registration_id uuid REFERENCES registration_requests (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    deleted_at      timestamptz
);
