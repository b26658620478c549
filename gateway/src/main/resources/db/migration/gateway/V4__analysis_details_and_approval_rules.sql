-- What the latest analysis said beyond its root cause: who produced it ('heuristic' or 'llm:<model>'),
-- the evidence it names, what the model's answer cost, and the past incidents it drew on.
alter table incident_view
    add column analyst_label     text,
    add column evidence          jsonb,
    add column model_usage       jsonb,
    add column similar_incidents jsonb;

-- What the policy rule asked of approvers: how many distinct people, which rule (or brake) asked,
-- who requested a manual run (their own vote never counts) and which rule a brake overrode.
alter table approval_view
    add column required_approvals integer,
    add column policy_rule        text,
    add column requested_by       text,
    add column overridden_rule    text;
