package dev.cobranca.bankreturn;

import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Retornos and what they do to charges. Idempotent twice over: a file is known by its content's SHA-256, and an
 * occurrence by nosso número + code + date, so the same file delivered twice, or the same occurrence in two files,
 * changes nothing the second time.
 */
public interface BankReturnStore {

    /** Records the file, or finds it: {@code alreadyRead} when a delivery of the same bytes finished before. */
    FileClaim begin(String objectKey, String sha256);

    /**
     * Notes the file header's bank, convênio and NSA.
     *
     * @return the key of another file with the same convênio and NSA, if any (a re-sent retorno)
     */
    String header(long fileId, ReturnHeader header);

    /**
     * In one transaction: stores the occurrences not seen before (matched to charges by nosso número, or kept with no
     * charge) and applies them. With {@code failRejected} (EMAIL_AFTER=BANK_CONFIRMED) a rejected title that was
     * waiting for its e-mail becomes FAILED with the bank's reasons.
     */
    Applied apply(long fileId, List<ReturnOccurrence> occurrences, boolean failRejected);

    /**
     * Streams the charges this file confirmed that still wait for their e-mail, upload by upload (a retorno of
     * 1,000,000 confirmations is never held).
     */
    void confirmedAwaitingEmail(long fileId, BiConsumer<UUID, String> each);

    /** Streams the occurrences of this file that name no charge, in file order; returns how many. */
    long unmatched(long fileId, Consumer<Unmatched> each);

    void finish(long fileId, FileOutcome outcome);

    record FileClaim(long id, boolean alreadyRead, String status) {
    }

    /** What one {@link #apply} did: new events (matched or not) and occurrences already known. */
    record Applied(int matched, int unmatched, int duplicates) {
        public Applied plus(Applied o) {
            return new Applied(matched + o.matched, unmatched + o.unmatched, duplicates + o.duplicates);
        }
    }

    record Unmatched(int line, String nossoNumero, String code, String name) {
    }

    /** @param status APPLIED, PARTIAL (some lines unreadable) or FAILED (the file as a whole is unreadable) */
    record FileOutcome(String status, long occurrences, Applied applied, int errors, String error, String reportKey,
                       String note) {
    }
}
