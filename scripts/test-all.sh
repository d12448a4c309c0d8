#!/usr/bin/env bash
# Quick start (b): install everything the tests need and run every test:
# typecheck, lint, unit + integration (data tests on PGlite AND a throwaway PostgreSQL), e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
started=$(date +%s)
step() { echo; echo "━━ $* ($(( $(date +%s) - started ))s)"; }

step "Install"
ensure_node_modules
ensure_chromium
ensure_xmllint

step "Typecheck"
npx tsc --noEmit

step "Lint and format (biome check: lint rules, formatter, import order)"
npx biome check .

step "Build"
ensure_next_build

step "Unit and integration tests (PGlite + PostgreSQL)"
pg_url=$(bash scripts/pg/throwaway-postgres.sh start)
trap 'bash scripts/pg/throwaway-postgres.sh stop >/dev/null 2>&1 || true' EXIT
mkdir -p reports
TEST_DATABASE_URL="$pg_url" npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json

step "End-to-end tests (Playwright, Debian Chromium)"
npx playwright test

step "All tests passed in $(( $(date +%s) - started ))s"
node scripts/lib/summarise-tests.mjs reports/vitest.json reports/playwright.json
