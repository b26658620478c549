-- What the notifier knows about each incident from its opening, so that later notifications
-- (approval needed, resolved, escalated) can name the incident rather than quote an id.
create table incident_summary (
    incident_id text primary key,
    title       text        not null,
    severity    text        not null,
    resource    text        not null,
    environment text,
    opened_at   timestamptz not null
);

-- The notifier's own outbox: one row per notification per webhook, written in the transaction that
-- consumed the event and sent by the dispatcher until the receiver accepts it or attempts run out.
create table delivery (
    delivery_id     text primary key,
    event_id        text        not null,
    webhook         text        not null,
    kind            text        not null,
    payload         jsonb       not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    delivered_at    timestamptz,
    -- the order notifications were raised in, which each webhook receives them in
    created_at      timestamptz not null default clock_timestamp(),
    unique (event_id, webhook)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
