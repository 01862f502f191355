#!/usr/bin/env bash
# Import benchmark (DESIGN.md "Figures to reach"): generates a sample of ROWS rows (default 1,000,000, ~108 MB),
# puts it in the local S3 emulator, runs the import function in a JVM limited to -Xmx256m, and times psql \copy of
# the same file into an equivalent typed table with the same unique index, in a scratch database.
# Prints both times, the ratio, rows/s and the import's peak heap.
#   [BUILD_SUFFIX=-name] bench/import/run.sh [ROWS] [REPEATS]
# Needs: JDK 25, psql, PostgreSQL at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/java25.sh
rows=${1:-1000000}
repeats=${2:-1}
suffix=${BUILD_SUFFIX:--bench} # e.g. BUILD_SUFFIX=-tune, to keep off another build's target folder
./mvnw -B -q -ntp -pl functions/csv-import -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=classpath.txt -Dmdep.includeScope=test -Dbuild.suffix=$suffix
module=functions/csv-import
cp="$module/target$suffix/test-classes:$module/target$suffix/classes:$(cat $module/classpath.txt)"
rm -f classpath.txt functions/*/classpath.txt infra/*/classpath.txt
cd "$module"
cp=$(echo "$cp" | sed "s#$module/##g")
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" dev.cobranca.csvimport.bench.ImportBenchmark "$rows" "$repeats" "target$suffix/import"
