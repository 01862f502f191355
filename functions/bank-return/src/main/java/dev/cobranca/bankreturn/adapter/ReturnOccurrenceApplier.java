package dev.cobranca.bankreturn.adapter;

import dev.cobranca.bankreturn.BankReturnStore.Applied;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.postgres.UploadCompletion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The SQL that applies a retorno's occurrences: stores them as {@code bank_events} and moves the charges they match
 * (confirmed, rejected, written off, settled), in the caller's transaction.
 */
final class ReturnOccurrenceApplier {

    /** New occurrences only (the unique index on nosso número + code + date); each matched to its charge or to none. */
    private static final String INSERT_EVENTS = """
            insert into bank_events (return_file_id, line, nosso_numero, debt_id, code, name, kind, occurrence_date,
                                     credit_date, amount, paid_amount, tariff, interest, discount, reasons)
            select ?, v.line, v.nosso_numero, c.debt_id, v.code, v.name, v.kind, v.occurrence_date::date,
                   v.credit_date::date, v.amount::numeric, v.paid_amount::numeric, v.tariff::numeric,
                   v.interest::numeric, v.discount::numeric,
                   case when v.reasons = '' then '{}'::text[] else string_to_array(v.reasons, E'\\n') end
              from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as v (line, nosso_numero, code, name, kind, occurrence_date, credit_date, amount, paid_amount,
                         tariff, interest, discount, reasons)
              left join charges c on c.nosso_numero = v.nosso_numero
            on conflict do nothing
            returning id, debt_id
            """;
    /** The batch's charges locked in debt_id order, as the e-mail claim locks them: the two wait, never deadlock. */
    private static final String LOCK = """
            select 1 from charges where debt_id in (select debt_id from bank_events where id = any (?) and debt_id is not null)
             order by debt_id for update
            """;
    private static final String CONFIRM = """
            update charges c set bank_status = 'CONFIRMED', bank_updated_at = now(), bank_reasons = null
              from (select distinct debt_id from bank_events
                     where id = any (?) and kind = 'CONFIRMED' and debt_id is not null) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT', 'REJECTED')
            """;
    private static final String REJECT = """
            update charges c set bank_status = 'REJECTED', bank_updated_at = now(), bank_reasons = e.reasons,
                   status = case when ? and c.status = 'INVOICED' then 'FAILED' else c.status end,
                   last_error = case when ? and c.status = 'INVOICED' then 'bank rejected the title: ' || e.reasons
                                     else c.last_error end
              from (select distinct on (debt_id) debt_id,
                           code || ' ' || coalesce(name, '') || ': ' || array_to_string(reasons, '; ') as reasons
                      from bank_events where id = any (?) and kind = 'REJECTED' and debt_id is not null
                     order by debt_id, line desc) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT')
            returning c.upload_id
            """;
    private static final String WRITE_OFF = """
            update charges c set bank_status = 'WRITTEN_OFF', bank_updated_at = now()
              from (select distinct debt_id from bank_events
                     where id = any (?) and kind = 'WRITTEN_OFF' and debt_id is not null) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT', 'CONFIRMED', 'REJECTED')
            """;
    /** A title settled before and settled again: money came in twice, someone must look. */
    private static final String SETTLED_AGAIN = """
            update charges c set payment_mismatch = true,
                   bank_mismatch = 'the bank settled this title again: ' || e.code || ' on ' || coalesce(e.occurrence_date::text, '?')
                                   || ', ' || coalesce(e.paid_amount::text, '?')
              from (select distinct on (debt_id) debt_id, code, occurrence_date, paid_amount from bank_events
                     where id = any (?) and kind = 'SETTLED' and debt_id is not null order by debt_id, line) e
             where c.debt_id = e.debt_id and c.bank_status = 'SETTLED'
            """;
    /**
     * Settled: PAID with what the bank credited (the bank's amount wins: it is the money received). A charge the
     * webhook had paid with another amount keeps the webhook's date and is flagged with both amounts. A title the
     * bank had written off (baixa) and then settles (17 "liquidação após baixa", or a late 06) is money received all
     * the same: PAID, and flagged, since whoever asked for the baixa (a renegotiation, a cancelled debt) must look.
     */
    private static final String SETTLE = """
            update charges c set bank_status = 'SETTLED', bank_updated_at = now(), credit_date = e.credit_date,
                   bank_tariff = e.tariff, status = 'PAID',
                   paid_at = case when c.status = 'PAID' then c.paid_at
                                  else coalesce(e.occurrence_date, current_date)::timestamp at time zone 'America/Sao_Paulo' end,
                   paid_amount = e.paid_amount,
                   paid_by = case when c.status = 'PAID' then c.paid_by else 'BANK' end,
                   payment_mismatch = case when c.status = 'PAID' then c.payment_mismatch or c.paid_amount <> e.paid_amount
                                           else e.paid_amount < c.amount end,
                   bank_mismatch = case when c.status = 'PAID' and c.paid_amount <> e.paid_amount
                                        then 'paid ' || c.paid_amount || ' by ' || coalesce(c.paid_by, 'the webhook')
                                             || ', the bank settled ' || e.paid_amount
                                        when c.bank_status = 'WRITTEN_OFF'
                                        then 'settled after the bank wrote the title off: ' || e.code || ' on '
                                             || coalesce(e.occurrence_date::text, '?') || ', ' || e.paid_amount
                                        else c.bank_mismatch end
              from (select distinct on (debt_id) debt_id, code, occurrence_date, credit_date, paid_amount, tariff
                      from bank_events where id = any (?) and kind = 'SETTLED' and debt_id is not null
                     order by debt_id, line) e
             where c.debt_id = e.debt_id and c.bank_status <> 'SETTLED'
            returning c.upload_id
            """;

