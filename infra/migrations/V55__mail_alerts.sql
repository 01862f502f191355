-- Conditions that hold back every e-mail rather than one charge: the SMTP account or sender is refused
-- (SENDING_BLOCKED, e.g. SES "Email address is not verified") or the server throttles us (THROTTLED, SES 454).
-- One row per kind; the e-mail function raises it (count and last_seen grow while it lasts) and clears it
-- (resolved_at) when an e-mail is accepted again. The status API shows the open ones.
create table mail_alerts (
    kind        text primary key,
    message     text        not null,
    first_seen  timestamptz not null default now(),
    last_seen   timestamptz not null default now(),
    count       bigint      not null default 1,
    resolved_at timestamptz
);
