#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit tool:
# in a throwaway repository, a commit that adds a dangerous capability must
# be blocked and a clean commit must pass. The hook is installed from this
# repository at HEAD (pre-commit clones it and builds it with `go install`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install pre-commit)"; exit 1; }
rev=$(git -C "$here" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --global user.name ci && git config --global user.email ci@example.com
git config --global commit.gpgsign false && git config --global init.defaultBranch main

repo="$work/app"
mkdir -p "$repo/src-tauri/capabilities"
cd "$repo"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $rev
    hooks:
      - id: tauriaudit
YAML
cat > src-tauri/tauri.conf.json <<'JSON'
{
  "identifier": "com.example.precommit",
  "build": { "frontendDist": "../dist" },
  "app": { "security": { "csp": "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'", "freezePrototype": true } }
}
JSON
cat > src-tauri/capabilities/main.json <<'JSON'
{ "identifier": "main", "windows": ["main"], "permissions": ["core:default"] }
JSON
pre-commit install >/dev/null
git add -A
git commit -qm "clean app" && echo "ok: clean commit passed"

cat > src-tauri/capabilities/remote.json <<'JSON'
{
  "identifier": "remote",
  "windows": ["main"],
  "remote": { "urls": ["https://*"] },
  "permissions": ["core:default", "core:window:allow-create"]
}
JSON
git add -A
if git commit -qm "bad capability" >"$work/out.txt" 2>&1; then
  cat "$work/out.txt"; echo "FAIL: a commit adding a remote capability for any https site was not blocked"; exit 1
fi
grep -q "TA-ACL-001" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: blocked, but not by TA-ACL-001"; exit 1; }
echo "ok: bad commit blocked by TA-ACL-001"
echo "pre-commit: 2 passed, 0 failed"
