-- A charge's events are read by its nosso número (the leading column of bank_events_occurrence_uq, which every event
-- already pays for) instead of by debt_id: the index on debt_id cost every stored occurrence a fifth index entry,
-- about a fifth of a retorno's time to store its events, for a look-up the unique index serves as well.
drop index if exists bank_events_debt_idx;
