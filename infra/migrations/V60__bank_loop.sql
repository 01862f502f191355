-- The bank loop (issue 10): every boleto is registered at the bank through a CNAB 240 remessa, and the bank's
-- retornos confirm, reject, settle or write off each title. A charge's bank_status runs beside its pipeline status.
-- Constant defaults and nullable columns only: PostgreSQL adds them without rewriting a large charges table.

alter table charges
    add column bank_status     text          not null default 'NOT_SENT'
                               check (bank_status in ('NOT_SENT', 'SENT', 'CONFIRMED', 'REJECTED', 'SETTLED', 'WRITTEN_OFF')),
    -- the bank's id of the title, set when the boleto is issued (BB 7-digit convênio: 17 digits)
    add column nosso_numero    text collate "C",
    -- the boleto's due date; due_date stays the debt's (an overdue debt gets a boleto due a few days ahead)
    add column boleto_due_date date,
    -- optional payer address columns of the CSV
    add column payer_address   text,
    add column payer_district  text,
    add column payer_zip_code  text,
    add column payer_city      text,
    add column payer_state     text,
    -- the remessa the title went in (exactly one)
    add column remittance_id   bigint,
    add column bank_updated_at timestamptz,
    -- the bank's settlement: date the money is credited and the tariff it charged
    add column credit_date     date,
    add column bank_tariff     numeric(12,2),
    -- the bank's latest refusal (codes with their meaning), for people reading the charge
    add column bank_reasons    text,
    -- the bank's retorno disagrees with what we had (e.g. the webhook's amount): shown, never silently overwritten
    add column bank_mismatch   text;

-- retornos match titles by nosso número
create unique index charges_nosso_numero_uq on charges (nosso_numero) where nosso_numero is not null;
-- the remittance function's work list, in seq order (new charges append at its right end: cheap for the import's COPY)
create index charges_bank_not_sent_idx on charges (seq) where bank_status = 'NOT_SENT';
create index charges_remittance_idx on charges (remittance_id, seq) where remittance_id is not null;

-- NSA (número sequencial do arquivo) per convênio: strictly increasing and never reused, even when a remessa's
-- transaction rolls back (the counter row is updated inside it, so a rollback returns the number unused but never
-- hands it out twice).
create table remittance_sequences (
    convenio text   primary key,
    last_nsa bigint not null default 0 check (last_nsa >= 0 and last_nsa <= 999999)
);

create table remittances (
    id           bigint        generated always as identity primary key,
    convenio     text          not null,
    nsa          bigint        not null,
    object_key   text          not null,
    -- BUILDING: its charges are marked SENT, the file may not be in the bucket yet (a crash there is repaired by
    -- the next run writing the same bytes again); WRITTEN: in the bucket
    status       text          not null default 'BUILDING' check (status in ('BUILDING', 'WRITTEN')),
    title_count  integer       not null,
    total_amount numeric(16,2) not null,
    -- the header's generation date and time: fixed here so that a re-written file has the same bytes
    generated_at timestamp     not null,
    created_at   timestamptz   not null default now(),
    written_at   timestamptz,
    unique (convenio, nsa)
);

create table return_files (
    id           bigint      generated always as identity primary key,
    object_key   text        not null,
    sha256       char(64)    not null unique,
    bank_code    text,
    convenio     text,
    nsa          bigint,
    -- APPLYING: being read (a crash leaves it so; the next delivery applies it again, idempotently per occurrence)
    status       text        not null default 'APPLYING' check (status in ('APPLYING', 'APPLIED', 'PARTIAL', 'FAILED')),
    occurrences  integer     not null default 0,
    matched      integer     not null default 0,
    unmatched    integer     not null default 0,
    duplicates   integer     not null default 0,
    errors       integer     not null default 0,
    error        text,
    report_key   text,
    note         text,
    received_at  timestamptz not null default now(),
    applied_at   timestamptz
);

create index return_files_nsa_idx on return_files (convenio, nsa);

-- Every occurrence read from a retorno, matched or not: an unknown nosso número is kept (debt_id null) and shown.
create table bank_events (
    id               bigint        generated always as identity primary key,
    return_file_id   bigint        not null references return_files (id),
    line             integer       not null,
    nosso_numero     text collate "C" not null,
    debt_id          text collate "C",
    code             text          not null,
    name             text,
    kind             text          not null check (kind in ('CONFIRMED', 'REJECTED', 'SETTLED', 'WRITTEN_OFF', 'OTHER')),
    occurrence_date  date,
    credit_date      date,
    amount           numeric(14,2),
    paid_amount      numeric(14,2),
    tariff           numeric(14,2),
    interest         numeric(14,2),
    discount         numeric(14,2),
    -- reason codes with their meaning, e.g. "45 CPF/CNPJ do pagador inválido"
    reasons          text[]        not null default '{}',
    received_at      timestamptz   not null default now()
);

-- the same occurrence in two files is applied once; coalesce: an occurrence without a date is still one occurrence
create unique index bank_events_occurrence_uq on bank_events (nosso_numero, code, coalesce(occurrence_date, date '0001-01-01'));
create index bank_events_debt_idx on bank_events (debt_id, id) where debt_id is not null;
create index bank_events_unmatched_idx on bank_events (id) where debt_id is null;
