-- Issue 9 (ADR 0009): the executor alone decides verification, from the detector's ConditionCleared
-- and its own executions; it no longer mirrors the detector's resolutions. When a condition clears
-- with no execution of the incident in progress, the executor answers ClearedWithoutRemediation and
-- remembers it here, so that a decision arriving later for the incident is skipped.
alter table incident_condition add column cleared_without_remediation_at timestamptz;

-- An incident the detector resolved before this version took no further action either: keep it so.
update incident_condition set cleared_without_remediation_at = resolved_at where resolved_at is not null;

alter table incident_condition drop column resolved_at;
