package dev.cobranca.email;

import dev.cobranca.core.concurrent.Futures;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the boleto e-mail of each charge of an {@link EmailRequested}, once.
 * <p>
 * Per charge: <b>claim</b> (a conditional UPDATE that only one delivery wins) → <b>send</b> → <b>mark</b> EMAILED
 * right away. What remains is the window between the SMTP server accepting an e-mail and the mark being committed:
 * the mark is retried a few times, and if it still fails the charge keeps its claim (it is not given back with the
 * unsent ones), so a redelivery within the lease skips it. Only after the lease expires may a redelivery (or the
 * repair loop) send it again, and that duplicate carries the same {@code Message-ID}, derived from the debtId, so
 * it is recognisable. We prefer that rare, recognisable repeat to a charge silently never e-mailed.
 * <p>
 * What the server answers decides where things end ({@link MailDeliveryException.Kind}): a refusal for this e-mail
 * makes the charge FAILED and the batch goes on; a transient failure gives back the claims not yet used and fails
 * the message for SQS to deliver again; throttling, a blocked account or a nearly spent time budget stop the whole
 * batch with {@link SendingStopped}, and nothing is marked FAILED for them.
 */
public final class EmailService {

    private static final Logger LOG = LoggerFactory.getLogger(EmailService.class);
    private static final int MAX_REASON = 500;
    /** S3 GETs in flight ahead of the sender: a few cover an SMTP round trip; stays within the JDK's 5 kept-alive connections. */
    private static final int READ_AHEAD = 4;
    /** Pauses between attempts to mark a sent charge EMAILED; a database blip should not risk a second e-mail. */
    private static final long[] MARK_RETRY_MILLIS = {50, 250, 1000};
    public static final Duration DEFAULT_TIME_MARGIN = Duration.ofSeconds(20);

    private final ChargeStore charges;
    private final ObjectStore objects;
    private final Mailer mailer;
    private final Duration claimLease;
    private final MailAlerts alerts;
    private final EmailMetrics metrics;
    private final Duration timeMargin;

    public EmailService(ChargeStore charges, ObjectStore objects, Mailer mailer, Duration claimLease) {
        this(charges, objects, mailer, claimLease, MailAlerts.NONE, EmailMetrics.standardOutput("EmailFunction"), DEFAULT_TIME_MARGIN);
    }

    /**
     * @param timeMargin no e-mail is started with less than this left of the function's time: more than one SMTP
     *                   exchange can take, so the function is never killed halfway through one
     */
    public EmailService(ChargeStore charges, ObjectStore objects, Mailer mailer, Duration claimLease, MailAlerts alerts,
                        EmailMetrics metrics, Duration timeMargin) {
        this.charges = charges;
        this.objects = objects;
        this.mailer = mailer;
        this.claimLease = claimLease;
        this.alerts = alerts;
        this.metrics = metrics;
        this.timeMargin = timeMargin;
    }

    /** A batch of messages sharing one connection to the mail server, with no time limit. */
    public Batch openBatch() {
        return openBatch(() -> Long.MAX_VALUE);
    }

    /** @param remainingMillis the function's time left (Lambda's {@code Context.getRemainingTimeInMillis}) */
    public Batch openBatch(LongSupplier remainingMillis) {
        return new Batch(mailer.openSession(), remainingMillis);
    }

    public final class Batch implements AutoCloseable {

        private final MailSession session;
        private final LongSupplier remainingMillis;
        private boolean alertsCleared;

        private Batch(MailSession session, LongSupplier remainingMillis) {
            this.session = session;
            this.remainingMillis = remainingMillis;
        }

        /**
         * Handles one SQS message body.
         *
         * @throws MessageCodec.MalformedMessageException when it is not an EmailRequested
         * @throws SendingStopped                         when nothing more of the batch should be sent now
         */
        public void handle(String messageBody) {
            handle(MessageCodec.decode(messageBody, EmailRequested.class));
        }

