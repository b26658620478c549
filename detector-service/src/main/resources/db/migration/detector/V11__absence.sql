-- Rule heartbeat-missed. One row per heartbeat: configured ones from the first tick that expected
-- them (watched_since, so a restart does not reset the clock of one never seen), the others from
-- their first beat. every_ms / grace_ms are what the last beat said (null: the configuration decides).
create table heartbeat (
    name          text primary key,
    labels        jsonb       not null default '{}',
    every_ms      bigint,
    grace_ms      bigint,
    watched_since timestamptz not null,
    last_beat_at  timestamptz,
    recorded_at   timestamptz not null
);

-- Rule queue-stuck. Recent depth and consumption samples per queue, trimmed to two windows on every
-- batch; a queue with no sample recorded for sentinel.detector.absence.forget-after is deleted.
create table queue_sample (
    resource    text             not null,
    queue       text             not null,
    at          timestamptz      not null,
    depth       double precision,
    consumed    double precision,
    recorded_at timestamptz      not null,
    primary key (resource, queue, at)
);
create index queue_sample_recorded on queue_sample (recorded_at);

-- Rule metric-stale. Per watched series: how often it arrived and when it last did (the detector's
-- clock, so a sender's skewed clock cannot make it look stale); forgotten after forget-after.
create table metric_presence (
    series          text primary key,
    resource        text        not null,
    signal          text        not null,
    -- the series' labels and signal (its fingerprint), and everything known about it (the incident's labels)
    identity        jsonb       not null,
    labels          jsonb       not null,
    observations    bigint      not null,
    last_sample_at  timestamptz not null,
    last_arrival_at timestamptz not null
);
create index metric_presence_arrival on metric_presence (last_arrival_at);
