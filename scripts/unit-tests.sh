#!/usr/bin/env bash
# Runs every *.test.ts beside the code with Node's test runner (tsx for TypeScript).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find lib db scripts -name '*.test.ts' -not -path '*/node_modules/*' | sort)
exec node --conditions=react-server --import tsx --test --test-concurrency=1 "${files[@]}"
