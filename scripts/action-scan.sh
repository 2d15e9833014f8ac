#!/usr/bin/env bash
# The GitHub Action's scan step (action.yml): every input arrives in a TA_*
# environment variable, never spliced into the script. It writes the Markdown
# report and the ACL to the job summary, the SARIF report to TA_SARIF, and
# these step outputs to $GITHUB_OUTPUT:
#   status      the scan's exit status (0 clean, 1 findings at or above
#               fail-on or a release gate, 2 usage or internal error)
#   sarif-file  TA_SARIF, when the scan wrote it
#   errors, warnings, notes   unsuppressed results per level in the SARIF
#   category    the code scanning category (TA_CATEGORY, or tauriaudit plus
#               the scanned path when it is not the repository root)
# It exits 0 whatever the scan found: the action uploads the SARIF first and
# fails afterwards on status.
set -euo pipefail

bin=${TA_BIN:?TA_BIN is not set}
path=${TA_PATH:-.}
sarif=${TA_SARIF:-tauriaudit.sarif}

output() {
  case "$2" in
    *$'\n'* | *$'\r'*) echo "tauriaudit: the $1 output holds a line break; not written" >&2; return ;;
  esac
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; else echo "$1=$2"; fi
}

# category names the analysis in code scanning, so scans of two folders of
# one repository do not replace each other's alerts.
category() {
  if [ -n "${TA_CATEGORY:-}" ]; then echo "$TA_CATEGORY"; return; fi
  local p=$path
  while [ "${p#./}" != "$p" ]; do p=${p#./}; done
  while [ "${p%/}" != "$p" ]; do p=${p%/}; done
  if [ -z "$p" ] || [ "$p" = . ]; then echo tauriaudit; else echo "tauriaudit/$p"; fi
}

# count_levels prints errors=, warnings= and notes= lines for the SARIF
# file's unsuppressed results (suppressed ones stay in the log, marked).
count_levels() {
  if ! command -v jq >/dev/null 2>&1; then
    echo "::warning::jq is not installed: the errors, warnings and notes outputs are empty" >&2
    return
  fi
  jq -r '[.runs[].results[] | select((.suppressions // []) | length == 0) | .level] as $l
    | "errors=\($l | map(select(. == "error")) | length)",
      "warnings=\($l | map(select(. == "warning")) | length)",
      "notes=\($l | map(select(. == "note")) | length)"' "$1"
}

args=(scan "$path")
acl_args=(acl "$path" --format markdown)
[ -n "${TA_PLATFORM:-}" ] && args+=(--platform "$TA_PLATFORM") && acl_args+=(--platform "$TA_PLATFORM")
[ -n "${TA_MODE:-}" ] && args+=(--mode "$TA_MODE")
[ -n "${TA_GIT_RANGE:-}" ] && args+=(--git-range "$TA_GIT_RANGE")
[ -n "${TA_TRUSTED_KEYS:-}" ] && args+=(--trusted-keys "$TA_TRUSTED_KEYS")
[ -n "${TA_ALLOWED_SIGNERS:-}" ] && args+=(--allowed-signers "$TA_ALLOWED_SIGNERS")
[ -n "${TA_X509_ROOTS:-}" ] && args+=(--x509-roots "$TA_X509_ROOTS")
[ -n "${TA_COSIGN_KEY:-}" ] && args+=(--cosign-key "$TA_COSIGN_KEY")
[ -n "${TA_CODESIGN_ROOTS:-}" ] && args+=(--codesign-roots "$TA_CODESIGN_ROOTS")
[ -n "${TA_ARTIFACTS:-}" ] && args+=(--artifacts "$TA_ARTIFACTS")
[ -n "${TA_CONFIG:-}" ] && args+=(--config "$TA_CONFIG")
[ -n "${TA_BASELINE:-}" ] && args+=(--baseline "$TA_BASELINE")

summary=${GITHUB_STEP_SUMMARY:-/dev/null}
"$bin" "${args[@]}" --format markdown --fail-on none >>"$summary" || true
"$bin" "${acl_args[@]}" >>"$summary" || true

rm -f "$sarif"
status=0
"$bin" "${args[@]}" --format sarif --output "$sarif" --fail-on "${TA_FAIL_ON:-error}" || status=$?
output status "$status"
output category "$(category)"
if [ -s "$sarif" ]; then
  output sarif-file "$sarif"
  while IFS= read -r line; do output "${line%%=*}" "${line#*=}"; done < <(count_levels "$sarif")
fi
