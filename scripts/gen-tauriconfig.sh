#!/usr/bin/env bash
# Regenerates internal/tauriconfig/data/tauriconfig.json.gz.
#   scripts/gen-tauriconfig.sh TAURI_GIT_DIR
# TAURI_GIT_DIR is a clone (bare is fine) of tauri's history; the CLI
# schemas come from the npm registry (npm pack, nothing is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
git_dir=${1:?usage: $0 TAURI_GIT_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every @tauri-apps/cli 2.x release's config.schema.json.
npm view @tauri-apps/cli versions --json | tr -d '[]" \n' | tr ',' '\n' |
  grep -E '^2\.[0-9]+\.[0-9]+$' >"$work/cli-versions"
while read -r v; do
  mkdir -p "$work/schemas/$v"
  (cd "$work/schemas/$v" && npm pack -s "@tauri-apps/cli@$v" >/dev/null &&
    tar xzf ./*.tgz package/config.schema.json && rm -f ./*.tgz)
done <"$work/cli-versions"

# tauri-utils' config.rs at the first commit of each tauri release.
mkdir -p "$work/configrs"
git --git-dir="$git_dir" log --reverse --format=%H HEAD -- crates/tauri/Cargo.toml |
  while read -r c; do
    v=$(git --git-dir="$git_dir" show "$c:crates/tauri/Cargo.toml" | sed -n 's/^version = "\(2\.[0-9]*\.[0-9]*\)"$/\1/p' | head -1)
    [ -n "$v" ] && [ ! -e "$work/configrs/$v.rs" ] || continue
    git --git-dir="$git_dir" show "$c:crates/tauri-utils/src/config.rs" >"$work/configrs/$v.rs"
  done

go run ./internal/tauriconfig/gen -schemas "$work/schemas" -configrs "$work/configrs"
