-- CSV import (issue 2): what resuming needs beyond V1, rejected rows kept until the report is written,
-- the key ranges of the load into charges, and the invoice outbox.
--
-- An import has two phases. STAGING: the file is read, valid rows are COPYed into a per-upload staging table
-- (import_staging_<uploadId hex>, created and dropped by the import) and rejected rows into import_rejected,
-- one transaction per batch with the resume checkpoint. LOADING: the staged rows move into charges in debt_id
-- order, one key range (import_chunks) per transaction, each writing the InvoiceRequested batches of the
-- charges it created to invoice_outbox; the outbox is drained to SQS after commit.

alter table uploads
    add column import_phase text check (import_phase in ('STAGING', 'LOADING')),
    -- line number at resume_byte_offset (a quoted value may span lines, so rows and lines differ)
    add column resume_line  bigint not null default 1,
    -- valid rows staged so far; at the end rows_accepted + rows_duplicate = rows_staged
    add column rows_staged  bigint not null default 0;

create table import_rejected (
    upload_id uuid   not null references uploads (id) on delete cascade,
    line      bigint not null,
    reason    text   not null,
    row_text  text   not null
);

create index import_rejected_upload_line_idx on import_rejected (upload_id, line);

create table import_chunks (
    upload_id       uuid    not null references uploads (id) on delete cascade,
    chunk_no        integer not null,
    lower_exclusive text collate "C", -- null: from the first debt_id
    upper_inclusive text collate "C", -- null: to the last debt_id
    done            boolean not null default false,
    primary key (upload_id, chunk_no)
);

-- InvoiceRequested batches written with the charges they name; deleted once SQS accepted them. chunk_no: the key
-- range whose transaction wrote the batch, so a sender can take exactly one committed range's batches.
create table invoice_outbox (
    id        bigint  generated always as identity primary key,
    upload_id uuid    not null,
    chunk_no  integer not null,
    debt_ids  text[]  not null
);

create index invoice_outbox_upload_idx on invoice_outbox (upload_id, id);
create index invoice_outbox_chunk_idx on invoice_outbox (upload_id, chunk_no, id);
