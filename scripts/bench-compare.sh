#!/usr/bin/env bash
# Compares two builds of tauriaudit in one run, interleaved, on the corpus.
#   scripts/bench-compare.sh [BASE_REV] [RUNS]    (default: HEAD~1, 15 runs)
# Builds BASE_REV (from a temporary worktree) and the working tree, then for
# every corpus repository and for the whole corpus runs the two binaries
# alternately RUNS times each and prints the median wall time (process
# start included) and the median CPU time (user+sys) of each, and their
# ratio. Interleaving keeps a loaded machine from favouring one side.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
runs=${2:-15}
corpus=${CORPUS:-../shared/corpus}
# CGO_ENABLED=0: release binaries are static (internal/release), and the
# dynamic loader alone costs a few milliseconds per run.
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto} GOFLAGS=-buildvcs=false CGO_ENABLED=0
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

git worktree add --detach -q "$tmp/base" "$base"
(cd "$tmp/base" && go build -o "$tmp/old" ./cmd/tauriaudit)
go build -o "$tmp/new" ./cmd/tauriaudit

# sample BIN ARGS...: one run; prints "wall_ms cpu_ms".
# bash's time keeps milliseconds (GNU time's %e rounds to 10 ms).
sample() {
  local TIMEFORMAT='%3R %3U %3S'
  { time "$@" >/dev/null 2>&1; } 2>"$tmp/t" || true
  awk '{printf "%.1f %.1f\n", $1*1000, ($2+$3)*1000}' "$tmp/t"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

compare() {
  local name=$1; shift
  : >"$tmp/old.s"; : >"$tmp/new.s"
  "$tmp/old" "$@" >/dev/null 2>&1 || true; "$tmp/new" "$@" >/dev/null 2>&1 || true # warm-up
  for ((i = 0; i < runs; i++)); do
    sample "$tmp/old" "$@" >>"$tmp/old.s"
    sample "$tmp/new" "$@" >>"$tmp/new.s"
  done
  local ow oc nw nc
  ow=$(cut -d' ' -f1 "$tmp/old.s" | median); oc=$(cut -d' ' -f2 "$tmp/old.s" | median)
  nw=$(cut -d' ' -f1 "$tmp/new.s" | median); nc=$(cut -d' ' -f2 "$tmp/new.s" | median)
  printf '%-36s %9s %9s %9s %9s %6.2f\n' "$name" "$ow" "$nw" "$oc" "$nc" "$(bc -l <<<"$nw/($ow+0.001)")"
}

printf '%-36s %9s %9s %9s %9s %6s\n' case "old wall" "new wall" "old cpu" "new cpu" "ratio"
# The machine's own floor: what starting any small process costs here.
: >"$tmp/git.s"
for ((i = 0; i < runs; i++)); do sample git --version >>"$tmp/git.s"; done
printf '%-36s %9s %9s\n' "git --version (machine floor)" "$(cut -d' ' -f1 "$tmp/git.s" | median)" "$(cut -d' ' -f1 "$tmp/git.s" | median)"
# The floor every scan pays: process start and package initialisation.
compare "process start (--version)" --version
for app in "$corpus"/*/; do
  compare "$(basename "$app")" scan --no-cache --format json "$app"
done
compare "whole corpus" scan --no-cache --format json "$corpus"
compare "acl HuLaSpark__HuLa" acl --format json "$corpus/HuLaSpark__HuLa"
echo "(milliseconds, medians of $runs interleaved runs; ratio = new wall / old wall; base $(git rev-parse --short "$base"))"
