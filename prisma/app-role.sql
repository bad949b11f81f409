-- The role the API and the worker connect as (DATABASE_URL). Migrations run as the owner
-- (MIGRATION_DATABASE_URL), and this file is applied as the owner after every migrate:
-- scripts/services.mjs (grantAppRole) does that for the private and the test databases.
-- The audit log is for this role INSERT and SELECT only, its chain head SELECT and UPDATE.
-- :app_role is replaced by the role name before this runs (letters, digits and _ only).
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ':app_role') THEN
    CREATE ROLE :app_role LOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO :app_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :app_role;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :app_role;
REVOKE ALL ON TABLE _prisma_migrations FROM :app_role;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE audit_entries FROM :app_role;
REVOKE INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE audit_chain_head FROM :app_role;
