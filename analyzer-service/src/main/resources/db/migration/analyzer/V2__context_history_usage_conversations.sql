-- What the analysis was, in full: who answered, why no model did, what the model cost.
alter table analysis
    add column model           text,
    add column fallback_reason text,
    add column tokens_in       bigint,
    add column tokens_out      bigint,
    add column cost_usd        double precision,
    add column latency_ms      bigint;

-- The analyzer's window on each resource, fed from sentinel.signals.v1; bounded in time and size
-- (sentinel.analyzer.context.*), expired by the retention job.

-- At most one point per series per resolution step (at = the step's start).
create table signal_point (
    resource text             not null,
    series   text             not null,
    name     text             not null,
    at       timestamptz      not null,
    value    double precision not null,
    primary key (resource, series, at)
);
create index signal_point_name on signal_point (resource, name, at);
create index signal_point_at on signal_point (at);

create table log_line (
    id          bigserial   primary key,
    resource    text        not null,
    level       text        not null,
    error       boolean     not null,
    message     text        not null,
    stack_trace text,
    at          timestamptz not null,
    received_at timestamptz not null
);
create index log_line_resource on log_line (resource, error, at desc);
create index log_line_received on log_line (received_at);

create table llm_trace (
    resource     text             not null,
    trace_id     text             not null,
    name         text             not null,
    at           timestamptz      not null,
    generations  int              not null,
    tool_calls   int              not null,
    failed_steps int              not null,
    cost_usd     double precision not null,
    tokens       bigint           not null,
    scores       jsonb            not null,
    problem      text,
    received_at  timestamptz      not null,
    primary key (resource, trace_id)
);
create index llm_trace_received on llm_trace (received_at);

-- Past incidents: how each was analysed, remediated and how that ended; the description and its
-- embedding (all-MiniLM-L6-v2, 384 floats) find similar ones.
create table incident_history (
    incident_id   text        primary key,
    rule          text        not null,
    resource      text        not null,
    title         text        not null,
    signal        text        not null,
    target        text,
    environment   text        not null,
    labels        jsonb       not null,
    opened_at     timestamptz not null,
    description   text        not null,
    embedding     real[],
    analyst       text,
    root_cause    text,
    proposed      text,
    remediation   text,
    outcome       text,
    status        text        not null default 'OPEN' check (status in ('OPEN', 'RESOLVED', 'ESCALATED')),
    closed_at     timestamptz,
    updated_at    timestamptz not null
);
create index incident_history_opened on incident_history (opened_at desc);
create index incident_history_closed on incident_history (closed_at);

create table incident_timeline (
    id          bigserial   primary key,
    incident_id text        not null references incident_history (incident_id) on delete cascade,
    at          timestamptz not null,
    entry       text        not null
);
create index incident_timeline_incident on incident_timeline (incident_id, at);

-- Tokens spent per day (UTC), against sentinel.analyzer.llm.daily-token-budget; shared by replicas.
create table model_usage (
    day        date             primary key,
    tokens_in  bigint           not null,
    tokens_out bigint           not null,
    cost_usd   double precision,
    calls      int              not null
);

-- Ask Sentinel: the turns of each conversation, per person who asked (a conversation id alone never
-- reveals someone else's questions), bounded by sentinel.analyzer.ask.max-history-turns.
create table conversation_turn (
    conversation_id text        not null,
    asked_by        text        not null,
    question_id     text        not null,
    question        text        not null,
    answer          text        not null,
    asked_at        timestamptz not null,
    primary key (conversation_id, asked_by, question_id)
);
create index conversation_turn_asked on conversation_turn (asked_at);
