-- Referrals: each customer has a short code; a new customer who applies one
-- before their first delivered order is the referee of its owner. When the
-- referee's first order is delivered, both wallets are credited once
-- (Dr promotions expense · Cr customer wallet, two postings), the referrer
-- only while under the monthly cap.

-- A customer's own code, made the first time it is asked for. Uppercase
-- letters and digits without the look-alikes (0/O, 1/I/L), so it survives
-- being read aloud or typed from a screenshot.
CREATE TABLE referral_codes (
    user_id    uuid PRIMARY KEY REFERENCES users (id),
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-HJKMNP-Z2-9]{8}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    deleted_at timestamptz
);

-- One row per referee. The referee's phone (and device, when the app sent
-- one) is kept as a keyed hash, so "one reward per phone / per device" still
-- holds after the referee's account is deleted or anonymised and the same
-- phone signs up again.
CREATE TABLE referrals (
    id                 uuid PRIMARY KEY,
    referrer_id        uuid NOT NULL REFERENCES users (id),
    referee_id         uuid NOT NULL REFERENCES users (id),
    -- The code as applied (the referrer's code).
    code               text NOT NULL,
    referee_phone_hash bytea NOT NULL,
    device_hash        bytea,
    status             text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'rewarded', 'revoked')),
    -- What each wallet received; the referrer's is 0 past the monthly cap
    -- (`referrer_capped`), the referee is rewarded all the same.
    referrer_reward    bigint NOT NULL DEFAULT 0 CHECK (referrer_reward >= 0),
    referee_reward     bigint NOT NULL DEFAULT 0 CHECK (referee_reward >= 0),
    referrer_capped    boolean NOT NULL DEFAULT false,
    -- Set once, when the reward is booked; kept when a rewarded referral is
    -- revoked later (revoking does not claw the money back).
    rewarded_at        timestamptz,
    rewarded_order_id  uuid REFERENCES orders (id),
    revoked_at         timestamptz,
    -- NULL with a reason: the platform refused it (late, phone or device
    -- already rewarded).
    revoked_by         uuid REFERENCES users (id),
    revoke_reason      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    deleted_at         timestamptz,
    CHECK (referrer_id <> referee_id),
    CHECK ((status = 'rewarded') <= (rewarded_at IS NOT NULL)),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
-- A customer is referred once: concurrent applies of one customer make one row.
CREATE UNIQUE INDEX referrals_once_per_referee ON referrals (referee_id) WHERE deleted_at IS NULL;
-- The backstops of "one reward per phone / per device", whatever the code
-- did: a second rewarded row of the same hash cannot commit.
CREATE UNIQUE INDEX referrals_phone_rewarded ON referrals (referee_phone_hash)
    WHERE rewarded_at IS NOT NULL;
CREATE UNIQUE INDEX referrals_device_rewarded ON referrals (device_hash)
    WHERE rewarded_at IS NOT NULL AND device_hash IS NOT NULL;
-- A referrer's referrals: the summary and the monthly cap's count.
CREATE INDEX referrals_referrer ON referrals (referrer_id, rewarded_at);
-- The admin list, newest first within a status.
CREATE INDEX referrals_status ON referrals (status, created_at DESC) WHERE deleted_at IS NULL;
