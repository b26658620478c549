-- Shared by every service, created in each service's own schema.

-- Ids of events this service has processed: a redelivered event changes nothing.
create table inbox (
    event_id     text primary key,
    topic        text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
create index inbox_processed_at on inbox (processed_at);

-- Events written in the same transaction as the state change that caused them, then relayed to
-- Kafka: a state change is never published without being committed, nor committed without being
-- published.
create table outbox (
    seq        bigserial primary key,
    event_id   text        not null unique,
    topic      text        not null,
    record_key text        not null,
    headers    jsonb       not null,
    payload    bytea       not null,
    created_at timestamptz not null default now()
);
