-- People as other systems know them, mapped by an admin (POST /api/identities): today Slack users,
-- so that a button pressed in Slack is a vote by a known person with a known role.
create table identity (
    provider   text        not null check (provider in ('slack')),
    subject    text        not null,
    name       text        not null,
    role       text        not null check (role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    created_at timestamptz not null,
    created_by text        not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (provider, subject)
);

-- Signatures of the Slack requests taken, kept while their timestamp is within the replay window:
-- a request seen twice is refused, whichever gateway instance it reaches and across restarts.
create table slack_request_seen (
    signature  text        primary key,
    expires_at timestamptz not null
);
create index slack_request_seen_expiry on slack_request_seen (expires_at);
