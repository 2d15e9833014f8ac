#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit tool:
# in a throwaway repository, a commit that adds a dangerous capability must
# be blocked and a clean commit must pass: in the main work tree, in a
# linked worktree with a detached HEAD, and with a split index. The hook is
# installed from this repository at HEAD (pre-commit clones it and builds
# it with `go install`).
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
passed=0

# expect_pass MSG: commit what is staged; the hook must let it through.
expect_pass() {
  if ! git commit -qm "$1" >"$work/out.txt" 2>&1; then
    cat "$work/out.txt"; echo "FAIL: a clean commit was blocked ($1)"; exit 1
  fi
  echo "ok: clean commit passed ($1)"; passed=$((passed + 1))
}

# expect_block MSG: stage a remote capability for any https site; the
# hook must block the commit with TA-ACL-001. The change is then undone.
expect_block() {
  cat > src-tauri/capabilities/remote.json <<'JSON'
{
  "identifier": "remote",
  "windows": ["main"],
  "remote": { "urls": ["https://*"] },
  "permissions": ["core:default", "core:window:allow-create"]
}
JSON
  git add src-tauri/capabilities/remote.json
  if git commit -qm "$1" >"$work/out.txt" 2>&1; then
    cat "$work/out.txt"; echo "FAIL: a commit adding a remote capability for any https site was not blocked ($1)"; exit 1
  fi
  grep -q "TA-ACL-001" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: blocked, but not by TA-ACL-001 ($1)"; exit 1; }
  git rm -q --cached src-tauri/capabilities/remote.json && rm src-tauri/capabilities/remote.json
  echo "ok: bad commit blocked by TA-ACL-001 ($1)"; passed=$((passed + 1))
}

git add -A
expect_pass "clean app"
expect_block "main work tree"

# A linked worktree with a detached HEAD: its own HEAD and index, objects
# in the main repository's common directory.
git worktree add -q --detach "$work/wt"
cd "$work/wt"
echo "notes" > NOTES.md && git add NOTES.md
expect_pass "linked worktree, detached HEAD"
expect_block "linked worktree, detached HEAD"
cd "$repo"

# A split index: the staged entries live in .git/index, the rest in a
# shared index file.
git update-index --split-index
echo "more" > MORE.md && git add MORE.md
expect_pass "split index"
expect_block "split index"
ls .git/sharedindex.* >/dev/null || { echo "FAIL: setup: no shared index written"; exit 1; }

# pre-commit run --all-files (pre-commit.ci, CI jobs): the whole app is
# audited, so an error committed earlier fails the run, and a clean tree
# passes.
if ! pre-commit run --all-files >"$work/out.txt" 2>&1; then
  cat "$work/out.txt"; echo "FAIL: pre-commit run --all-files failed on a clean tree"; exit 1
fi
echo "ok: pre-commit run --all-files passed on a clean tree"; passed=$((passed + 1))
cat > src-tauri/capabilities/remote.json <<'JSON'
{ "identifier": "remote", "windows": ["main"], "remote": { "urls": ["https://*"] }, "permissions": ["core:default"] }
JSON
git add src-tauri/capabilities/remote.json && git commit -qm "bypass the hook" --no-verify
if pre-commit run --all-files >"$work/out.txt" 2>&1; then
  cat "$work/out.txt"; echo "FAIL: pre-commit run --all-files passed with a committed remote capability"; exit 1
fi
grep -q "TA-ACL-001" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: --all-files failed, but not by TA-ACL-001"; exit 1; }
echo "ok: pre-commit run --all-files failed on a committed remote capability"; passed=$((passed + 1))
echo "pre-commit: $passed passed, 0 failed"
