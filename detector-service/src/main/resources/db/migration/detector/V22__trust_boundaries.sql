-- Issue 8, trust boundaries and input that costs too much.

-- The inventory target an incident is about: only ever what the collector's own configuration named
-- (MetricBatch.target), never what a sender wrote; null for alerts, logs, heartbeats and LLM traces.
alter table incident add column target text;
-- When the detector opened the incident by its own clock (opened_at is the signal's time): what the
-- budget of openings per minute counts. Null for incidents opened before this migration.
alter table incident add column recorded_at timestamptz;
create index incident_recorded on incident (recorded_at);
-- Resolved incidents are deleted after sentinel.detector.retention.resolved-incidents.
create index incident_resolved on incident (resolved_at) where phase = 'RESOLVED';

-- Rule metric-stale fires on a tick, long after the batches it judges: it keeps the target they named.
alter table metric_presence add column target text;

-- Incident storm: the fingerprints kept from opening an incident within the last minute, because more
-- than sentinel.detector.noise.storm.max-openings-per-minute opened. Trimmed to the minute on every tick.
create table storm_suppression (
    fingerprint   text primary key,
    suppressed_at timestamptz not null
);
create index storm_suppression_at on storm_suppression (suppressed_at);

-- Retention (sentinel.detector.retention): when each row was last touched, for the tables that did not say.
create index rule_condition_updated on rule_condition (updated_at);
alter table novelty_service add column last_seen_at timestamptz;
update novelty_service set last_seen_at = first_log_at;
alter table novelty_service alter column last_seen_at set not null;
alter table novelty_service alter column last_seen_at set default now();
create index novelty_service_seen on novelty_service (last_seen_at);
create index error_fingerprint_quiet on error_fingerprint (last_seen) where not active;
create index llm_trace_bucket_start on llm_trace_bucket (bucket_start);
create index llm_error_cascade_latest on llm_error_cascade (latest_trace_at) where not active;
alter table llm_output_schema add column updated_at timestamptz not null default now();
create index llm_output_schema_updated on llm_output_schema (updated_at) where not active;
alter table llm_score_history add column updated_at timestamptz not null default now();
create index llm_score_history_updated on llm_score_history (updated_at) where not active;
alter table llm_tool_failure add column updated_at timestamptz not null default now();
create index llm_tool_failure_updated on llm_tool_failure (updated_at);
