#!/usr/bin/env bash
# Installs what the tests need on a fresh machine and runs every test: lint, type check, unit,
# model regression guards and browser tests. `.ci/run` calls this and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "Debian packages for the tests (chromium, espeak-ng)"
bash scripts/ensure-test-packages.sh

step "lint"
npx eslint .

step "type check"
npx tsc --noEmit -p tsconfig.json

step "unit tests"
npx vitest run

step "build (test mode)"
npx vite build --mode test

step "browser tests"
npx playwright test
