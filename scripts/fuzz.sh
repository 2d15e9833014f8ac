#!/usr/bin/env bash
# Runs the module's fuzz targets.
#
#   scripts/fuzz.sh [DUR]                     every target for DUR (default 30s)
#   scripts/fuzz.sh --campaign DUR [REGEX]    every target whose name matches
#                                             REGEX for DUR (a duration, or a
#                                             count of executions such as
#                                             5000000x), niced, one worker,
#                                             adding each run to the campaign log
#   scripts/fuzz.sh --summary                 the campaign log's totals per target
#
# The campaign log (FUZZ_LOG, default .fuzz/campaign.log) holds one line
# per run: date, commit, package, target, duration, executions. A
# campaign runs at FUZZ_NICE (default 19) with one worker per target. Runs add
# up across invocations, so a campaign can be spread over several sittings.
#
# New interesting inputs are minimized for at most FUZZ_MINIMIZE (default
# 100x, i.e. 100 calls): Go's default of 60 s per input stalls the slow
# targets, whose workers then spend most of a run minimizing.
#
# A target that records a failing input under testdata/fuzz fails the run
# (with its whole log); a campaign goes on with the next target and fails
# at the end. One that fails only with Go's own end-of-fuzztime deadline
# error counts as completed (see deadline_race); one that fails otherwise
# without recording an input (a worker that hung or died under load) is
# retried once.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
minimize=${FUZZ_MINIMIZE:-100x}
campaign_log=${FUZZ_LOG:-.fuzz/campaign.log}
mode=plain
case "${1:-}" in
--campaign) mode=campaign dur=${2:?--campaign needs a duration} match=${3:-.} ;;
--summary) mode=summary ;;
*) dur=${1:-30s} match=. ;;
esac

summary() {
  [ -s "$campaign_log" ] || { echo "no campaign runs in $campaign_log"; return; }
  awk '
    { key = $3 " " $4; runs[key]++; execs[key] += $6; secs[key] += $5 + 0
      if (!(key in order)) { order[key] = n++ ; keys[n - 1] = key } }
    END {
      printf "%-22s %-24s %5s %8s %14s %10s\n", "package", "target", "runs", "seconds", "execs", "execs/s"
      for (i = 0; i < n; i++) { k = keys[i]; split(k, p, " "); sub(/^github\.com\/tauriaudit\/tauriaudit\/?/, "", p[1])
        printf "%-22s %-24s %5d %8d %14d %10.0f%s\n", (p[1] == "" ? "." : p[1]), p[2], runs[k], secs[k], execs[k],
          (secs[k] ? execs[k] / secs[k] : 0), (execs[k] >= 1e7 ? "  reached 1e7" : "") }
    }' "$campaign_log"
}

if [ "$mode" = summary ]; then
  summary
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()

inputs() { { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l; }

# deadline_race: the run failed only because Go's fuzzing coordinator
# reported its own -fuzztime deadline ("context deadline exceeded" and
# nothing else after the FAIL line, no input written): a race at the end of
# the duration, golang/go#75804, fixed in Go 1.27 but not in 1.26. The run
# did its whole duration, so it counts as completed.
deadline_race() {
  grep -q '^--- FAIL: ' "$log" && ! grep -q 'Failing input written' "$log" &&
    grep -qE '^[[:space:]]*context deadline exceeded$' "$log" &&
    ! awk '/^--- FAIL: /{f=1; next} f' "$log" | grep -qvE '^[[:space:]]*context deadline exceeded$|^FAIL|^exit status [0-9]+$'
}

fuzz() {
  local cmd=(go test -run='^$' -fuzz="^$2\$" -fuzztime="$dur" -fuzzminimizetime="$minimize")
  if [ "$mode" = campaign ]; then
    cmd=(nice -n "${FUZZ_NICE:-19}" "${cmd[@]}" -parallel=1)
  fi
  "${cmd[@]}" "$1" >"$log" 2>&1
}

# seconds converts a go duration of h, m and s units (30s, 10m0s, 1h2m3s)
# to whole seconds.
seconds() {
  local d=$1 total=0 n unit
  for unit in h m s; do
    if [[ "$d" =~ ^([0-9]+)$unit(.*)$ ]]; then
      n=${BASH_REMATCH[1]} d=${BASH_REMATCH[2]}
      case $unit in h) total=$((total + n * 3600)) ;; m) total=$((total + n * 60)) ;; s) total=$((total + n)) ;; esac
    fi
  done
  echo "$total"
}

# record logs the run: its executions and the time the fuzzer itself
# reports, which is right for a count (-fuzztime 5000000x) as well as
# for a duration.
record() {
  local last execs elapsed
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -1)
  execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
  elapsed=$(sed -nE 's/^fuzz: elapsed: ([0-9hms]+),.*/\1/p' <<<"$last")
  mkdir -p "$(dirname "$campaign_log")"
  echo "$(date -u +%FT%TZ) $commit $1 $2 $(seconds "${elapsed:-0s}") ${execs:-0}" >>"$campaign_log"
}

for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    [[ "$target" =~ $match ]] || continue
    echo "-- $pkg $target ($dur)"
    commit=$(git rev-parse --short HEAD) # what this run builds, whatever HEAD is when it ends
    before=$(inputs "$dir" "$target")
    if ! fuzz "$pkg" "$target"; then
      if [ "$(inputs "$dir" "$target")" -gt "$before" ]; then
        cat "$log"; echo "fuzzing found a failing input: see testdata/fuzz/$target"
        [ "$mode" = campaign ] || exit 1
        failed+=("$pkg $target")
        continue
      fi
      if deadline_race; then
        echo "   ended with Go's fuzztime deadline race (golang/go#75804), not an input: counted as completed"
        grep -E '^fuzz: elapsed' "$log" | tail -1 || true
        if [ "$mode" = campaign ]; then
          record "$pkg" "$target"
        fi
        continue
      fi
      echo "   failed without a recorded input; retrying once. The failed run ended with:"
      tail -n 15 "$log" | sed 's/^/   | /'
      if ! fuzz "$pkg" "$target"; then
        cat "$log"
        [ "$mode" = campaign ] || exit 1
        failed+=("$pkg $target")
        continue
      fi
    fi
    grep -E '^fuzz: elapsed' "$log" | tail -1 || true
    if [ "$mode" = campaign ]; then
      record "$pkg" "$target"
    fi
  done
done

if [ "$mode" = campaign ]; then
  summary
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failed[@]}"
  exit 1
fi
