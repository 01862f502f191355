-- Uploads: one row per CSV object; the import's claim, counters and resume checkpoint live here.
create table uploads (
    id                  uuid        primary key,
    bucket              text        not null,
    object_key          text        not null,
    etag                text,
    file_name           text,
    content_length      bigint,
    status              text        not null default 'WAITING'
                        check (status in ('WAITING', 'IMPORTING', 'IMPORTED', 'COMPLETED', 'FAILED')),
    rows_total          bigint      not null default 0,
    rows_accepted       bigint      not null default 0,
    rows_rejected       bigint      not null default 0,
    rows_duplicate      bigint      not null default 0,
    bytes               bigint,
    created_at          timestamptz not null default now(),
    import_started_at   timestamptz,
    imported_at         timestamptz,
    completed_at        timestamptz,
    error               text,
    rejected_report_key text,
    -- resume: the last row (CSV record number) and byte offset whose batch committed
    resume_row          bigint      not null default 0,
    resume_byte_offset  bigint      not null default 0,
    -- claim: who is importing, until when (a crashed invocation's lease expires)
    lease_owner         text,
    lease_expires_at    timestamptz
);

create unique index uploads_object_uq on uploads (bucket, object_key);

-- Charges: one row per debt. debt_id is the identity across all uploads.
-- COLLATE "C" so that client-side byte ordering matches the unique index (fast sorted loads).
create table charges (
    debt_id         text collate "C" primary key,
    seq             bigint        generated always as identity,
    -- no foreign key: its per-row trigger costs about as much as the whole COPY of a 1M-row file; the
    -- import creates the upload row before any of its charges, in the same claim
    upload_id       uuid          not null,
    name            text          not null,
    government_id   text          not null,
    email           text          not null,
    amount          numeric(12,2) not null check (amount > 0),
    due_date        date          not null,
    status          text          not null default 'REGISTERED'
                    check (status in ('REGISTERED', 'INVOICED', 'EMAILED', 'PAID', 'FAILED')),
    barcode         char(44),
    digitable_line  char(47),
    invoice_key     text,
    attempts        integer       not null default 0,
    last_error      text,
    created_at      timestamptz   not null default now(),
    invoiced_at     timestamptz,
    emailed_at      timestamptz,
    paid_at         timestamptz,
    paid_amount     numeric(12,2),
    paid_by         text
);

create unique index charges_seq_uq on charges (seq);
-- progress of an upload by status; also the keyset walk of GET /charges?uploadId=
create index charges_upload_status_idx on charges (upload_id, status, seq);
