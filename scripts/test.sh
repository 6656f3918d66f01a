#!/usr/bin/env bash
# All tests, as the README and CI run them: lint, types, unit tests, the production build, then the
# end-to-end suite on embedded PGlite and again on a real PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Temporary files of this run only: two runs on one machine must not share them.
build_log=$(mktemp /tmp/storefront-build.XXXXXX)
pg_dir=""
cleanup() {
  rm -f "$build_log"
  if [ -n "$pg_dir" ]; then bash scripts/postgres-cluster.sh stop "$pg_dir"; fi
}
trap cleanup EXIT

bash scripts/ensure-test-deps.sh

echo "== lint and types"
npx eslint . --max-warnings 0
npx tsc --noEmit

echo "== unit tests (PGlite in memory, anvil)"
bash scripts/unit-tests.sh

echo "== production build"
npx next build >"$build_log" 2>&1 || { cat "$build_log"; exit 1; }

echo "== end-to-end (embedded PGlite)"
npx playwright test -c e2e/playwright.config.ts

echo "== PostgreSQL: unit and end-to-end"
pg_dir=$(mktemp -d /tmp/storefront-pg.XXXXXX)
pg_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_url=$(bash scripts/postgres-cluster.sh start "$pg_dir" "$pg_port" storefront_unit storefront_e2e)
TEST_DATABASE_URL="$pg_url/storefront_unit" bash scripts/unit-tests.sh
DATABASE_URL="$pg_url/storefront_e2e" npx playwright test -c e2e/playwright.config.ts
