#!/usr/bin/env bash
# Everything CI runs: lint and format, type check, unit tests, build, e2e, reliability. Prints a summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf .test-reports && mkdir -p .test-reports
status=0
run() { echo "▶ $*"; "$@" || status=1; }

run npm run i18n
run npx svelte-kit sync
run npm run lint
run npm run check
run npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/unit.json
run npx vite build
run npx playwright test
if [ -f vitest.reliability.config.ts ]; then
	run npx vitest run --config vitest.reliability.config.ts --reporter=default --reporter=json --outputFile.json=.test-reports/reliability.json
fi
# The reliability suite again on PostgreSQL (PG_TEST_URL: an owner's URL, scripts/pg-cluster.sh).
if [ -f vitest.reliability.config.ts ] && [ -n "${PG_TEST_URL:-}" ]; then
	run env RELIABILITY_DB=postgres npx vitest run --config vitest.reliability.config.ts --reporter=default --reporter=json --outputFile.json=.test-reports/reliability-pg.json
fi

node scripts/test-summary.mjs
exit $status
