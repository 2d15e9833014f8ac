#!/usr/bin/env bash
# Checks scripts/fuzz.sh's deadline_race on sample logs: only a run whose
# sole failure is Go's own end-of-fuzztime deadline error counts as
# completed; a written input, a hung worker or a panic never does. Also
# checks seconds(), which turns the fuzzer's elapsed time into the log's.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source <(sed -n '/^deadline_race() {/,/^}/p; /^seconds() {/,/^}/p' scripts/fuzz.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() { # NAME WANT(race|other) LOG-TEXT
  log="$work/$1"
  printf '%b' "$3" >"$log"
  got=other
  if deadline_race; then got=race; fi
  [ "$got" = "$2" ] || { echo "deadline_race on $1: got $got, want $2"; exit 1; }
}

end='fuzz: elapsed: 19m10s, execs: 9313240 (8216/sec), new interesting: 406 (total: 1135)\n'
check race race "$end--- FAIL: FuzzResolve (1150.28s)\n    context deadline exceeded\nFAIL\nexit status 1\nFAIL\tpkg\t1150.322s\n"
check crash other "$end--- FAIL: FuzzX (3.01s)\n    --- FAIL: FuzzX (0.00s)\n        x_test.go:9: panic: boom\n    Failing input written to testdata/fuzz/FuzzX/abc\n    To re-run:\nFAIL\nexit status 1\n"
check hung other "$end--- FAIL: FuzzX (3.01s)\n    fuzzing process hung or terminated unexpectedly: exit status 2\nFAIL\nexit status 1\n"
check mixed other "$end--- FAIL: FuzzX (3.01s)\n    context deadline exceeded\n    fuzzing process hung or terminated unexpectedly\nFAIL\nexit status 1\n"
check build other "# pkg\n./x_test.go:3:1: syntax error\nFAIL\tpkg [build failed]\n"
for c in 0s:0 9s:9 10m0s:600 19m10s:1150 1h2m3s:3723 2h0m0s:7200; do
  got=$(seconds "${c%%:*}")
  [ "$got" = "${c##*:}" ] || { echo "seconds ${c%%:*}: got $got, want ${c##*:}"; exit 1; }
done
echo "fuzz.sh deadline_race: 5 cases pass; seconds: 6 cases pass"
