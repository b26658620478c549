-- One analysis per incident: the first IncidentOpened is analysed, a repeated one changes nothing.
create table analysis (
    incident_id text primary key,
    analyst     text             not null check (analyst in ('HEURISTIC', 'LLM')),
    -- null when nothing in the catalog fits and a human has to look
    playbook_id text,
    risk        text             not null check (risk in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    root_cause  text             not null,
    confidence  double precision not null check (confidence between 0 and 1),
    created_at  timestamptz      not null
);
