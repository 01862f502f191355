#!/usr/bin/env bash
# The least database work the bank loop's data model asks for, against the import's baseline, in SQL alone (no Java,
# no CNAB, no S3): how close bench/bank/run.sh can ever come to "faster than the CSV import of the same rows".
# In a throwaway database with the project's migrations and ROWS charges (default 1,000,000), each step after a
# CHECKPOINT:
#   baseline  \copy of one file of ROWS rows into charges, as bench/import/run.sh times it (the import's own baseline:
#             bench/import/run.sh measures the import at 1.27-1.50 x this)
# and, as two sessions at once (the least time: PostgreSQL does the work on both cores),
#   remessa   mark every charge SENT in its remessa: one UPDATE per session, nothing read, nothing written to files
#   retorno   store ROWS occurrences in bank_events by \copy (no matching, no duplicate check), then one UPDATE per
#             charge: 70% CONFIRMED, 25% SETTLED and PAID, 5% REJECTED (the mix bench/bank/run.sh writes)
# Prints each step's wall time and its rate over the baseline's. The import's rate is 0.67-0.79 x the baseline's, so
# a remessa or retorno below that here cannot be faster than the import, whatever the functions do.
#   bench/bank/floor.sh [ROWS]
# Needs: psql, and PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres) with CREATE DATABASE.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db=cobranca_floor_$$
work=$(mktemp -d)
trap 'psql -X -q -d postgres -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "create database $db"
for f in $(ls infra/migrations/V*.sql | sort -V); do sql -f "$f" >/dev/null; done

# ROWS rows as the import writes them (debt ids in random order, as in a real file)
sql -c "\\copy (select '00000000-0000-0000-0000-000000000001'::uuid, md5(g::text)::uuid::text,
               'Nome Sobrenome Exemplo ' || g, lpad((g::bigint * 7919 % 99999999999)::text, 11, '0'),
               'pessoa' || g || '@example.com.br', (10 + g % 5000)::numeric(12,2), date '2026-12-20' + g % 60
          from generate_series(1, $rows) g) to '$work/charges.csv' with (format csv)"
sql -c "insert into uploads (id, bucket, object_key) values ('00000000-0000-0000-0000-000000000001', 'floor', 'floor.csv')" \
    -c "insert into remittances (convenio, nsa, object_key, title_count, total_amount, generated_at)
        values ('1234567', 1, 'remittances/floor.rem', $rows, 0, now())" \
    -c "insert into return_files (object_key, sha256) values ('returns/floor.ret', repeat('0', 64))"

# one statement, or two sessions at once, after a checkpoint; prints the wall time in seconds
timed() {
  sql -c checkpoint
  local t0 t1 a b=
  t0=$(date +%s%N)
  sql -c "$1" & a=$!
  if [ $# -gt 1 ]; then sql -c "$2" & b=$!; fi
  wait $a && { [ -z "$b" ] || wait $b; }
  t1=$(date +%s%N)
  echo "scale=2; ($t1 - $t0) / 1000000000" | bc
}
rate() { printf "%.2f" "$(echo "scale=4; $2 / $1" | bc)"; } # rate of a step taking $1 s over one taking $2 s

cols="upload_id, debt_id, name, government_id, email, amount, due_date"
copy=$(timed "\\copy charges ($cols) from '$work/charges.csv' with (format csv)")

# what the invoice function leaves (not timed), then as autovacuum would after it
sql -c "update charges set status = 'INVOICED', invoiced_at = now(), nosso_numero = '1234567' || lpad(seq::text, 10, '0'),
               boleto_due_date = greatest(due_date, current_date + 5)" -c "vacuum analyze charges"
half=$((rows / 2))
sent="update charges set bank_status = 'SENT', remittance_id = 1, bank_updated_at = now() where bank_status = 'NOT_SENT' and seq"
remessa=$(timed "$sent <= $half" "$sent > $half")

sql -c "vacuum analyze charges"
kind="case when seq % 20 = 0 then 'REJECTED' when seq % 4 = 1 then 'SETTLED' else 'CONFIRMED' end"
for part in 0 1; do
  sql -c "\\copy (select 1, seq, nosso_numero, debt_id, case when seq % 20 = 0 then '03' when seq % 4 = 1 then '06' else '02' end,
                 'OCORRENCIA', $kind, current_date, current_date + 1, amount, amount, 1.50, 0, 0, '{}'
            from charges where seq % 2 = $part) to '$work/events-$part.tsv'"
done
ecols="return_file_id, line, nosso_numero, debt_id, code, name, kind, occurrence_date, credit_date, amount, paid_amount,
       tariff, interest, discount, reasons"
events=$(timed "\\copy bank_events ($ecols) from '$work/events-0.tsv'" "\\copy bank_events ($ecols) from '$work/events-1.tsv'")
apply="update charges set bank_status = $kind, bank_updated_at = now(),
              status = case when $kind = 'SETTLED' then 'PAID' else status end,
              paid_at = case when $kind = 'SETTLED' then now() end,
              paid_amount = case when $kind = 'SETTLED' then amount end where seq"
charges=$(timed "$apply <= $half" "$apply > $half")
retorno=$(echo "$events + $charges" | bc)

printf '\n== the data model'"'"'s least database work, %s rows, the baseline as bench/import times it ==\n' "$rows"
line() { printf '%-42s %6s s%s\n' "$1" "$2" "${3:+  rate: $3 x the baseline}"; }
line 'baseline: \copy into charges' "$copy"
line 'remessa:  mark every charge SENT' "$remessa" "$(rate "$remessa" "$copy")"
line 'retorno:  store the occurrences' "$events"
line '          move every charge' "$charges"
line '          together' "$retorno" "$(rate "$retorno" "$copy")"
