-- One row per authorized action the executor took on. The decision's event id is the idempotency
-- key: a redelivered decision finds its row and runs nothing.
create table execution (
    execution_id      text primary key,
    decision_event_id text        not null unique,
    incident_id       text        not null,
    playbook_id       text        not null,
    parameters        jsonb       not null,
    labels            jsonb       not null,
    resource          text        not null,
    status            text        not null check (status in
                          ('PENDING', 'RUNNING', 'VERIFYING', 'SUCCEEDED', 'ROLLING_BACK', 'ROLLED_BACK', 'ROLLBACK_FAILED')),
    started_at        timestamptz,
    verify_deadline   timestamptz,
    finished_at       timestamptz,
    trace_parent      text        not null,
    outcome_detail    text
);
-- Two remediations acting on one incident at once could undo each other: at most one is active.
create unique index execution_one_active_per_incident on execution (incident_id)
    where status in ('PENDING', 'RUNNING', 'VERIFYING', 'ROLLING_BACK');
create index execution_verification_deadline on execution (verify_deadline) where status = 'VERIFYING';

-- What the target looked like before the action: the body a rollback restores.
create table snapshot (
    execution_id text primary key references execution (execution_id),
    body         text        not null,
    taken_at     timestamptz not null
);

-- What the detector said about each incident: when its condition last cleared, whether it resolved.
create table incident_condition (
    incident_id text primary key,
    cleared_at  timestamptz,
    resolved_at timestamptz
);
