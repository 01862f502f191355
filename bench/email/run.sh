#!/usr/bin/env bash
# E-mail benchmark (DESIGN.md: >= 200 e-mails/s per core against a local SMTP server): sends COUNT boleto e-mails
# (3.6 KB PDF attached) through SmtpMailer over one connection to GreenMail, client and server pinned to one core.
#   bench/email/run.sh [COUNT=5000] [WARMUP=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/java25.sh
suffix=${BUILD_SUFFIX:--bench}
module=functions/email
./mvnw -B -q -ntp -pl $module -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=classpath.txt -Dmdep.includeScope=test -Dbuild.suffix=$suffix
cp="$module/target$suffix/test-classes:$module/target$suffix/classes:$(cat $module/classpath.txt)"
rm -f classpath.txt functions/*/classpath.txt infra/*/classpath.txt
pin=""
if command -v taskset >/dev/null 2>&1; then pin="taskset -c 0"; fi
exec $pin "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -cp "$cp" dev.cobranca.email.EmailBenchmark "${1:-5000}" "${2:-2000}"
