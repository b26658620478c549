create table handled (event_id text primary key, event_type text not null);
