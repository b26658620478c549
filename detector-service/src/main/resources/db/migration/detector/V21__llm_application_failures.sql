-- LLM application failure rules. All of it is state the rules need to judge the next batch the same
-- way after a restart (and not to alert again on what they already reported).

-- llm-error-cascade: traces and failed traces per application in 10-second buckets of trace time.
-- Only the buckets of the current and the previous window are kept (older ones are deleted as the
-- application's windows move on).
create table llm_trace_bucket (
    application  text        not null,
    bucket_start timestamptz not null,
    traces       integer     not null,
    failed       integer     not null,
    primary key (application, bucket_start)
);

create table llm_error_cascade (
    application     text primary key,
    latest_trace_at timestamptz      not null,
    active          boolean          not null,
    -- the failed-trace share the active condition fired against; null while quiet
    baseline_rate   double precision
);

-- llm-prompt-drift, outputs: the schema learned per (application, generation) and the latest outcomes.
create table llm_output_schema (
    application    text    not null,
    generation     text    not null,
    learned        integer not null,
    -- required top-level key -> the JSON types it may have
    schema_keys    jsonb   not null,
    -- latest outcomes after learning, oldest first: '1' matched, '0' did not (at most recent-outputs)
    recent         text    not null,
    active         boolean not null,
    last_violation text,
    primary key (application, generation)
);

-- llm-prompt-drift, evaluation scores: the latest values per (application, score name), oldest first,
-- at most recent-scores + baseline-scores of them.
create table llm_score_history (
    application   text    not null,
    score         text    not null,
    score_values  jsonb   not null,
    active        boolean not null,
    -- the baseline mean the active regression fired against; null while quiet
    baseline_mean double precision,
    primary key (application, score)
);

-- llm-agent-loop: agent runs in progress, merged from their pieces. Expired window after they began,
-- capped per application (sentinel.detector.llm.agent-loop.max-traces-per-application).
create table llm_agent_trace (
    application     text             not null,
    trace_id        text             not null,
    agent           text             not null,
    first_at        timestamptz      not null,
    last_at         timestamptz      not null,
    -- ids of the steps already counted (at most max-observations-per-trace)
    observation_ids jsonb            not null,
    generations     integer          not null,
    cost_usd        double precision not null,
    -- fingerprint of a normalised generation output -> how often it was produced
    output_counts   jsonb            not null,
    primary key (application, trace_id)
);
create index llm_agent_trace_begun on llm_agent_trace (first_at);
create index llm_agent_trace_per_application on llm_agent_trace (application, first_at);

-- llm-silent-tool-failure: the latest silent failures per (application, tool), oldest first (at most 100).
create table llm_tool_failure (
    application  text  not null,
    tool         text  not null,
    failures     jsonb not null,
    last_failure text  not null,
    primary key (application, tool)
);

-- Active conditions that clear after a quiet period without their symptom (agent loops, silent tool failures).
create table llm_episode (
    fingerprint text primary key,
    rule        text        not null,
    application text        not null,
    last_seen   timestamptz not null
);
create index llm_episode_quiet on llm_episode (rule, last_seen);
