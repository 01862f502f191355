-- "REGISTERED" meant "stored by us"; at the bank, registered means something else (the title the bank accepted,
-- tracked in bank_status). The pipeline's first state is now CREATED.
alter table charges drop constraint charges_status_check;
update charges set status = 'CREATED' where status = 'REGISTERED';
alter table charges alter column status set default 'CREATED';
alter table charges add constraint charges_status_check
    check (status in ('CREATED', 'INVOICED', 'EMAILED', 'PAID', 'FAILED'));
