#!/usr/bin/env bash
# All tests, as the README and CI run them: lint, types, unit tests, the production build, then the
# end-to-end suite on embedded PGlite and again on a real PostgreSQL server.
#
# Independent steps run side by side: most of a test's time is spent waiting (on a store starting,
# a chain, a browser), not computing. Each step writes its own log, printed whole when the step
# ends, with its duration; every step runs to its end and any failed step fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Temporary files of this run only: two runs on one machine must not share them.
logs=$(mktemp -d /tmp/storefront-test.XXXXXX)
pg_dir=""
cleanup() {
  # Steps still running when the run is interrupted or a phase fails.
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$pg_dir" ]; then bash scripts/postgres-cluster.sh stop "$pg_dir"; fi
  rm -rf "$logs"
}
trap cleanup EXIT

run_started=$SECONDS
declare -A step_pid=() step_file=()

# step NAME COMMAND...: runs a command (or a shell function) in the background, its output to a log.
step() {
  local name=$1
  shift
  local file="$logs/step-${#step_pid[@]}"
  step_file[$name]=$file
  (
    started=$SECONDS
    if "$@" >"$file.log" 2>&1; then status=0; else status=$?; fi
    # Wall time, and the processor time of the step's processes (user + system, from `times`): on
    # a machine shared with other work the second says what the step itself cost.
    # (`times` into a file, not a pipe: in a pipe it runs in a fork that has no children.)
    times >"$file.times"
    cpu=$(tail -n 1 "$file.times" | awk '{ total = 0; for (i = 1; i <= 2; i++) { split($i, t, /m|s/); total += t[1] * 60 + t[2] } printf "%d", total }')
    echo "$((SECONDS - started)) s, processor $cpu s" >"$file.took"
    exit "$status"
  ) &
  step_pid[$name]=$!
}

# finish NAME...: waits for the steps, prints each one's log and duration; fails if any step failed.
finish() {
  local failed=()
  for name in "$@"; do
    local status=0
    wait "${step_pid[$name]}" || status=$?
    echo "== $name: $([ "$status" -eq 0 ] && echo passed || echo "FAILED (exit $status)") in $(cat "${step_file[$name]}.took" 2>/dev/null || echo ?)"
    cat "${step_file[$name]}.log"
    [ "$status" -eq 0 ] || failed+=("$name")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "== failed: ${failed[*]} (after $((SECONDS - run_started)) s)"
    exit 1
  fi
}

phase() {
  echo "== $1 (at $((SECONDS - run_started)) s)"
}

bash scripts/ensure-test-deps.sh

# A PostgreSQL cluster of this run, for the PostgreSQL unit tests and end-to-end pass.
pg_dir=$(mktemp -d /tmp/storefront-pg.XXXXXX)
pg_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_url=$(bash scripts/postgres-cluster.sh start "$pg_dir" "$pg_port" storefront_unit storefront_e2e)

# tsc reads the build's generated route types (.next/types): it runs before the build, not beside it.
# (Chained with &&: `set -e` does not apply inside a function a step runs as a condition.)
types_and_build() {
  npx tsc --noEmit && echo "types: ok; production build:" && npx next build
}
lint_and_unit() {
  npx eslint . --max-warnings 0 && echo "lint: ok; unit tests:" && bash scripts/unit-tests.sh
}

phase "lint, types and the production build | unit tests (PGlite in memory, anvil) | unit tests (PostgreSQL)"
step "types, build" types_and_build
step "lint, unit tests (PGlite)" lint_and_unit
step "unit tests (PostgreSQL)" env TEST_DATABASE_URL="$pg_url/storefront_unit" bash scripts/unit-tests.sh
finish "lint, unit tests (PGlite)" "unit tests (PostgreSQL)" "types, build"

# The PGlite pass beside the PostgreSQL pass. Each Playwright run keeps its own output folder under
# test-results/. (Two halves of the PGlite pass as a third lane were no faster on two cores, and a
# browser test flaked under that contention.)
phase "end-to-end: embedded PGlite | PostgreSQL"
rm -rf test-results playwright-report
step "end-to-end (PGlite)" env E2E_RUN=pglite npx playwright test -c e2e/playwright.config.ts
step "end-to-end (PostgreSQL)" env E2E_RUN=postgresql DATABASE_URL="$pg_url/storefront_e2e" npx playwright test -c e2e/playwright.config.ts
finish "end-to-end (PGlite)" "end-to-end (PostgreSQL)"

echo "== all passed in $((SECONDS - run_started)) s"
