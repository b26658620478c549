-- The incident read model: every topic folded into what a person asks about an incident. Rows are
-- created by whichever event about an incident arrives first (topics are consumed independently),
-- so everything that only IncidentOpened knows is nullable.
create table incident_view (
    incident_id     text primary key,
    state           text        not null check (state in ('OPEN', 'ANALYZED', 'AUTO_APPROVED', 'AWAITING_APPROVAL', 'APPROVED',
                                                          'REJECTED', 'EXPIRED', 'BLOCKED', 'EXECUTING', 'VERIFYING',
                                                          'RESOLVED', 'ROLLED_BACK', 'ESCALATED')),
    -- ce_time of the event that set the state; null while the state is only implied. An event older
    -- than this (a slower topic delivering late) does not move the state back.
    state_since     timestamptz,
    title           text,
    severity        text,
    resource        text,
    environment     text,
    rule            text,
    fingerprint     text,
    labels          jsonb,
    opened_at       timestamptz,
    updated_at      timestamptz not null,
    resolved_at     timestamptz,
    resolution      text,
    playbook_id     text,
    risk            text,
    analyst         text,
    root_cause      text,
    confidence      double precision,
    fallback_reason text,
    approval_id     text,
    trace_id        text        not null
);
create index incident_view_newest on incident_view ((coalesce(opened_at, updated_at)) desc, incident_id);
create index incident_view_state on incident_view (state);

-- One entry per event about an incident: the event id makes a redelivery a no-op, seq keeps the
-- arrival order for events that happened at the same instant.
create table timeline_entry (
    event_id    text primary key,
    incident_id text        not null,
    seq         bigserial   not null,
    occurred_at timestamptz not null,
    type        text        not null,
    source      text        not null,
    summary     text        not null,
    detail      jsonb       not null,
    trace_id    text        not null
);
create index timeline_entry_by_incident on timeline_entry (incident_id, occurred_at, seq);

-- Approval requests and their outcome. requested_event_id and trace_parent are what a vote needs to
-- name its cause and continue the incident's trace.
create table approval_view (
    approval_id        text primary key,
    incident_id        text not null,
    state              text not null check (state in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    required_role      text check (required_role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    playbook_id        text,
    risk               text,
    requested_at       timestamptz,
    expires_at         timestamptz,
    decided_by         text,
    decided_at         timestamptz,
    requested_event_id text,
    trace_parent       text
);
create index approval_view_by_incident on approval_view (incident_id);

-- API keys, stored only as the SHA-256 of the whole key: the plaintext is shown once, at creation.
create table api_key (
    id           text primary key,
    name         text        not null,
    role         text        not null check (role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    key_hash     text        not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz not null,
    created_by   text        not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Who did what through the API, written in the same transaction as the act itself.
create table audit_log (
    id         text primary key,
    at         timestamptz not null,
    actor      text        not null,
    actor_role text,
    action     text        not null,
    target     text        not null,
    detail     jsonb       not null
);
create index audit_log_by_target on audit_log (target, at);
