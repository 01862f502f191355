#!/usr/bin/env bash
# Boleto PDF benchmark (DESIGN.md: >= 500 PDFs/s per core, <= 50 KB each): renders COUNT boletos on one thread
# after WARMUP, in a JVM limited to one processor, and prints PDFs/s and the average and largest size.
#   bench/boleto/run.sh [COUNT=20000] [WARMUP=5000]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/java25.sh
suffix=${BUILD_SUFFIX:--bench}
module=functions/invoice
./mvnw -B -q -ntp -pl $module -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=classpath.txt -Dmdep.includeScope=test -Dbuild.suffix=$suffix
cp="$module/target$suffix/test-classes:$module/target$suffix/classes:$(cat $module/classpath.txt)"
rm -f classpath.txt functions/*/classpath.txt infra/*/classpath.txt
exec "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp "$cp" \
  dev.cobranca.invoice.pdf.BoletoPdfBenchmark "${1:-20000}" "${2:-5000}"
