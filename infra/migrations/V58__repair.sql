-- Repair (issue 9): a scheduled function moves forward what a lost message or a crash left behind, using the
-- database as the record of what is owed, and records what it found where a person looks (GET /uploads/{id}).

-- When the repair last enqueued the charge again: it waits a whole stale period before enqueuing it once more, so a
-- long backlog is not flooded with copies. Nullable, no default: added without rewriting the table.
alter table charges add column repair_enqueued_at timestamptz;

-- One row per repair run: what it did and what it could not repair (messages in dead-letter queues).
create table repair_runs (
    id                 bigint      generated always as identity primary key,
    started_at         timestamptz not null,
    finished_at        timestamptz not null default now(),
    imports_restarted  integer     not null,
    invoices_requeued  bigint      not null,
    emails_requeued    bigint      not null,
    uploads_completed  integer     not null,
    -- queue name -> approximate number of messages; {} when none is configured
    dead_lettered      jsonb       not null,
    -- charges FAILED, by reason (the first line of last_error)
    failed_by_reason   jsonb       not null
);

create index repair_runs_started_idx on repair_runs (started_at desc);

-- Per upload, what the last repair run that looked at it found waiting longer than the stale age.
create table upload_repairs (
    upload_id         uuid        primary key references uploads (id) on delete cascade,
    waiting_invoice   bigint      not null default 0,
    waiting_email     bigint      not null default 0,
    -- total charges of this upload the repair enqueued again, over all runs
    requeued          bigint      not null default 0,
    imports_restarted integer     not null default 0,
    -- the upload's charges CREATED and EMAILED at that run: when neither moved for a whole run, nothing is
    -- working on the upload, and its waiting charges are taken for lost (a long backlog is not)
    created_left      bigint,
    emailed_done      bigint,
    checked_at        timestamptz not null
);
