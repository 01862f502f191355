#!/usr/bin/env bash
# Boleto PDF benchmark (target: >= 500 PDFs/s per core, <= 50 KB each): renders COUNT boletos on one thread
# after WARMUP, in a JVM limited to one processor, and prints PDFs/s and the average and largest size.
#   bench/boleto/run.sh [COUNT=20000] [WARMUP=5000]
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
cp=$(bench_classpath functions/invoice)
exec "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp "$cp" \
  dev.cobranca.invoice.pdf.BoletoPdfBenchmark "${1:-20000}" "${2:-5000}"
