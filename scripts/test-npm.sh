#!/usr/bin/env bash
# Builds the host's release binary and the npm packages, packs the
# launcher and this platform's package with `npm pack`, installs the two
# tarballs into a scratch project with npm offline, and runs the scanner
# through `npx tauriaudit`. Nothing may come from the network: the
# registry is an unreachable local URL and the npm cache is empty.
#
# How npm treats the other platforms' optional dependencies offline: the
# host one is satisfied by the tarball installed at the top level (same
# version), and for the other five npm asks the registry for a manifest,
# gets ENOTCACHED under --offline, and drops them because they are
# optional. The install succeeds; the lockfile lists only the two tarballs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=0.0.0-ci.1

export npm_config_registry=http://127.0.0.1:9/ npm_config_cache="$work/npm-cache"
export npm_config_offline=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

fail() { echo "test-npm: $*" >&2; exit 1; }

# Sign with a throwaway key when minisign is installed, so the same run
# checks `tauriaudit verify-release` on what the builder wrote.
key=()
if command -v minisign >/dev/null; then
  minisign -G -W -p "$work/release.pub" -s "$work/release.key" >/dev/null
  key=(-key "$work/release.key")
fi

echo "== release build (host target)"
(cd "$here" && go run ./internal/release/cmd/build -version "$version" -targets host -out "$work/dist" "${key[@]}")

platform=$(node -p 'process.platform + "-" + process.arch')
mkdir -p "$work/packs" "$work/project"
(cd "$work/packs" && npm pack --silent "$work/dist/npm/tauriaudit" "$work/dist/npm/$platform" >/dev/null)
launcher="$work/packs/tauriaudit-$version.tgz"
native="$work/packs/tauriaudit-$platform-$version.tgz"
{ [ -f "$launcher" ] && [ -f "$native" ]; } || fail "npm pack did not write $launcher and $native: $(ls "$work/packs")"

echo "== npm install --offline (registry $npm_config_registry)"
cd "$work/project"
echo '{"name":"scratch","version":"1.0.0","private":true}' > package.json
npm install --offline --no-audit --no-fund "$launcher" "$native" >/dev/null
[ -x "node_modules/@tauriaudit/$platform/bin/tauriaudit" ] || [ -f "node_modules/@tauriaudit/$platform/bin/tauriaudit.exe" ] ||
  fail "the platform package's binary is not installed"

echo "== npx tauriaudit --version"
out=$(npx tauriaudit --version)
case "$out" in
  "tauriaudit $version (commit "*", built "*")") echo "$out" ;;
  *) fail "--version printed: $out" ;;
esac

echo "== npx tauriaudit scan (demo app: error findings, exit 1)"
status=0
npx tauriaudit scan -q "$here/testdata/demo-app" > scan.txt || status=$?
[ "$status" = 1 ] || fail "scan exited $status, want 1"
grep -q ' error TA-CFG-006 ' scan.txt || fail "scan output lacks the demo app's TA-CFG-006 error: $(head -5 scan.txt)"
npx tauriaudit scan -q --fail-on none "$here/testdata/demo-app" >/dev/null || fail "scan --fail-on none exited $?"

if [ ${#key[@]} -gt 0 ]; then
  echo "== npx tauriaudit verify-release on the build's assets"
  npx tauriaudit verify-release "$work/dist" --key "$work/release.pub" || fail "verify-release exited $?"
fi

echo "== launcher without its platform package (exit 2, names the package)"
rm -rf "node_modules/@tauriaudit/$platform"
status=0
npx tauriaudit --version 2> missing.txt || status=$?
[ "$status" = 2 ] || fail "without the platform package the launcher exited $status, want 2"
grep -q "@tauriaudit/$platform" missing.txt || fail "the message does not name @tauriaudit/$platform: $(cat missing.txt)"

echo "npm packages: packed, installed offline, and run through npx"