        public void handle(EmailRequested request) {
            checkTime(); // before claiming: a message not started is handed back whole
            UUID token = UUID.randomUUID();
            List<ClaimedCharge> claimed = charges.claim(new LinkedHashSet<>(request.debtIds()), token, claimLease);
            Set<UUID> touched = new LinkedHashSet<>();
            int sent = 0;
            int failed = 0;
            int next = 0; // the first claimed charge not dealt with yet: from it on, claims are given back on a failure
            try (Boletos boletos = new Boletos(claimed)) {
                while (next < claimed.size()) {
                    ClaimedCharge charge = claimed.get(next);
                    checkTime();
                    Email email = BoletoEmail.compose(charge, boletos.get(next));
                    try {
                        session.send(email);
                    } catch (MailDeliveryException e) {
                        switch (e.kind()) {
                            case REFUSED -> {
                                String reason = truncate("e-mail refused for " + Masking.email(charge.email()) + ": " + e.getMessage());
                                LOG.warn("charge {}: {}", charge.debtId(), reason);
                                charges.markFailed(charge.debtId(), reason);
                                touched.add(charge.uploadId());
                                failed++;
                                next++;
                                continue;
                            }
                            case THROTTLED -> throw throttled(e);
                            case BLOCKED -> throw blocked(e);
                            case TRANSIENT -> throw e;
                        }
                    }
                    // The e-mail is out: from here on its claim is never given back (a repeat would be a second e-mail).
                    next++;
                    markEmailed(charge.debtId());
                    touched.add(charge.uploadId());
                    sent++;
                    if (!alertsCleared) {
                        alertsCleared = true;
                        clearAlertsQuietly();
                    }
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

        private void checkTime() {
            long left = remainingMillis.getAsLong();
            if (left < timeMargin.toMillis()) {
                throw new SendingStopped(SendingStopped.Reason.OUT_OF_TIME,
                        left + " ms left, less than the " + timeMargin.toMillis() + " ms margin", null);
            }
        }

        @Override
        public void close() {
            session.close();
        }
    }

    private SendingStopped throttled(MailDeliveryException e) {
        LOG.warn("mail server throttles us, backing off: {}", e.getMessage());
        metrics.count(EmailMetrics.THROTTLED);
        raiseQuietly(MailAlerts.THROTTLED, e.getMessage());
        return new SendingStopped(SendingStopped.Reason.THROTTLED, e.getMessage(), e);
    }

    private SendingStopped blocked(MailDeliveryException e) {
        // A person must act (verify the identity, leave the SES sandbox, fix the credentials): the metric alarms.
        LOG.error("EMAIL_SENDING_BLOCKED: the mail server refuses our sender or account; no e-mail goes until it is fixed: {}",
                e.getMessage());
        metrics.count(EmailMetrics.SENDING_BLOCKED);
        raiseQuietly(MailAlerts.SENDING_BLOCKED, e.getMessage());
        return new SendingStopped(SendingStopped.Reason.BLOCKED, e.getMessage(), e);
    }

    private void raiseQuietly(String kind, String message) {
        try {
            alerts.raise(kind, truncate(message));
        } catch (RuntimeException e) {
            LOG.warn("recording the {} alert failed: {}", kind, e.toString());
        }
    }

    private void clearAlertsQuietly() {
        try {
            alerts.clear();
        } catch (RuntimeException e) {
            LOG.warn("clearing mail alerts failed: {}", e.toString());
        }
    }

    /** Retries the mark: the e-mail is already out, so failing here would risk sending it twice. */
    private void markEmailed(String debtId) {
        for (int attempt = 0; ; attempt++) {
            try {
                charges.markEmailed(debtId);
                return;
            } catch (RuntimeException e) {
                if (attempt >= MARK_RETRY_MILLIS.length) {
                    LOG.error("charge {}: e-mail sent but marking it EMAILED failed; its claim stays so it is not sent "
                            + "again before the claim expires: {}", debtId, e.toString());
                    throw e;
                }
                try {
                    Thread.sleep(MARK_RETRY_MILLIS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
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
            return Futures.join(reads.get(i), "reading " + claimed.get(i).invoiceKey());
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
