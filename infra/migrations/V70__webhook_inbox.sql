-- Every payment webhook call whose signature verified, whatever became of it: a payment notice is never lost, even
-- one that could not be applied (unknown debtId, a conflicting payment, a refund, a body we could not read).
-- Unsigned or wrongly signed calls are not kept: anyone could fill the table with them.
create table webhook_inbox (
    id             bigint       generated always as identity primary key,
    received_at    timestamptz  not null default now(),
    -- the signature's t: when the provider signed the call
    signed_at      timestamptz  not null,
    -- sha256 of "<t>.<raw body>": the same signed call delivered again is a replay
    delivery_hash  text         not null,
    body_sha256    text         not null,
    -- the raw body (at most the API's 64 KiB), so a notice that could not be applied can be applied by hand later
    body           text,
    request_id     text,
    event_id       text,
    event_type     text,
    debt_id        text,
    paid_at        timestamptz,
    paid_amount    numeric(12,2),
    paid_by        text,
    first_delivery boolean      not null,
    outcome        text         not null
                   check (outcome in ('accepted', 'amount_mismatch', 'duplicate', 'conflict', 'unknown_debt',
                                      'ignored_type', 'refused')),
    reason         text
);

-- one first delivery per signed call: concurrent deliveries of the same call wait on each other here
create unique index webhook_inbox_delivery_uq on webhook_inbox (delivery_hash) where first_delivery;
create index webhook_inbox_debt_idx on webhook_inbox (debt_id, received_at);
-- what a person looks at: the notices that were not applied
create index webhook_inbox_unapplied_idx on webhook_inbox (received_at) where outcome in ('unknown_debt', 'conflict', 'refused');
