-- What an approver is shown the action would touch (the inventory's target when the request was made),
-- and so what the action is authorized on; null when the incident names no listed target.
alter table approval_request add column target jsonb;
