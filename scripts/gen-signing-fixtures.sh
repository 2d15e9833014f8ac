#!/usr/bin/env bash
# Regenerates the small signed fixtures under testdata/signing/ with the
# real tools; tests only read the committed results, they never run this.
#   scripts/gen-signing-fixtures.sh
# Needs: npm (installs @tauri-apps/cli 2 into a temp dir), minisign
# (apt-get install minisign). The secret keys stay in the temp dir.
#
# testdata/signing/updater/
#   pubkey.txt            plugins.updater.pubkey: base64 of the .pub (tauri signer generate)
#   other-pubkey.txt      a second key pair's pubkey
#   artifacts/
#     app_1.0.0_amd64.AppImage (+.sig)     signed by tauri signer sign (prehashed "ED")
#     app_1.0.0_x64-setup.exe  (+.sig)     signed by minisign -l (legacy "Ed") with the same key, base64-wrapped as Tauri does
#     app_1.0.0_x64_en-US.msi  (+.sig)     signature of other content: does not verify
#     app.app.tar.gz           (+.sig)     signed by the other key
#     app_1.0.0_aarch64.AppImage           no .sig
#     latest.json                          darwin entry over http, linux entry with a valid signature,
#                                          windows entry whose signature belongs to another file
set -euo pipefail
cd "$(dirname "$0")/.."
out=testdata/signing/updater
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --no-audit --no-fund --prefix "$tmp/cli" @tauri-apps/cli@2 >/dev/null
tauri="$tmp/cli/node_modules/.bin/tauri"

password=fixture # throwaway keys, deleted on exit
"$tauri" signer generate -w "$tmp/main.key" -p "$password" --ci >/dev/null
"$tauri" signer generate -w "$tmp/other.key" -p "$password" --ci >/dev/null
rm -rf "$out" && mkdir -p "$out/artifacts"
cp "$tmp/main.key.pub" "$out/pubkey.txt"
cp "$tmp/other.key.pub" "$out/other-pubkey.txt"

a=$out/artifacts
printf 'fixture AppImage x86_64\n' >"$a/app_1.0.0_amd64.AppImage"
printf 'fixture NSIS installer\n' >"$a/app_1.0.0_x64-setup.exe"
printf 'fixture MSI\n' >"$a/app_1.0.0_x64_en-US.msi"
printf 'fixture macOS updater archive\n' >"$a/app.app.tar.gz"
printf 'fixture AppImage aarch64\n' >"$a/app_1.0.0_aarch64.AppImage"

sign() { # sign KEY FILE: tauri signer sign writes FILE.sig
  TAURI_SIGNING_PRIVATE_KEY_PASSWORD=$password "$tauri" signer sign -f "$tmp/$1.key" "$2" >/dev/null
}
sign main "$a/app_1.0.0_amd64.AppImage"
sign other "$a/app.app.tar.gz"
# A signature of different bytes under the right name.
printf 'something else\n' >"$tmp/else"
sign main "$tmp/else"
cp "$tmp/else.sig" "$a/app_1.0.0_x64_en-US.msi.sig"

# A legacy (non-prehashed, "Ed") signature by the same key, made by
# minisign itself: Tauri's key file is base64 of a minisign/rsign secret key.
base64 -d "$tmp/main.key" >"$tmp/main.minisign.key"
echo "$password" | minisign -S -l -s "$tmp/main.minisign.key" -m "$a/app_1.0.0_x64-setup.exe" -x "$tmp/setup.minisig" >/dev/null 2>&1
base64 -w0 "$tmp/setup.minisig" >"$a/app_1.0.0_x64-setup.exe.sig"

cat >"$a/latest.json" <<JSON
{
  "version": "1.0.0",
  "notes": "fixture",
  "pub_date": "2026-01-01T00:00:00Z",
  "platforms": {
    "linux-x86_64": { "signature": "$(cat "$a/app_1.0.0_amd64.AppImage.sig")", "url": "https://example.com/app_1.0.0_amd64.AppImage" },
    "darwin-aarch64": { "signature": "$(cat "$a/app.app.tar.gz.sig")", "url": "http://example.com/app.app.tar.gz" },
    "windows-x86_64": { "signature": "$(cat "$a/app_1.0.0_x64_en-US.msi.sig")", "url": "https://example.com/app_1.0.0_x64_en-US.msi" }
  }
}
JSON
echo "wrote $out"
