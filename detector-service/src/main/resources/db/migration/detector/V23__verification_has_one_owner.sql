-- Issue 9, ADR 0009: verification has one owner. The detector keeps no copy of the executor's state
-- (the remediation column mirrored it); an incident whose condition cleared awaits the executor's
-- verdict (CLEARED), or, flapping, waits for the condition to stay clear (SETTLING).
alter table incident add column escalated boolean not null default false;
-- Whether the fingerprint was flapping when the condition last cleared: decided then, applied on the verdict.
alter table incident add column flapping boolean not null default false;
update incident set escalated = true where remediation = 'FAILED';
alter table incident drop constraint incident_phase_check;
alter table incident add constraint incident_phase_check check (phase in ('FIRING', 'CLEARED', 'SETTLING', 'RESOLVED'));
-- Before, a cleared incident without a fix running was a flapping one waiting to settle: it settles as before.
update incident set phase = 'SETTLING', flapping = true where phase = 'CLEARED' and remediation <> 'RUNNING';
alter table incident drop column remediation;

-- The condition's return while the incident awaited the executor's verdict (a finding, as JSON): opened as a
-- new incident once the verdict has ended this one.
alter table incident add column returned jsonb;

create index incident_settling on incident (cleared_at) where phase = 'SETTLING';
