-- Rules hourly-baseline-spike and llm-cost-spike. One row per series and clock hour (UTC): what the
-- hour's samples added up to, so an hour's value is total / samples (rates) or total (spend). The
-- baseline of an hour is the mean over the 168 hours before it; rows older than 8 days are deleted.
create table baseline_hour (
    -- the series' incident fingerprint (rule, resource, signal and series labels)
    series      text             not null,
    hour        timestamptz      not null,
    total       double precision not null,
    samples     bigint           not null,
    recorded_at timestamptz      not null,
    primary key (series, hour)
);
create index baseline_hour_by_hour on baseline_hour (hour);

-- Rule ewma-baseline-deviation. Per series, the exponentially weighted mean and variance of what it
-- learned; a series not updated for sentinel.detector.baseline.forget-after is deleted.
create table baseline_ewma (
    series         text primary key,
    resource       text             not null,
    signal         text             not null,
    mean           double precision not null,
    variance       double precision not null,
    samples        bigint           not null,
    -- the newest sample learned from or judged: older or repeated samples are skipped
    last_sample_at timestamptz      not null,
    recorded_at    timestamptz      not null
);
create index baseline_ewma_recorded on baseline_ewma (recorded_at);
