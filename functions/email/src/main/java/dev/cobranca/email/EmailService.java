package dev.cobranca.email;

import dev.cobranca.core.log.Masking;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.email.ChargeStore.ClaimedCharge;
import dev.cobranca.email.Mailer.MailSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the boleto e-mail of each charge of an {@link EmailRequested}, once.
 * <p>
 * Per charge: <b>claim</b> (a conditional UPDATE that only one delivery wins) → <b>send</b> → <b>mark</b> EMAILED
 * right away. What remains is the window between the SMTP server accepting an e-mail and the mark being committed:
 * a crash there (or the database failing just then) leaves the charge INVOICED and claimed, and once the claim
 * expires a redelivered message sends it again. That duplicate carries the same {@code Message-ID}, derived from
 * the debtId, so it is recognisable. Everything else is exactly once.
 * <p>
 * A permanent refusal (5xx for this e-mail) makes the charge FAILED and the message goes on; anything transient
 * (SMTP 4xx, a lost connection, S3 or the database) gives back the claims not yet used and fails the message,
 * for SQS to deliver it again (and, after maxReceiveCount, to its dead-letter queue).
 */
public final class EmailService {

    private static final Logger LOG = LoggerFactory.getLogger(EmailService.class);
    private static final int MAX_REASON = 500;
    /** S3 GETs in flight ahead of the sender: a few cover an SMTP round trip; stays within the JDK's 5 kept-alive connections. */
    private static final int READ_AHEAD = 4;

    private final ChargeStore charges;
    private final ObjectStore objects;
    private final Mailer mailer;
    private final Duration claimLease;

    public EmailService(ChargeStore charges, ObjectStore objects, Mailer mailer, Duration claimLease) {
        this.charges = charges;
        this.objects = objects;
        this.mailer = mailer;
        this.claimLease = claimLease;
    }

    /** A batch of messages sharing one connection to the mail server. */
    public Batch openBatch() {
        return new Batch(mailer.openSession());
    }

    public final class Batch implements AutoCloseable {

        private final MailSession session;

        private Batch(MailSession session) {
            this.session = session;
        }

        /** Handles one SQS message body. @throws MessageCodec.MalformedMessageException when it is not an EmailRequested */
        public void handle(String messageBody) {
            handle(MessageCodec.decode(messageBody, EmailRequested.class));
        }

        public void handle(EmailRequested request) {
            UUID token = UUID.randomUUID();
            List<ClaimedCharge> claimed = charges.claim(new LinkedHashSet<>(request.debtIds()), token, claimLease);
            Set<UUID> touched = new LinkedHashSet<>();
            int sent = 0;
            int failed = 0;
            int next = 0;
            try (Boletos boletos = new Boletos(claimed)) {
                for (; next < claimed.size(); next++) {
                    ClaimedCharge charge = claimed.get(next);
                    Email email = BoletoEmail.compose(charge, boletos.get(next));
                    try {
                        session.send(email);
                    } catch (MailDeliveryException e) {
                        if (!e.permanent()) {
                            throw e;
                        }
                        String reason = truncate("e-mail refused for " + Masking.email(charge.email()) + ": " + e.getMessage());
                        LOG.warn("charge {}: {}", charge.debtId(), reason);
                        charges.markFailed(charge.debtId(), reason);
                        touched.add(charge.uploadId());
                        failed++;
                        continue;
                    }
                    // Marked before the next e-mail goes: a crash can leave at most this one e-mail unmarked.
                    charges.markEmailed(charge.debtId());
                    touched.add(charge.uploadId());
                    sent++;
                }
            } catch (RuntimeException e) {
                releaseQuietly(claimed.subList(next, claimed.size()), token, e);
                throw e;
            }
            // Also when nothing was claimed: a retry after a crash between the last mark and this call completes it.
            if (request.uploadId() != null) {
                touched.add(request.uploadId());
            }
            charges.completeUploadsIfDone(touched);
            LOG.info("upload {}: {} debtIds, {} claimed, {} e-mailed, {} refused", request.uploadId(),
                    request.debtIds().size(), claimed.size(), sent, failed);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /**
     * The boletos of the claimed charges, read a few ahead of the sender on virtual threads, so each S3 GET overlaps
     * the SMTP round trips of the e-mails before it instead of adding to them. A read that fails surfaces when its
     * charge's turn comes, as if it had been read then.
     */
    private final class Boletos implements AutoCloseable {

        private final List<ClaimedCharge> claimed;
        private final List<Future<byte[]>> reads;
        private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

        Boletos(List<ClaimedCharge> claimed) {
            this.claimed = claimed;
            this.reads = new ArrayList<>(claimed.size());
        }

        /** The PDF of the i-th claimed charge, taken in order. */
        byte[] get(int i) {
            while (reads.size() < claimed.size() && reads.size() < i + READ_AHEAD) {
                ClaimedCharge charge = claimed.get(reads.size());
                reads.add(readers.submit(() -> invoice(charge)));
            }
            try {
                return reads.get(i).get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException("reading " + claimed.get(i).invoiceKey() + " failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + claimed.get(i).invoiceKey(), e);
            }
        }

        /** Abandons the reads nobody will use (after a failure) and waits for the threads to end. */
        @Override
        public void close() {
            readers.shutdownNow();
            readers.close();
        }
    }

    private byte[] invoice(ClaimedCharge charge) {
        try (InputStream in = objects.open(charge.invoiceKey())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + charge.invoiceKey() + " failed", e);
        }
    }

    private void releaseQuietly(List<ClaimedCharge> unsent, UUID token, RuntimeException cause) {
        if (unsent.isEmpty()) {
            return;
        }
        try {
            charges.release(unsent.stream().map(ClaimedCharge::debtId).toList(), token);
        } catch (RuntimeException e) {
            // The claims then simply expire; the message is retried after that.
            cause.addSuppressed(e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}
