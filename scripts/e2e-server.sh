#!/usr/bin/env bash
# Starts the built server for the e2e tests on a fresh seeded database with a known clock: a SQLite
# file by default; with E2E_DB=postgres a fresh PostgreSQL database (E2E_PG_DB, default
# frontdesk_e2e_<port>) on PG_TEST_URL (an owner's URL on loopback), migrated as a deployment is.
set -euo pipefail
port="${E2E_PORT:-4173}"
build="${BUILD_DIR:-build}"
if [ "${E2E_DB:-sqlite}" = postgres ]; then
	: "${PG_TEST_URL:?E2E_DB=postgres needs PG_TEST_URL (scripts/pg-cluster.sh start DIR PORT)}"
	DATABASE_URL=$(node --import tsx scripts/pg-fresh-db.ts "$PG_TEST_URL" "${E2E_PG_DB:-frontdesk_e2e_${port}}")
	node --import tsx scripts/pg-migrate.ts "$DATABASE_URL" >/dev/null
	export DATABASE_URL
else
	db="data/e2e-${port}.db"
	rm -f "$db" "$db-wal" "$db-shm"
	export DATABASE_URL="$db"
fi
export FRONTDESK_START_AT="${FRONTDESK_START_AT:-2026-11-23T09:00:00+08:00}"
export FRONTDESK_TEST_HOOKS=1
# The demo seeds a second centre: unpaired kiosks serve the first one (the pairing spec clears it).
export KIOSK_COMMUNITY="${KIOSK_COMMUNITY:-LMXG}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-e2e-Passw0rd!}"
node --import tsx scripts/seed.ts > /dev/null
BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-25M}" PORT="$port" ORIGIN="http://localhost:${port}" exec node "$build"
