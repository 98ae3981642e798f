-- The same schema as ../sqlite/0009_payments.sql, in PostgreSQL's types.
CREATE TABLE payments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'failed', 'cancelled', 'expired')),
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reference TEXT NOT NULL,
    fee_category TEXT NOT NULL,
    provider TEXT NOT NULL,
    transaction_id TEXT UNIQUE,
    href TEXT,
    payer_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    payer_organisation TEXT,
    refund_due BIGINT NOT NULL DEFAULT 0 CHECK (refund_due IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    paid_at BIGINT
);
CREATE UNIQUE INDEX payments_one_paid ON payments (application_id) WHERE state = 'paid' AND refund_due = 0;
CREATE UNIQUE INDEX payments_one_open ON payments (application_id) WHERE state = 'created' OR state = 'pending';

CREATE TABLE test_provider_payments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'ok', 'pending', 'fail')),
    request TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE test_provider_nonces (
    nonce TEXT PRIMARY KEY,
    seen_at BIGINT NOT NULL
);
