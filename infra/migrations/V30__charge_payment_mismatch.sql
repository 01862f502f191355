-- A payment whose amount differs from the charge's is recorded all the same and flagged for a person to look at.
-- A constant default: PostgreSQL adds the column without rewriting the table.
alter table charges add column payment_mismatch boolean not null default false;
