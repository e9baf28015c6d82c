#!/usr/bin/env bash
# One command for the demo: install, migrate + seed, build, serve on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
export DATABASE_URL="${DATABASE_URL:-data/frontdesk.db}"
# The demo has two centres; the hall kiosk serves the first without pairing (README: pairing).
export KIOSK_COMMUNITY="${KIOSK_COMMUNITY:-LMXG}"
node --import tsx scripts/seed.ts
npx vite build
echo "Serving on http://localhost:${PORT:-3000} (Ctrl+C to stop)"
BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-25M}" PORT="${PORT:-3000}" ORIGIN="${ORIGIN:-http://localhost:${PORT:-3000}}" exec node build
