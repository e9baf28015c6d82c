-- Twin of drizzle/0042_shared_state.sql (issue 22): state several app instances share lives in the
-- database. A community's settings version, bumped by triggers whenever its row or its dated
-- setting changes are written; files staged between an import's preview and its confirm, and the
-- progress of a preview being checked.
ALTER TABLE communities ADD settings_version integer DEFAULT 0 NOT NULL;

-- One function for both triggers. Two branches: PL/pgSQL resolves NEW.community_id even in a CASE
-- branch never taken, and a communities row has none.
CREATE FUNCTION bump_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	community bigint;
BEGIN
	IF TG_TABLE_NAME = 'communities' THEN
		community := NEW.id;
	ELSE
		community := NEW.community_id;
	END IF;
	UPDATE communities SET settings_version = settings_version + 1 WHERE id = community;
	RETURN NULL;
END $$;

-- settings_version is not in the column list, so the trigger's own UPDATE does not fire it again.
CREATE TRIGGER communities_settings_version AFTER UPDATE OF code, name, centre_name, time_zone, settings
	ON communities FOR EACH ROW EXECUTE FUNCTION bump_settings_version();
CREATE TRIGGER setting_changes_settings_version AFTER INSERT ON setting_changes
	FOR EACH ROW EXECUTE FUNCTION bump_settings_version();

CREATE TABLE import_staged (
	token text PRIMARY KEY,
	community_id bigint NOT NULL,
	actor_id bigint NOT NULL,
	bytes bytea NOT NULL,
	file_name text NOT NULL,
	encoding text,
	kind text NOT NULL,
	digest text NOT NULL,
	created_at bigint NOT NULL,
	expires_at bigint NOT NULL,
	FOREIGN KEY (community_id) REFERENCES communities (id),
	FOREIGN KEY (actor_id) REFERENCES staff_users (id)
);
CREATE INDEX import_staged_expiry ON import_staged (expires_at);
CREATE INDEX import_staged_community ON import_staged (community_id, created_at);

CREATE TABLE import_progress (
	job text PRIMARY KEY,
	actor_id bigint NOT NULL,
	phase text NOT NULL,
	done integer NOT NULL,
	total integer NOT NULL,
	at bigint NOT NULL,
	FOREIGN KEY (actor_id) REFERENCES staff_users (id)
);
CREATE INDEX import_progress_at ON import_progress (at);
