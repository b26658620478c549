-- Rule condition state, for every rule family: pending ("for:" clock running) or active (fired and
-- not cleared). Replaces pending_condition, which only knew thresholds.
create table rule_condition (
    fingerprint   text primary key,
    pending_since timestamptz,
    active        boolean     not null,
    updated_at    timestamptz not null
);
insert into rule_condition (fingerprint, pending_since, active, updated_at)
select fingerprint, since, false, now() from pending_condition;
insert into rule_condition (fingerprint, pending_since, active, updated_at)
select fingerprint, null, true, now() from incident where phase = 'FIRING'
on conflict (fingerprint) do nothing;
drop table pending_condition;

-- What noise control needs to know about open incidents, and when a flapping one last cleared.
alter table incident add column severity text not null default 'WARNING';
alter table incident add column labels jsonb not null default '{}';
alter table incident add column cleared_at timestamptz;
create index incident_fingerprint_opened on incident (fingerprint, opened_at);
