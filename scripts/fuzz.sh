#!/usr/bin/env bash
# Runs every fuzz target of the module for the given duration each
# (default 30s): scripts/fuzz.sh 2m. Prints the executions per target.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-30s}
export GOTOOLCHAIN=local
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "-- $pkg $target ($dur)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$dur" "$pkg" 2>&1 | grep -E 'elapsed|FAIL|panic|ok|failing input' | tail -3
  done
done
