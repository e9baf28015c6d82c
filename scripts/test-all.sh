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
# The server-layer tests again on PostgreSQL (issue 22): each test database a copy of one migrated template.
if [ -n "${PG_TEST_URL:-}" ]; then
	run env TEST_DB=postgres npx vitest run src/lib/server src/routes --reporter=default --reporter=json --outputFile.json=.test-reports/unit-pg.json
elif [ -n "${CI:-}" ]; then
	echo "PG_TEST_URL is not set: CI must run the server tests on PostgreSQL (.ci/run)"
	status=1
fi
run npx vite build
run npx playwright test
if [ -f vitest.reliability.config.ts ]; then
	run npx vitest run --config vitest.reliability.config.ts --reporter=default --reporter=json --outputFile.json=.test-reports/reliability.json
fi

node scripts/test-summary.mjs
exit $status
