#!/usr/bin/env bash
# Starts the built server for the e2e tests on a fresh seeded database with a known clock.
set -euo pipefail
port="${E2E_PORT:-4173}"
build="${BUILD_DIR:-build}"
db="data/e2e-${port}.db"
rm -f "$db" "$db-wal" "$db-shm"
export DATABASE_URL="$db"
export FRONTDESK_START_AT="${FRONTDESK_START_AT:-2026-11-23T09:00:00+08:00}"
export FRONTDESK_TEST_HOOKS=1
# The demo seeds a second centre: unpaired kiosks serve the first one (the pairing spec clears it).
export KIOSK_COMMUNITY="${KIOSK_COMMUNITY:-LMXG}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-e2e-Passw0rd!}"
node --import tsx scripts/seed.ts > /dev/null
BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-25M}" PORT="$port" ORIGIN="http://localhost:${port}" exec node "$build"
