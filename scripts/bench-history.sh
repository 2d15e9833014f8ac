#!/usr/bin/env bash
# Times tauriaudit's git history audit against git on a synthetic
# repository and prints the ratios.
#   scripts/bench-history.sh [COMMITS] [SIGN_EVERY] [RUNS]   (default 20000 1 5)
#   BENCH_REPO=DIR scripts/bench-history.sh 0 0 RUNS         (an existing repository)
# The repository (built once under $BENCH_DIR, default /tmp/tauriaudit-bench)
# has COMMITS commits with merges and 19 signed release tags; every
# SIGN_EVERY-th commit is signed, alternating OpenPGP and SSH, with keys
# made by the real gpg and ssh-keygen. git 2.39's fast-import cannot carry
# signatures and one gpg process per commit takes minutes, so
# signing/internal/benchgen writes the objects and signs them in-process
# with the exported keys; git verifies them like any other signature.
# Compared, each on the same repository and trust material:
#   audit  signing/internal/benchaudit: walk all refs, verify every
#          signature, check release tags, search history blobs
#   git    git log --all --format='%H %G?' (gpg/ssh-keygen per commit)
#   floor  git rev-list --all
# Measured on the 2-core development machine (2026-11-25, shared with other
# work; git 2.39, gpg 2.2.40), wall ms:
#   every commit signed (20k ed25519 signatures): audit 862, cache warm 160,
#     git log %G? 370 s, rev-list 94 -> 430x faster than git; 9.2x the floor
#     cold (signature arithmetic alone is ~0.8 CPU-s), 1.7x with the cache.
#   every 10th commit signed (2,000 signatures): audit 162, cache warm 120,
#     git 15.1 s, rev-list 64 -> 93x faster than git; 2.5x cold, 1.9x warm.
#   BENCH_REPO=tauri-apps/tauri (20,548 commits, 18,993 signed by keys not in
#     the keyring, 1,459 tags): audit 1220 (503 without the blob search),
#     git 292 s, rev-list 137 -> 239x faster than git.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-20000}
every=${2:-1}
runs=${3:-5}
dir=${BENCH_DIR:-/tmp/tauriaudit-bench}/c$commits-e$every
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
bin=$(mktemp -d)
go build -o "$bin/benchaudit" ./signing/internal/benchaudit
go build -o "$bin/benchgen" ./signing/internal/benchgen

keys=${BENCH_DIR:-/tmp/tauriaudit-bench}/keys
if [ ! -f "$keys/allowed_signers" ]; then
  rm -rf "$keys" && mkdir -p -m 700 "$keys/gnupg"
  GNUPGHOME=$keys/gnupg gpg --batch --passphrase '' --quick-gen-key "Bench User <bench@example.com>" ed25519 sign never 2>/dev/null
  GNUPGHOME=$keys/gnupg gpg --batch --armor --export-secret-keys >"$keys/sec.asc"
  GNUPGHOME=$keys/gnupg gpg --batch --armor --export >"$keys/pub.asc"
  ssh-keygen -q -t ed25519 -N '' -C bench -f "$keys/id_ed25519"
  echo "bench@example.com namespaces=\"git\" $(cat "$keys/id_ed25519.pub")" >"$keys/allowed_signers"
fi
if [ -n "${BENCH_REPO:-}" ]; then
  dir=$BENCH_REPO # a real repository: its signers are not in our keys
elif [ ! -d "$dir/.git" ]; then
  rm -rf "$dir.tmp"
  "$bin/benchgen" -dir "$dir.tmp" -commits "$commits" -sign-every "$every" -gpg-key "$keys/sec.asc" -ssh-key "$keys/id_ed25519" >/dev/null
  mv "$dir.tmp" "$dir"
fi

# Wall and user+system CPU milliseconds per run are both printed: CPU
# time is steadier on a shared machine. git's verification runs once.
# measure N CMD...: N runs after one warm-up (none when N is 1).
measure() {
  local n=$1 out
  shift
  [ "$n" -gt 1 ] && "$@" >/dev/null 2>&1
  out=$( { /usr/bin/time -f '%e %U %S' bash -c "for i in \$(seq $n); do $(printf '%q ' "$@") >/dev/null 2>&1; done"; } 2>&1 | tail -1)
  awk -v r="$n" '{printf "%.1f %.1f\n", $1*1000/r, ($2+$3)*1000/r}' <<<"$out"
}
export GNUPGHOME=$keys/gnupg
audit=$(measure "$runs" "$bin/benchaudit" -q -repo "$dir" -trusted-keys "$keys/pub.asc" -allowed-signers "$keys/allowed_signers")
sigonly=$(measure "$runs" "$bin/benchaudit" -q -secrets=false -repo "$dir" -trusted-keys "$keys/pub.asc" -allowed-signers "$keys/allowed_signers")
# Warm: a verification cache primed by one earlier run (as CI with a
# cached ~/.cache/tauriaudit, or a developer's second run).
cache=$(mktemp -d)
"$bin/benchaudit" -q -cache-dir "$cache" -repo "$dir" -trusted-keys "$keys/pub.asc" -allowed-signers "$keys/allowed_signers"
warm=$(measure "$runs" "$bin/benchaudit" -q -cache-dir "$cache" -repo "$dir" -trusted-keys "$keys/pub.asc" -allowed-signers "$keys/allowed_signers")
rm -rf "$cache"
gitv=$(measure 1 git -C "$dir" -c gpg.ssh.allowedSignersFile="$keys/allowed_signers" log --all "--format=%H %G?")
floor=$(measure "$runs" git -C "$dir" rev-list --all)
"$bin/benchaudit" -repo "$dir" -trusted-keys "$keys/pub.asc" -allowed-signers "$keys/allowed_signers"
read -r aw ac <<<"$audit"; read -r sw sc <<<"$sigonly"; read -r ww wc <<<"$warm"; read -r gw gc <<<"$gitv"; read -r fw fc <<<"$floor"
printf '%-34s %10s %10s\n' case "wall ms" "cpu ms"
printf '%-34s %10s %10s\n' "tauriaudit history audit" "$aw" "$ac"
printf '%-34s %10s %10s\n' "tauriaudit, no history blob search" "$sw" "$sc"
printf '%-34s %10s %10s\n' "tauriaudit, verification cached" "$ww" "$wc"
printf '%-34s %10s %10s\n' "git log --all --format='%H %G?'" "$gw" "$gc"
printf '%-34s %10s %10s\n' "git rev-list --all (floor)" "$fw" "$fc"
printf 'git verification / audit: %.1fx wall (target >= 20x)\n' "$(bc -l <<<"$gw/$aw")"
printf 'audit / floor:            %.1fx wall, %.1fx cpu (target <= 2x)\n' "$(bc -l <<<"$aw/$fw")" "$(bc -l <<<"$ac/$fc")"
printf 'cached audit / floor:     %.1fx wall, %.1fx cpu (target <= 2x)\n' "$(bc -l <<<"$ww/$fw")" "$(bc -l <<<"$wc/$fc")"
