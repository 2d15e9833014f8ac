#!/usr/bin/env bash
# Installs tauriaudit for the GitHub Action (action.yml) and prints the
# binary's path (also written as bin=PATH to $GITHUB_OUTPUT when set).
#
#   TA_VERSION empty: build from the action's own checkout (TA_SOURCE_DIR,
#     default: this script's repository) with the Go on PATH.
#   TA_VERSION set (1.2.3 or v1.2.3): download the release archive for
#     RUNNER_OS/RUNNER_ARCH and the release's checksums file, check the
#     archive's SHA-256 against its line there, and extract the binary.
#
# TA_RELEASE_BASE_URL overrides where releases are read from (a mirror, or a
# file:// directory in tests); only https and file URLs are fetched.
set -euo pipefail

base_url=${TA_RELEASE_BASE_URL:-https://github.com/tauriaudit/tauriaudit/releases/download}
dest=${RUNNER_TEMP:?RUNNER_TEMP is not set}/tauriaudit-bin

work=
fail() { echo "tauriaudit install: $*" >&2; exit 1; }

# go_os and go_arch map the runner's names to the release's.
go_os() {
  case "$1" in
    Linux) echo linux ;;
    macOS) echo darwin ;;
    Windows) echo windows ;;
    *) fail "no release binary for runner OS \"$1\"; leave version empty to build from source" ;;
  esac
}
go_arch() {
  case "$1" in
    X64) echo amd64 ;;
    ARM64) echo arm64 ;;
    *) fail "no release binary for runner architecture \"$1\"; leave version empty to build from source" ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

fetch() {
  curl --fail --silent --show-error --location --proto '=https,file' --proto-redir '=https' \
    --retry 3 --output "$2" "$1" || fail "could not download $1"
}

# expected_sum prints the one SHA-256 the checksums file lists for asset.
expected_sum() {
  local sums
  sums=$(awk -v f="$2" '$2 == f || $2 == "*" f { print tolower($1) }' "$1")
  [ -n "$sums" ] || fail "$(basename "$1") has no line for $2"
  [ "$(printf '%s\n' "$sums" | wc -l)" -eq 1 ] || fail "$(basename "$1") has several lines for $2"
  [[ $sums =~ ^[0-9a-f]{64}$ ]] || fail "$(basename "$1") has a malformed checksum for $2"
  echo "$sums"
}

# extract unpacks a verified archive into a fresh directory; whether its
# entries are named tauriaudit or ./tauriaudit, the binary lands at the top.
extract() {
  mkdir -p "$2"
  case "$1" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$1" -d "$2" || fail "could not unpack $(basename "$1")"
      else
        7z x -y -o"$2" "$1" >/dev/null || fail "could not unpack $(basename "$1") (no unzip or 7z)"
      fi
      ;;
    *) tar -xzf "$1" -C "$2" || fail "could not unpack $(basename "$1")" ;;
  esac
}

build_from_source() {
  local src=${TA_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
  command -v go >/dev/null 2>&1 || fail "go is not on PATH (set up Go, or set the version input)"
  (cd "$src" && go build -o "$dest/$1" ./cmd/tauriaudit) || fail "go build failed in $src"
}

download_release() {
  local version=${TA_VERSION#v} os arch ext asset sum
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
    fail "version \"$TA_VERSION\" is not a release version like 1.2.3"
  os=$(go_os "${RUNNER_OS:?RUNNER_OS is not set}")
  arch=$(go_arch "${RUNNER_ARCH:?RUNNER_ARCH is not set}")
  ext=tar.gz
  [ "$os" = windows ] && ext=zip
  asset="tauriaudit_${version}_${os}_${arch}.$ext"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  fetch "$base_url/v$version/tauriaudit_${version}_checksums.txt" "$work/checksums.txt"
  fetch "$base_url/v$version/$asset" "$work/$asset"
  sum=$(expected_sum "$work/checksums.txt" "$asset")
  [ "$(sha256_of "$work/$asset")" = "$sum" ] || fail "$asset does not match its SHA-256 in the release's checksums file"
  extract "$work/$asset" "$work/x"
  [ -f "$work/x/$1" ] || fail "$asset holds no $1 at its root"
  mv "$work/x/$1" "$dest/$1"
  chmod +x "$dest/$1"
}

main() {
  local exe=tauriaudit
  [ "${RUNNER_OS:-}" = Windows ] && exe=tauriaudit.exe
  rm -rf "$dest" && mkdir -p "$dest"
  if [ -z "${TA_VERSION:-}" ]; then
    build_from_source "$exe"
  else
    download_release "$exe"
  fi
  [ -x "$dest/$exe" ] || fail "no executable at $dest/$exe"
  [ -n "${GITHUB_OUTPUT:-}" ] && echo "bin=$dest/$exe" >>"$GITHUB_OUTPUT"
  echo "$dest/$exe"
}

main
