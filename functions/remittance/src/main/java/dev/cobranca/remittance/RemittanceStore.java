package dev.cobranca.remittance;

import dev.cobranca.core.bank.RemittanceTitle;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The remessas and the charges they carry. Exactly once per charge: {@link #claim} allocates the file's NSA, picks the
 * titles and marks them SENT in one transaction, and the file is then written from what that transaction recorded, so
 * a crash before the upload leaves a BUILDING remessa that the next run writes again, byte for byte.
 */
public interface RemittanceStore {

    /**
     * Holds the convênio's run lock until closed: two runs never build remessas of one convênio at once (waits for a
     * running one, up to a limit, then fails so that the trigger is retried).
     */
    AutoCloseable lock(String convenio);

    /** Remessas whose charges are SENT but whose file may not be in the bucket (a crash after {@link #claim}). */
    List<Remittance> building(String convenio);

    /**
     * In one transaction: up to {@code maxTitles} invoiced charges not yet sent (oldest first), marked SENT into a new
     * BUILDING remessa with the convênio's next NSA. Empty, and no NSA used, when there is nothing to send.
     *
     * @param keyFor the object key of the file from its NSA and generation time
     */
    Optional<Remittance> claim(String convenio, int maxTitles, LocalDateTime generatedAt, KeyFunction keyFor);

    /** Streams the remessa's titles in a stable order (the charges' seq), without holding them all. */
    void titles(long remittanceId, Consumer<RemittanceTitle> each);

    /**
     * BUILDING → WRITTEN. Titles the writer refused are in no file: their charges become REJECTED with the reason,
     * in the same transaction.
     */
    void markWritten(long remittanceId, long titles, java.math.BigDecimal total, List<Refused> refused);

    @FunctionalInterface
    interface KeyFunction {
        String key(long nsa, LocalDateTime generatedAt);
    }

    record Remittance(long id, String convenio, long nsa, String objectKey, int titleCount, LocalDateTime generatedAt) {
    }

    /** @param nossoNumero the title's id; @param reason why it could not be written */
    record Refused(String nossoNumero, String reason) {
    }
}
