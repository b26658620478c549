-- One Sentinel service's database roles: a role that owns the service's schema and runs its
-- migrations, and a role the service runs as, which can use that schema and nothing else.
-- Run once per service, as a superuser or a role with CREATEROLE, connected to Sentinel's database,
-- after replacing the three placeholders:
--   ${schema}  the service's schema, i.e. its name: collector, detector, analyzer, policy, executor,
--              notifier or gateway
--   ${owner}   the migration role, e.g. sentinel_detector_owner (SENTINEL_DB_MIGRATION_USER)
--   ${app}     the runtime role, e.g. sentinel_detector (SENTINEL_DB_USER)
-- Then give both a password (ALTER ROLE ... PASSWORD '...') from your secret store. Re-running it
-- changes nothing. docs/database-roles.md explains it; Sentinel's tests run a service this way.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${owner}') THEN
        CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app}') THEN
        CREATE ROLE ${app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner};
REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC;
GRANT USAGE ON SCHEMA ${schema} TO ${app};

-- Tables and sequences the migrations create from now on ...
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${app};
-- ... and those that exist already (migrations that ran before the roles did).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app};
