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
