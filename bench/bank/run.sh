#!/usr/bin/env bash
# Bank files benchmark against PostgreSQL (target: remessa / retorno of 1,000,000 titles streamed under -Xmx256m,
# faster than the CSV import of the same rows). In one fresh database: imports ROWS rows (default 1,000,000) through
# the CSV import function in a -Xmx256m JVM (as bench/import/run.sh does: the baseline), marks the charges INVOICED
# with one SQL update (the boletos are not what is measured), runs the remittance function (-Xmx256m) until every
# title is in a remessa in the S3 emulator, then writes a retorno of ROWS occurrences for those titles (the production
# writer, streamed to files) and runs the bank-return function (-Xmx256m) on it. Prints the time, titles/s and live
# heap of each, and each one's titles/s over the import's rows/s.
#   [BUILD_SUFFIX=-name] bench/bank/run.sh [ROWS]
# Needs: JDK 25, psql, PostgreSQL at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres).
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
rows=${1:-1000000}
# the import benchmark's classes (its fork of the import) and the runner's, which sees every function
cp="$(bench_classpath functions/csv-import):$(bench_classpath infra/local-runner)"
cp=$(echo "$cp" | sed "s#\(^\|:\)\(functions\|infra\)/#\1$PWD/\2/#g") # absolute: it runs from the runner's folder
cd infra/local-runner
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" dev.cobranca.local.bench.BankBenchmark "$rows" "target$suffix/bank"
