-- The last change of each runtime setting this gateway published to sentinel.config.v1, one row per
-- setting name. A read-modify-write of a setting (adding a silence) starts from the newer of this
-- and what the gateway has read back from the topic, which may not have caught up with the
-- gateway's own last publication yet.
create table setting_published (
    name       text primary key,
    -- The value as JSON text, kept as written (jsonb would reorder its keys); null after a removal.
    value      text,
    changed_by text        not null,
    changed_at timestamptz not null,
    event_id   text        not null
);
