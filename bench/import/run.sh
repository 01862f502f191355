#!/usr/bin/env bash
# Import benchmark (DESIGN.md "Figures to reach"): generates a sample of ROWS rows (default 1,000,000, ~108 MB),
# puts it in the local S3 emulator, runs the import function in a JVM limited to -Xmx256m, and times psql \copy of
# the same file into an equivalent typed table with the same unique index, in a scratch database.
# Prints both times, the ratio, rows/s and the import's peak heap.
#   [BUILD_SUFFIX=-name] bench/import/run.sh [ROWS] [REPEATS]
# Needs: JDK 25, psql, PostgreSQL at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres).
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
rows=${1:-1000000}
repeats=${2:-1}
module=functions/csv-import
cp=$(bench_classpath $module)
cd "$module"
cp=$(echo "$cp" | sed "s#$module/##g")
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" dev.cobranca.csvimport.bench.ImportBenchmark "$rows" "$repeats" "target$suffix/import"