    private ReturnOccurrenceApplier() {
    }

    static Applied apply(Connection c, long fileId, List<ReturnOccurrence> occurrences, boolean failRejected)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        int matched = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
            ps.setLong(1, fileId);
            ps.setArray(2, c.createArrayOf("int4", occurrences.stream().map(ReturnOccurrence::line).toArray()));
            ps.setArray(3, texts(c, occurrences, ReturnOccurrence::nossoNumero));
            ps.setArray(4, texts(c, occurrences, ReturnOccurrence::code));
            ps.setArray(5, texts(c, occurrences, ReturnOccurrence::codeName));
            ps.setArray(6, texts(c, occurrences, o -> o.kind().name()));
            ps.setArray(7, texts(c, occurrences, o -> Objects.toString(o.occurrenceDate(), null)));
            ps.setArray(8, texts(c, occurrences, o -> Objects.toString(o.creditDate(), null)));
            ps.setArray(9, texts(c, occurrences, o -> plain(o.amount())));
            ps.setArray(10, texts(c, occurrences, o -> plain(o.paidAmount())));
            ps.setArray(11, texts(c, occurrences, o -> plain(o.tariff())));
            ps.setArray(12, texts(c, occurrences, o -> plain(o.interest())));
            ps.setArray(13, texts(c, occurrences, o -> plain(o.discount())));
            ps.setArray(14, texts(c, occurrences, ReturnOccurrenceApplier::reasons));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    if (rs.getString(2) != null) {
                        matched++;
                    }
                }
            }
        }
        if (matched > 0) {
            java.sql.Array idArray = c.createArrayOf("int8", ids.toArray());
            update(c, LOCK, idArray);
            TreeSet<UUID> uploads = new TreeSet<>();
            update(c, CONFIRM, idArray);
            try (PreparedStatement ps = c.prepareStatement(REJECT)) {
                ps.setBoolean(1, failRejected);
                ps.setBoolean(2, failRejected);
                ps.setArray(3, idArray);
                collectUploads(ps, failRejected ? uploads : new TreeSet<>());
            }
            update(c, WRITE_OFF, idArray);
            update(c, SETTLED_AGAIN, idArray);
            try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
                ps.setArray(1, idArray);
                collectUploads(ps, uploads);
            }
            // a PAID or FAILED charge may have been the last one its upload waited for
            for (UUID upload : uploads) {
                UploadCompletion.completeIfDone(c, upload);
            }
        }
        return new Applied(matched, ids.size() - matched, occurrences.size() - ids.size());
    }

    private static void update(Connection c, String sql, java.sql.Array ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, ids);
            ps.execute();
        }
    }

    private static void collectUploads(PreparedStatement ps, TreeSet<UUID> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getObject(1, UUID.class));
            }
        }
    }

    /** Reason codes with the bank's meaning under the occurrence, newline-separated (one text[] element each). */
    private static String reasons(ReturnOccurrence o) {
        StringBuilder sb = new StringBuilder();
        for (String r : o.rejectionReasons()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(r).append(' ').append(BancoDoBrasilOccurrences.reasonMeaning(o.code(), r));
        }
        return sb.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static java.sql.Array texts(Connection c, List<ReturnOccurrence> os,
                                        java.util.function.Function<ReturnOccurrence, String> f) throws SQLException {
        return c.createArrayOf("text", os.stream().map(f).toArray());
    }
}
