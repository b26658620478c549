-- Every vote the gateway cast, one per person and approval: the primary key is what makes a second
-- vote by the same voter fail, however many requests race for it (approve or reject alike).
create table approval_vote (
    approval_id text        not null,
    voter       text        not null,
    vote        text        not null check (vote in ('APPROVE', 'REJECT')),
    cast_at     timestamptz not null,
    event_id    text        not null,
    primary key (approval_id, voter)
);

-- What an approval would touch, as the policy service's ApprovalRequested said: the inventory target
-- (name, environment, urls, kubernetes) and the playbook's parameters, so that an approver sees
-- exactly what they approve. Null for requests that named no target, and for rows made before.
alter table approval_view
    add column target            jsonb,
    add column action_parameters jsonb;
