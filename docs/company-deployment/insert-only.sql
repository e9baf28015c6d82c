-- Insert-only ledger tables (财务数据只增不改), the PostgreSQL form of src/lib/server/db/append-only.ts:
-- a BEFORE UPDATE/DELETE row trigger and a BEFORE TRUNCATE statement trigger refuse the change.
-- A row trigger on a partitioned table is cloned onto every partition, present and future.
-- INSERT … ON CONFLICT DO UPDATE (an "upsert") fires the UPDATE trigger, so it is refused too.
SET search_path = frontdesk;

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table: %', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation', HINT = 'correct with a new row that points at this one';
END $$;

CREATE FUNCTION make_insert_only(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER no_update_delete BEFORE UPDATE OR DELETE ON %s
                  FOR EACH ROW EXECUTE FUNCTION refuse_change()', t);
  EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %s
                  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()', t);
END $$;

-- The tables of APPEND_ONLY_TABLES present in partitions.sql (the real migration lists them all).
SELECT make_insert_only(t) FROM unnest(ARRAY[
  'bills', 'payments', 'payment_refs', 'payment_lines', 'payment_voids',
  'principal_postings', 'ticket_events', 'audit_log'
]::regclass[]) AS t;

-- A TRUNCATE of one partition does not fire its parent's statement trigger (verified): each
-- partition gets its own. The yearly job runs `SELECT add_year(y); SELECT guard_truncate();`.
CREATE FUNCTION guard_truncate() RETURNS void LANGUAGE plpgsql SET search_path = frontdesk AS $$
DECLARE part regclass;
BEGIN
  FOR part IN
    SELECT i.inhrelid::regclass FROM pg_inherits i
    WHERE EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = i.inhparent AND t.tgname = 'no_truncate')
      AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = i.inhrelid AND t.tgname = 'no_truncate')
  LOOP
    EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON %s
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()', part);
  END LOOP;
END $$;
SELECT guard_truncate();

-- A table's owner can disable the triggers, DETACH or DROP a partition. So the app never owns the tables: migrations run as frontdesk_owner, the app
-- connects as frontdesk_app with no UPDATE/DELETE/TRUNCATE on the ledger at all.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'frontdesk_app') THEN
    CREATE ROLE frontdesk_app LOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA frontdesk TO frontdesk_app;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA frontdesk TO frontdesk_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA frontdesk TO frontdesk_app;
-- Plain, changing tables (tickets' projection, the receipt counters) also get UPDATE.
GRANT UPDATE ON tickets TO frontdesk_app;
ALTER ROLE frontdesk_app SET search_path = frontdesk;
