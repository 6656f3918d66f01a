#!/usr/bin/env bash
# Runs every *.test.ts beside the code with Node's test runner (tsx for TypeScript), two files at a
# time: each file is its own process with its own in-memory PGlite and its own anvil port.
# With TEST_DATABASE_URL (the PostgreSQL pass) only the files that open a test database run, one
# at a time: they share that one database, and the others would prove nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find lib db scripts -name '*.test.ts' -not -path '*/node_modules/*' | sort)
concurrency=2
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  mapfile -t files < <(grep -l 'openTestDatabase' "${files[@]}")
  concurrency=1
fi
exec node --conditions=react-server --import tsx --test --test-concurrency="$concurrency" "${files[@]}"
