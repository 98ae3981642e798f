-- Payment attempts of applications (server::payments), and the built-in test provider's own
-- record of the payments made with it (server::payments::test_provider).
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    -- Random: the stamp sent to the provider (unique per merchant) and the id in return URLs.
    public_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'failed', 'cancelled', 'expired')),
    -- What was ordered, compared with every signed answer of the provider.
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    -- The application's reference, the payment's reference at the provider.
    reference TEXT NOT NULL,
    fee_category TEXT NOT NULL,
    provider TEXT NOT NULL,
    -- The provider's id and payment page, once it answered.
    transaction_id TEXT UNIQUE,
    href TEXT,
    -- Who paid: the applicant, or an organisation's user (its Business ID).
    payer_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    payer_organisation TEXT,
    -- 1: a success of an attempt after another was paid; the money is to be returned.
    refund_due INTEGER NOT NULL DEFAULT 0 CHECK (refund_due IN (0, 1)),
    -- Unix seconds.
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    paid_at INTEGER
);
-- One payment counts for an application, and one attempt is open at a time.
CREATE UNIQUE INDEX payments_one_paid ON payments (application_id) WHERE state = 'paid' AND refund_due = 0;
CREATE UNIQUE INDEX payments_one_open ON payments (application_id) WHERE state = 'created' OR state = 'pending';

CREATE TABLE test_provider_payments (
    id INTEGER PRIMARY KEY,
    transaction_id TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL,
    -- new, ok, pending, fail (Paytrail's statuses).
    status TEXT NOT NULL CHECK (status IN ('new', 'ok', 'pending', 'fail')),
    -- The merchant's request, as sent (its return and callback addresses).
    request TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- The nonces of signed requests already taken, against replays.
CREATE TABLE test_provider_nonces (
    nonce TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL
);
