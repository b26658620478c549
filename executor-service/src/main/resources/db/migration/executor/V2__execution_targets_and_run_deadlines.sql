-- Issue 8: an execution acts on the inventory target its action was authorized for, never on a
-- place a signal's sender named. The row keeps that target as authorized (re-checked against the
-- inventory right before the run), and at most one action is in flight per target, whichever
-- incident asked for it.
alter table execution add column target_name text;
alter table execution add column target jsonb;
-- When the snapshot and the steps must have finished: the sum of their timeouts plus a margin, set
-- when the execution starts. A sweeper fails and rolls back executions still RUNNING past it.
alter table execution add column run_deadline timestamptz;

-- SKIPPED: admitted, but what it needed no longer held right before it started; nothing was sent.
alter table execution drop constraint execution_status_check;
alter table execution add constraint execution_status_check check (status in
    ('PENDING', 'RUNNING', 'VERIFYING', 'SUCCEEDED', 'ROLLING_BACK', 'ROLLED_BACK', 'ROLLBACK_FAILED', 'SKIPPED'));

create unique index execution_one_active_per_target on execution (target_name)
    where target_name is not null and status in ('PENDING', 'RUNNING', 'VERIFYING', 'ROLLING_BACK');
create index execution_run_deadline on execution (run_deadline) where status = 'RUNNING';
