#!/usr/bin/env bash
# Memory bound of the import (issue 9): ROWS rows of ROW_BYTES bytes each (default 30,000 x 20 KiB = ~600 MB), one in
# 100 at 100 KB and one at 2 MB (over IMPORT_MAX_ROW_BYTES, rejected), streamed into the local S3 emulator as they are
# generated (one multipart upload of 64 MiB parts, so past the 5 GB of a single PUT), imported by the function in a JVM
# limited to -Xmx256m from the upload's ObjectCreated:CompleteMultipartUpload event. Fails unless the upload ends IMPORTED with every
# row counted (the wide rows charged, the oversize ones rejected). Prints the time and the import's live heap.
#   [BUILD_SUFFIX=-name] bench/import/memory.sh [ROWS] [ROW_BYTES]
# Needs: JDK 25, PostgreSQL at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres).
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
rows=${1:-30000}
row_bytes=${2:-20480}
module=functions/csv-import
cp=$(bench_classpath $module)
cd "$module"
cp=$(echo "$cp" | sed "s#$module/##g")
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" dev.cobranca.csvimport.bench.WideRowsBenchmark "$rows" "$row_bytes" "target$suffix/import"
