-- Conditions that hold but have not held for their rule's full duration yet. A row disappears when
-- the condition stops holding or its incident opens; surviving a restart is what keeps a restart
-- from resetting every "for:" clock (or re-alerting).
create table pending_condition (
    fingerprint text primary key,
    since       timestamptz not null
);

-- Incidents this detector opened. At most one unresolved incident per fingerprint: repeats of the
-- same problem are counted on it, never opened again.
create table incident (
    incident_id    text primary key,
    fingerprint    text        not null,
    rule           text        not null,
    resource       text        not null,
    trace_parent   text        not null,
    phase          text        not null check (phase in ('FIRING', 'CLEARED', 'RESOLVED')),
    remediation    text        not null default 'NONE' check (remediation in ('NONE', 'RUNNING', 'FAILED')),
    occurrences    bigint      not null default 1,
    opened_at      timestamptz not null,
    last_update_at timestamptz,
    resolved_at    timestamptz
);
create unique index incident_one_open_per_fingerprint on incident (fingerprint) where phase <> 'RESOLVED';
