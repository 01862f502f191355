-- The CSV import now reads and sorts the whole file on local disk (phase READING, nothing written but its lease),
-- then records counts, rejected rows and key ranges in one transaction and loads the ranges straight into charges
-- (phase LOADING). A dead import resumes by skipping the ranges already loaded, not by a byte offset, so the
-- per-batch checkpoint and the per-upload staging tables are gone.

alter table uploads drop constraint if exists uploads_import_phase_check;
update uploads set import_phase = 'READING' where import_phase = 'STAGING';
alter table uploads add constraint uploads_import_phase_check check (import_phase in ('READING', 'LOADING'));

alter table uploads
    drop column resume_row,
    drop column resume_byte_offset,
    drop column resume_line;

-- staging tables of imports that were under way at the upgrade (they read again from the first row)
do $$
declare t record;
begin
    for t in select tablename from pg_tables where schemaname = current_schema() and tablename like 'import\_staging\_%' loop
        execute format('drop table %I', t.tablename);
    end loop;
end $$;
