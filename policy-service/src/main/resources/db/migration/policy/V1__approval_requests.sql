-- Actions waiting for a person's approval, and how each wait ended. A request leaves PENDING exactly
-- once: every status change is conditional on status = 'PENDING'.
create table approval_request (
    approval_id        text primary key,
    incident_id        text        not null,
    playbook_id        text        not null,
    parameters         jsonb       not null,
    risk               text        not null check (risk in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    environment        text        not null,
    resource           text        not null,
    labels             jsonb       not null,
    required_role      text        not null check (required_role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    -- the policy rule that asked for approval, named again on the authorization
    policy_rule        text        not null,
    status             text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    expires_at         timestamptz not null,
    decided_by         text,
    decided_at         timestamptz,
    -- the ApprovalRequested event's trace: votes and expiry continue the incident's trace
    trace_parent       text        not null,
    analysis_event_id  text        not null,
    requested_event_id text        not null
);
create index approval_request_pending_expiry on approval_request (expires_at) where status = 'PENDING';
create index approval_request_incident on approval_request (incident_id);
