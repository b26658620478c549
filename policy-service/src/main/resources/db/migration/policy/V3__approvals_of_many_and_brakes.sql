-- N-of-M approvals: how many distinct people must approve, who asked (their approval never counts),
-- and which rule a brake overrode when a brake asked for approval.
alter table approval_request add column required_approvals int not null default 1
    check (required_approvals between 1 and 5);
alter table approval_request add column requested_by text;
alter table approval_request add column overridden_rule text;

-- The votes that counted, one per person and request: a second vote by the same person finds its row.
create table approval_vote (
    approval_id   text        not null references approval_request (approval_id),
    voter         text        not null,
    vote          text        not null check (vote in ('APPROVE', 'REJECT')),
    vote_event_id text        not null,
    counted_at    timestamptz not null,
    primary key (approval_id, voter)
);

-- What the detector last said about each incident, for rules on severity, detector rule and observation.
create table incident_fact (
    incident_id text primary key,
    rule        text        not null,
    severity    text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    signal      text        not null,
    value       double precision,
    updated_at  timestamptz not null
);
create index incident_fact_updated on incident_fact (updated_at);

-- Actions authorized without a person, for the rate brakes (per target, in the whole system).
create table auto_authorization (
    analysis_event_id text primary key,
    incident_id       text        not null,
    target            text,
    authorized_at     timestamptz not null
);
create index auto_authorization_at on auto_authorization (authorized_at);
create index auto_authorization_target on auto_authorization (target, authorized_at);

-- Executions that failed their verification or were rolled back: one per execution, for the global brake.
create table execution_failure (
    execution_id text primary key,
    incident_id  text        not null,
    kind         text        not null,
    failed_at    timestamptz not null
);
create index execution_failure_at on execution_failure (failed_at);

-- The global brake: one row, engaged until an admin releases it.
create table global_brake (
    name           text primary key check (name = 'global'),
    engaged        boolean not null,
    engaged_at     timestamptz,
    engaged_reason text,
    released_at    timestamptz,
    released_by    text,
    release_reason text
);
insert into global_brake (name, engaged) values ('global', false);

-- Every release handled, by its id: the same release delivered again releases nothing a second time.
create table brake_release (
    release_id  text primary key,
    released_by text        not null,
    outcome     text        not null,
    handled_at  timestamptz not null
);
