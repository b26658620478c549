-- Rule novel-error. When each service's logs started: its learning period runs from here, and it
-- must survive restarts, or every restart would start a new learning period (or none at all).
create table novelty_service (
    service      text primary key,
    first_log_at timestamptz not null,
    -- rows in error_fingerprint for this service, kept alongside so the cap is checked without counting
    known        integer     not null default 0
);

-- The errors each service is known to produce, by normalised fingerprint. Capped per service
-- (sentinel.detector.novelty.max-fingerprints-per-service): the least recently seen inactive ones go first.
create table error_fingerprint (
    service            text        not null,
    fingerprint        text        not null,
    exception_type     text,
    normalized_message text        not null,
    -- the first occurrence's raw message, at most 1 KiB
    sample_message     text        not null,
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    occurrences        bigint      not null,
    -- seen during the service's learning period: known from the start, never alerted on
    learned            boolean     not null,
    -- its novel-error condition is active (fired, not yet quiet for quiet-for)
    active             boolean     not null,
    primary key (service, fingerprint)
);
create index error_fingerprint_recency on error_fingerprint (service, last_seen) where not active;
create index error_fingerprint_active on error_fingerprint (last_seen) where active;
