#!/usr/bin/env bash
# Times tauriaudit against the floor of reading the same input files, in
# one run on this machine, and prints the ratio.
#   scripts/bench-scan.sh [RUNS]        (default 20 runs each)
# Cases: every corpus app scanned one by one (wall time per scan, process
# start included), the whole corpus in one scan, and the ACL resolution of
# the largest app, each against `cat` of the files tauriaudit reads
# (config, capability, permission, manifest, lock and workflow files).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
corpus=${CORPUS:-../shared/corpus}
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto} CGO_ENABLED=0 # static, as released
bin=$(mktemp -d)/tauriaudit
go build -o "$bin" ./cmd/tauriaudit

# ns_per_run CMD...: mean wall nanoseconds of CMD over $runs runs.
ns_per_run() {
  local start end
  "$@" >/dev/null 2>&1 || true # warm-up
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo $(((end - start) / runs))
}

inputs() { find "$1" -type f \( -name '*.json' -o -name '*.json5' -o -name '*.toml' -o -name '*.lock' -o -name '*.yaml' -o -name '*.yml' \) -not -path '*/node_modules/*'; }

printf '%-40s %10s %10s %7s\n' case "scan ms" "cat ms" ratio
worst=0
for app in "$corpus"/*/; do
  name=$(basename "$app")
  mapfile -t files < <(inputs "$app")
  scan=$(ns_per_run "$bin" scan --format json "$app")
  floor=$(ns_per_run cat "${files[@]}")
  printf '%-40s %10.1f %10.1f %7.1f\n' "$name" "$(bc -l <<<"$scan/1000000")" "$(bc -l <<<"$floor/1000000")" "$(bc -l <<<"$scan/$floor")"
  ((scan > worst)) && worst=$scan
done
mapfile -t files < <(inputs "$corpus")
scan=$(ns_per_run "$bin" scan --format json "$corpus")
floor=$(ns_per_run cat "${files[@]}")
printf '%-40s %10.1f %10.1f %7.1f\n' "whole corpus (${#files[@]} files)" "$(bc -l <<<"$scan/1000000")" "$(bc -l <<<"$floor/1000000")" "$(bc -l <<<"$scan/$floor")"
printf 'slowest repository scan: %.1f ms (repositories may hold several apps)\n' "$(bc -l <<<"$worst/1000000")"

# ACL resolution of the largest corpus app (by size of its permission
# manifests): `tauriaudit acl` loads and resolves every platform.
largest=${LARGEST:-$corpus/HuLaSpark__HuLa}
mapfile -t files < <(inputs "$largest")
acl=$(ns_per_run "$bin" acl --format json "$largest")
floor=$(ns_per_run cat "${files[@]}")
printf '%-40s %10.1f %10.1f %7.1f\n' "acl $(basename "$largest")" "$(bc -l <<<"$acl/1000000")" "$(bc -l <<<"$floor/1000000")" "$(bc -l <<<"$acl/$floor")"
