#!/usr/bin/env bash
# E-mail benchmark (target: >= 200 e-mails/s per core against a local SMTP server): sends COUNT boleto e-mails
# (3.6 KB PDF attached) through SmtpMailer over one connection to GreenMail, client and server pinned to one core.
#   bench/email/run.sh [COUNT=5000] [WARMUP=2000]
set -euo pipefail
. "$(dirname "$0")/../classpath.sh"
cp=$(bench_classpath functions/email)
pin=""
if command -v taskset >/dev/null 2>&1; then pin="taskset -c 0"; fi
exec $pin "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -cp "$cp" dev.cobranca.email.EmailBenchmark "${1:-5000}" "${2:-2000}"
