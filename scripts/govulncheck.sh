#!/usr/bin/env bash
# govulncheck over our own module, offline from vuln.go.dev: this
# workplace reaches only the Go module proxy, so the Go vulnerability
# database comes from the proxy as the golang.org/x/vulndb module, whose
# data/osv folder holds one OSV file per report. govulncheck reads such a
# folder as a flat database (`-db file://…`).
#
# The database version is pinned so CI is reproducible; run with
# VULNDB_VERSION=latest to check against the newest reports.
set -euo pipefail
cd "$(dirname "$0")/.."

vulndb_version=${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}
govulncheck_version=v1.9.0

dir=$(go mod download -json "golang.org/x/vulndb@${vulndb_version}" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir/data/osv" ]; then
  echo "govulncheck.sh: could not fetch golang.org/x/vulndb@${vulndb_version}" >&2
  exit 2
fi
echo "vulnerability database: golang.org/x/vulndb@${vulndb_version} ($(ls "$dir/data/osv" | wc -l) reports)"
go version
go run "golang.org/x/vuln/cmd/govulncheck@${govulncheck_version}" -db "file://$dir/data/osv" ./...
