#!/usr/bin/env bash
# Runs every fuzz target of the module for the given duration each
# (default 30s): scripts/fuzz.sh 2m. Prints the executions per target.
# A target that records a failing input under testdata/fuzz fails the run
# (with its whole log); one that fails without recording an input (a
# worker that hung or died under load) is retried once.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-30s}
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

inputs() { { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l; }

fuzz() { go test -run='^$' -fuzz="^$2\$" -fuzztime="$dur" "$1" >"$log" 2>&1; }

for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "-- $pkg $target ($dur)"
    before=$(inputs "$dir" "$target")
    if ! fuzz "$pkg" "$target"; then
      if [ "$(inputs "$dir" "$target")" -gt "$before" ]; then
        cat "$log"; echo "fuzzing found a failing input: see testdata/fuzz/$target"; exit 1
      fi
      echo "   failed without a recorded input; retrying once"
      if ! fuzz "$pkg" "$target"; then
        cat "$log"; exit 1
      fi
    fi
    grep -E '^fuzz: elapsed' "$log" | tail -1 || true
  done
done
