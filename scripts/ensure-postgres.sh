#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at DATABASE_URL's host (default 127.0.0.1:5432); starts the local
# Debian cluster if it is down. Prints how to start one where it cannot.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
answers() {
  if command -v pg_isready >/dev/null 2>&1; then pg_isready -q -h "$host" -p "$port"; else (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; fi
}
if answers; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "PostgreSQL is not answering on $host:$port; starting cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do answers && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable at $host:$port. Start one, e.g.:" >&2
echo "  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start   (Debian/Ubuntu)" >&2
echo "  or set DATABASE_URL to a reachable server." >&2
exit 1
