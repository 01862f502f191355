-- A retorno's own occurrences (its counts when it is finished, its unknown titles, its confirmations awaiting an
-- e-mail) are found through this index: without it, finishing a file scanned every occurrence ever stored, a cost
-- that grew with each day's retorno. Appended in line order within a file, so it is cheap to keep.
create index bank_events_file_idx on bank_events (return_file_id, line);
