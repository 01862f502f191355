-- Rejected rows travel one way (issue 12): the import merges its spool of rejected rows straight into
-- reports/{uploadId}/rejected.csv when the plan commits, so they no longer pass through a table. The few rows the
-- database itself refuses while loading a key range are kept on that range, in the range's transaction (a retried
-- import still reports them), until the import ends: [{"line": n, "reason": "...", "row": "..."}, ...].
drop table import_rejected;

alter table import_chunks add column refused jsonb;
