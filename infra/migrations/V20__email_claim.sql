-- E-mail claim: the e-mail function takes a lease on a charge before sending it, so two deliveries of the
-- same EmailRequested (SQS delivers at least once) cannot both send. A crashed sender's lease expires.
alter table charges
    add column email_claim_token uuid,
    add column email_claim_until timestamptz;
