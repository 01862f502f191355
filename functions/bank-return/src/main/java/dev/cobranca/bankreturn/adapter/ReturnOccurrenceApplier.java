package dev.cobranca.bankreturn.adapter;

import dev.cobranca.bankreturn.BankReturnStore.Applied;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.postgres.CopyText;
import dev.cobranca.postgres.UploadCompletion;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The SQL that applies a retorno's occurrences: stores them as {@code bank_events} and moves the charges they match
 * (confirmed, rejected, written off, settled), in the caller's transaction.
 */
final class ReturnOccurrenceApplier {

    /**
     * Per session, emptied at each commit, no WAL: the batch as read ({@code retorno_batch}, filled by COPY) and the
     * occurrences of it that are new ({@code retorno_new}: what the charges' updates then read, instead of looking
     * each one up again in bank_events).
     */
    private static final String STAGING = """
            create temp table if not exists retorno_batch (line int, nosso_numero text collate "C", code text, name text,
              kind text, occurrence_date date, credit_date date, amount numeric(14,2), paid_amount numeric(14,2),
              tariff numeric(14,2), interest numeric(14,2), discount numeric(14,2), reasons text[]) on commit delete rows;
            create temp table if not exists retorno_new (id bigint, debt_id text collate "C", kind text, code text,
              name text, line int, occurrence_date date, credit_date date, paid_amount numeric(14,2),
              tariff numeric(14,2), reasons text[]) on commit delete rows
            """;
    private static final String COPY_BATCH = """
            copy retorno_batch (line, nosso_numero, code, name, kind, occurrence_date, credit_date, amount, paid_amount,
                                tariff, interest, discount, reasons) from stdin
            """;
    /** New occurrences only (the unique index on nosso número + code + date); each matched to its charge or to none. */
    private static final String INSERT_EVENTS = """
            with stored as (
                insert into bank_events (return_file_id, line, nosso_numero, debt_id, code, name, kind, occurrence_date,
                                         credit_date, amount, paid_amount, tariff, interest, discount, reasons)
                select ?, b.line, b.nosso_numero, c.debt_id, b.code, b.name, b.kind, b.occurrence_date, b.credit_date,
                       b.amount, b.paid_amount, b.tariff, b.interest, b.discount, b.reasons
                  from retorno_batch b left join charges c on c.nosso_numero = b.nosso_numero
                on conflict do nothing
                returning id, debt_id, kind, code, name, line, occurrence_date, credit_date, paid_amount, tariff, reasons)
            insert into retorno_new select * from stored
            """;
    private static final String COUNTS = "select count(*), count(debt_id) from retorno_new";
    /** The batch's charges locked in debt_id order, as the e-mail claim locks them: the two wait, never deadlock. */
    private static final String LOCK = """
            select 1 from charges where debt_id in (select debt_id from retorno_new where debt_id is not null)
             order by debt_id for update
            """;
    private static final String CONFIRM = """
            update charges c set bank_status = 'CONFIRMED', bank_updated_at = now(), bank_reasons = null
              from (select distinct debt_id from retorno_new where kind = 'CONFIRMED' and debt_id is not null) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT', 'REJECTED')
            """;
    private static final String REJECT = """
            update charges c set bank_status = 'REJECTED', bank_updated_at = now(), bank_reasons = e.reasons,
                   status = case when ? and c.status = 'INVOICED' then 'FAILED' else c.status end,
                   last_error = case when ? and c.status = 'INVOICED' then 'bank rejected the title: ' || e.reasons
                                     else c.last_error end
              from (select distinct on (debt_id) debt_id,
                           code || ' ' || coalesce(name, '') || ': ' || array_to_string(reasons, '; ') as reasons
                      from retorno_new where kind = 'REJECTED' and debt_id is not null
                     order by debt_id, line desc) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT')
            returning c.upload_id
            """;
    private static final String WRITE_OFF = """
            update charges c set bank_status = 'WRITTEN_OFF', bank_updated_at = now()
              from (select distinct debt_id from retorno_new where kind = 'WRITTEN_OFF' and debt_id is not null) e
             where c.debt_id = e.debt_id and c.bank_status in ('NOT_SENT', 'SENT', 'CONFIRMED', 'REJECTED')
            """;
    /** A title settled before and settled again: money came in twice, someone must look. */
    private static final String SETTLED_AGAIN = """
            update charges c set payment_mismatch = true,
                   bank_mismatch = 'the bank settled this title again: ' || e.code || ' on ' || coalesce(e.occurrence_date::text, '?')
                                   || ', ' || coalesce(e.paid_amount::text, '?')
              from (select distinct on (debt_id) debt_id, code, occurrence_date, paid_amount from retorno_new
                     where kind = 'SETTLED' and debt_id is not null order by debt_id, line) e
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
                      from retorno_new where kind = 'SETTLED' and debt_id is not null
                     order by debt_id, line) e
             where c.debt_id = e.debt_id and c.bank_status <> 'SETTLED'
            returning c.upload_id
            """;

