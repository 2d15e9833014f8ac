#!/usr/bin/env bash
# Lints action.yml, docs/example-workflow.yml and the repository's own
# workflows (.github/workflows, e.g. release.yml) with actionlint (and
# shellcheck for run: scripts, when installed), and shellchecks the scripts
# the action runs. actionlint checks a local action's metadata and inputs
# only inside a project with .github/, so the example workflow is linted in a
# scratch project that holds both files, with its tauriaudit/tauriaudit@SHA
# reference pointed at the local copy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lint=${ACTIONLINT:-actionlint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.github/workflows"
cp "$here/action.yml" "$work/"
sed -E 's#uses: tauriaudit/tauriaudit@[0-9a-f]{40}.*#uses: ./#' "$here/docs/example-workflow.yml" \
  > "$work/.github/workflows/tauriaudit.yml"
grep -q 'uses: \./$' "$work/.github/workflows/tauriaudit.yml" ||
  { echo "docs/example-workflow.yml does not use tauriaudit/tauriaudit@<commit sha>"; exit 1; }
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck "$here/scripts/action-install.sh" "$here/scripts/action-scan.sh"
fi
cd "$work" && git init -q
"$lint" -no-color .github/workflows/tauriaudit.yml
# The same example with an input the action does not declare must fail,
# or the check above proves nothing.
sed 's/          fail-on: error/          fail-on: error\n          no-such-input: x/' .github/workflows/tauriaudit.yml > .github/workflows/bad.yml
if "$lint" -no-color .github/workflows/bad.yml >/dev/null 2>&1; then
  echo "actionlint accepted an undeclared input: the action metadata is not being checked"; exit 1
fi
# The repository's own workflows, in place.
for wf in "$here"/.github/workflows/*.yml; do
  [ -e "$wf" ] || continue
  (cd "$here" && "$lint" -no-color "${wf#"$here"/}")
  echo "actionlint: ${wf#"$here"/} is clean"
done
echo "actionlint: action.yml and docs/example-workflow.yml are clean"
