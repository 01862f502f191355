#!/usr/bin/env bash
# CNAB 240 benchmark (DESIGN.md: remessa / retorno of 1,000,000 titles streamed under -Xmx256m, faster than the
# CSV import): writes a Banco do Brasil remessa of N titles and reads a retorno of N occurrences (each takes
# several files: a CNAB 240 file holds at most 999,999 records), after a warm-up of N/10, and prints titles/s.
# Files go to functions/core/target$BUILD_SUFFIX/bench-cnab and are deleted afterwards.
#   [BUILD_SUFFIX=-name] bench/cnab/run.sh [N=1000000]
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
cp=$(bench_classpath functions/core)
exec "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" dev.cobranca.core.bank.bench.CnabBenchmark "${1:-1000000}" \
  "functions/core/target$suffix/bench-cnab"
