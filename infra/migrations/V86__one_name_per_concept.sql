-- One name per concept: the import loads "key ranges" (never "chunks"), and the rows it read and found valid are
-- "valid" (never "staged"). Renames only: no data moves. An import in flight during the deploy fails on the old
-- names and is taken over by the repair's re-delivery under the new code.
alter table import_chunks rename to import_key_ranges;
alter index import_chunks_pkey rename to import_key_ranges_pkey;
alter table import_key_ranges rename column chunk_no to range_no;
alter table invoice_outbox rename column chunk_no to range_no;
alter index invoice_outbox_chunk_idx rename to invoice_outbox_range_idx;
alter table uploads rename column rows_staged to rows_valid;
