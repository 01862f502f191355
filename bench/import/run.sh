#!/usr/bin/env bash
# Import benchmark (target: <= 1.5 x psql \copy of the same file into the same table, heap <= 256 MB): generates a sample of ROWS rows (default 1,000,000, ~108 MB),
# puts it in the local S3 emulator, runs the import function in a JVM limited to -Xmx256m, and times psql \copy of
# the same file into the same table (charges of a freshly migrated database) and, for reference, into a typed table
# with only the unique index. Every timed load starts from a CHECKPOINT.
# Prints the times, both ratios, rows/s, the import's live heap and the CPU each process spent.
# Extra knobs: BENCH_JAVA_OPTS (flags for the import JVM, e.g. a flight recording), BENCH_GC=-XX:+UseSerialGC,
# BENCH_POOL (DATABASE_POOL_SIZE), BENCH_DEBT_IDS_PER_MESSAGE (INVOICE_MESSAGE_DEBT_IDS, default 500).
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
