-- The health of each scrape target, rewritten after every attempt: what an operator queries when a
-- resource goes quiet, and what a restart resumes from, so a target that failed before the restart
-- keeps its failure count after it.
create table scrape_target (
    name                 text primary key,
    url                  text    not null,
    last_attempt_at      timestamptz,
    last_success_at      timestamptz,
    consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
    last_error           text
);