    private ReturnOccurrenceApplier() {
    }

    static Applied apply(Connection c, long fileId, List<ReturnOccurrence> occurrences, boolean failRejected)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute(STAGING);
        }
        copyBatch(c, occurrences);
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
            ps.setLong(1, fileId);
            ps.executeUpdate();
        }
        int stored;
        int matched;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNTS)) {
            rs.next();
            stored = rs.getInt(1);
            matched = rs.getInt(2);
        }
        if (matched > 0) {
            update(c, LOCK);
            TreeSet<UUID> uploads = new TreeSet<>();
            update(c, CONFIRM);
            try (PreparedStatement ps = c.prepareStatement(REJECT)) {
                ps.setBoolean(1, failRejected);
                ps.setBoolean(2, failRejected);
                collectUploads(ps, failRejected ? uploads : new TreeSet<>());
            }
            update(c, WRITE_OFF);
            update(c, SETTLED_AGAIN);
            try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
                collectUploads(ps, uploads);
            }
            // a PAID or FAILED charge may have been the last one its upload waited for
            for (UUID upload : uploads) {
                UploadCompletion.completeIfDone(c, upload);
            }
        }
        return new Applied(matched, stored - matched, occurrences.size() - stored);
    }

    /** The batch into retorno_batch in COPY's text format: one pass, no per-column arrays to build and parse. */
    private static void copyBatch(Connection c, List<ReturnOccurrence> occurrences) throws SQLException, IOException {
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), COPY_BATCH, 1 << 16);
        try {
            CopyText row = new CopyText(copy);
            for (ReturnOccurrence o : occurrences) {
                row.plain(Integer.toString(o.line())).text(o.nossoNumero()).text(o.code()).textOrNull(o.codeName())
                        .plain(o.kind().name()).plain(orNull(o.occurrenceDate())).plain(orNull(o.creditDate()))
                        .plain(plain(o.amount())).plain(plain(o.paidAmount())).plain(plain(o.tariff()))
                        .plain(plain(o.interest())).plain(plain(o.discount())).text(reasons(o));
                row.endRow();
            }
            row.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void collectUploads(PreparedStatement ps, TreeSet<UUID> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getObject(1, UUID.class));
            }
        }
    }

    /**
     * Reason codes with the bank's meaning under the occurrence, as a text[] literal ({@code {}} when none): each
     * element quoted, its quotes and backslashes escaped.
     */
    private static String reasons(ReturnOccurrence o) {
        StringBuilder sb = new StringBuilder("{");
        for (String r : o.rejectionReasons()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            String element = r + " " + BancoDoBrasilOccurrences.reasonMeaning(o.code(), r);
            sb.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? CopyText.NULL : value.toPlainString();
    }

    private static String orNull(Object value) {
        return value == null ? CopyText.NULL : value.toString();
    }
}
