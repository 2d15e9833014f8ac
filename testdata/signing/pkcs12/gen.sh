#!/usr/bin/env bash
# Writes the PKCS#12 test files with the real openssl (3.x): throwaway
# keys and self-signed certificates made here, never used for anything.
#   key-aes.p12       key + cert, OpenSSL 3 defaults (PBES2 AES-256, MAC SHA-256), password Fake-Tauri-Pass-1
#   key-3des.pfx      key + cert, PBE-SHA1-3DES both, MAC SHA-1, password Fake-Win-Pass-2
#   cert-only.p12     certificate only (-nokeys), PBES2, password Fake-Tauri-Pass-1
#   cert-only-plain.p12 certificate only, nothing encrypted (-certpbe NONE), password Fake-Tauri-Pass-1
#   key-nopass.p12    key + cert, empty password
#   key-iter.p12      key + cert, MAC with 2,000,000 iterations (over the bound)
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
  -days 3650 -subj "/CN=tauriaudit fake signing cert" 2>/dev/null
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -passout pass:Fake-Tauri-Pass-1 -out key-aes.p12
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -passout pass:Fake-Win-Pass-2 \
  -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out key-3des.pfx
openssl pkcs12 -export -nokeys -in "$tmp/cert.pem" -passout pass:Fake-Tauri-Pass-1 -out cert-only.p12
openssl pkcs12 -export -nokeys -in "$tmp/cert.pem" -passout pass:Fake-Tauri-Pass-1 -certpbe NONE -out cert-only-plain.p12
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -passout pass: -out key-nopass.p12
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -passout pass:Fake-Tauri-Pass-1 -iter 2000000 \
  -out key-iter.p12

# The rule fixture holds base64 copies (rulestest decodes NAME.base64).
b64() { base64 -w 76 "$1"; }
cat >../../checks/TA-GIT-005-pkcs12.txtar <<TXTAR
A committed PKCS#12 is judged by its structure (written by
testdata/signing/pkcs12/gen.sh with openssl; throwaway keys): with its
password committed beside it or in a workflow, and that password opens
it, an error naming both; a private key without its password, a warning;
certificates only, nothing. A .pfx that is not PKCS#12 (a Git LFS
pointer) is still reported by its name.
rules: TA-GIT-005

-- src-tauri/tauri.conf.json --
{ "identifier": "com.example.app" }
-- certs/app.p12.base64 --
$(b64 key-aes.p12)
-- certs/password.txt --
Fake-Tauri-Pass-1
-- windows/win.pfx.base64 --
$(b64 key-3des.pfx)
-- .github/workflows/release.yml --
on: push
jobs:
  sign:
    runs-on: windows-latest
    env:
      WINDOWS_CERTIFICATE_PASSWORD: Fake-Win-Pass-2
    steps:
      - run: signtool sign /f windows/win.pfx /p "%WINDOWS_CERTIFICATE_PASSWORD%" app.exe
-- certs/ca/root.p12.base64 --
$(b64 cert-only.p12)
-- certs/ca/root-plain.p12.base64 --
$(b64 cert-only-plain.p12)
-- certs/ca/pass.txt --
Fake-Tauri-Pass-1
-- locked/dev.p12.base64 --
$(b64 key-aes.p12)
-- locked/notes.txt --
hunter2
-- lfs/signing.pfx --
version https://git-lfs.github.com/spec/v1
oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
size 2664
-- want --
certs/app.p12 TA-GIT-005 \`^PKCS#12 certificate and private key, and its password, committed in certs/password\\.txt:1, which opens it$\`
windows/win.pfx TA-GIT-005 \`^PKCS#12 certificate and private key, and its password, committed in \\.github/workflows/release\\.yml:6, which opens it$\`
locked/dev.p12 TA-GIT-005 \`^PKCS#12 certificate and private key \\(its password was not found committed\\)$\`
lfs/signing.pfx TA-GIT-005 \`^PKCS#12 certificate and private key$\`
TXTAR
