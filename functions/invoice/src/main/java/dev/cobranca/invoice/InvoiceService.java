package dev.cobranca.invoice;

import dev.cobranca.core.boleto.Boleto;
import dev.cobranca.core.boleto.BoletoIssuer;
import dev.cobranca.core.boleto.BoletoRequest;
import dev.cobranca.core.charge.BoletoDueDates;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.message.RemittanceRequested;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.invoice.ChargeStore.Charge;
import dev.cobranca.invoice.ChargeStore.Failed;
import dev.cobranca.invoice.ChargeStore.Invoiced;
import dev.cobranca.invoice.pdf.BoletoPdfRenderer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@link InvoiceRequested} into boleto PDFs in the bucket, INVOICED charges and an {@link EmailRequested}.
 * <p>
 * Idempotent: charges already past CREATED are not rendered again, the boleto of a charge is always the same
 * (its nosso número comes from the charge's {@code seq}), and every status change is conditional. A charge whose
 * data cannot make a boleto is FAILED and not retried; anything else that goes wrong (S3, the database, SQS)
 * throws, so SQS delivers the message again.
 */
public final class InvoiceService {

    public static final String PDF_CONTENT_TYPE = "application/pdf";
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceService.class);
    /** S3 PUTs in flight per message: rendering is CPU, the PUTs are network latency. */
    private static final int UPLOAD_CONCURRENCY = 8;
    /**
     * debtIds per EmailRequested: an invoice message may carry hundreds (few, large SQS messages are cheap to enqueue),
     * but SMTP is the slow stage, so its work is spread over more, smaller messages and e-mail invocations.
     */
    static final int EMAIL_MESSAGE_DEBT_IDS = 100;

    private final ChargeStore charges;
    private final BoletoIssuer issuer;
    private final BoletoPdfRenderer renderer;
    private final ObjectStore objects;
    private final MessagePublisher emailQueue;
    private final Options options;

    /**
     * How boletos meet the bank.
     *
     * @param overdueGraceDays {@code BOLETO_OVERDUE_GRACE_DAYS}: an overdue debt's boleto is due this many days after today
     * @param emailAfter       {@code EMAIL_AFTER}: e-mail at once, or only after the bank confirmed the title
     * @param remittanceQueue  where {@link RemittanceRequested} goes when an upload is done invoicing; null: the
     *                         remittance function's schedule alone sends the titles
     * @param clock            "today", in Brasília time (the bank's calendar)
     */
    public record Options(int overdueGraceDays, EmailAfter emailAfter, MessagePublisher remittanceQueue, Clock clock) {
        public static final ZoneId BANK_ZONE = ZoneId.of("America/Sao_Paulo");

        public static Options defaults() {
            return new Options(5, EmailAfter.INVOICED, null, Clock.system(BANK_ZONE));
        }
    }

    public InvoiceService(ChargeStore charges, BoletoIssuer issuer, BoletoPdfRenderer renderer,
                          ObjectStore objects, MessagePublisher emailQueue) {
        this(charges, issuer, renderer, objects, emailQueue, Options.defaults());
    }

    public InvoiceService(ChargeStore charges, BoletoIssuer issuer, BoletoPdfRenderer renderer,
                          ObjectStore objects, MessagePublisher emailQueue, Options options) {
        this.charges = charges;
        this.issuer = issuer;
        this.renderer = renderer;
        this.objects = objects;
        this.emailQueue = emailQueue;
        this.options = options;
    }

    public static String invoiceKey(String debtId) {
        return "invoices/" + debtId + ".pdf";
    }

    /** Handles one SQS message body. @throws MessageCodec.MalformedMessageException when it is not an InvoiceRequested */
    public void handle(String messageBody) {
        handle(MessageCodec.decode(messageBody, InvoiceRequested.class));
    }

    public void handle(InvoiceRequested request) {
        Set<String> debtIds = new LinkedHashSet<>(request.debtIds());
        List<Charge> found = charges.find(debtIds);
        if (found.size() < debtIds.size()) {
            LOG.warn("{} of {} debtIds of upload {} are not charges; skipped", debtIds.size() - found.size(),
                    debtIds.size(), request.uploadId());
        }
        List<Charge> created = found.stream().filter(c -> c.status() == ChargeStatus.CREATED).toList();

        Outcome outcome = invoice(created);
        charges.markInvoiced(outcome.invoiced());
        if (!outcome.failed().isEmpty()) {
            charges.markFailed(outcome.failed());
        }
        // Every charge of the message that waits for its e-mail, also those invoiced by an earlier delivery that
        // died before enqueueing: the e-mail function claims each charge, so enqueueing twice sends once. With
        // EMAIL_AFTER=BANK_CONFIRMED the bank-return function enqueues them once the bank registered the title.
        Map<java.util.UUID, List<String>> ready = options.emailAfter() == EmailAfter.INVOICED
                ? charges.invoiced(debtIds) : Map.of();
        List<String> bodies = new ArrayList<>();
        for (Map.Entry<java.util.UUID, List<String>> e : ready.entrySet()) {
            for (int from = 0; from < e.getValue().size(); from += EMAIL_MESSAGE_DEBT_IDS) {
                List<String> part = e.getValue().subList(from, Math.min(from + EMAIL_MESSAGE_DEBT_IDS, e.getValue().size()));
                bodies.add(MessageCodec.encode(new EmailRequested(e.getKey(), part)));
            }
        }
        if (!bodies.isEmpty()) {
            emailQueue.publish(bodies);
        }
        requestRemittance(found);
        LOG.info("upload {}: {} debtIds, {} invoiced now, {} failed, {} enqueued for e-mail", request.uploadId(),
                debtIds.size(), outcome.invoiced().size(), outcome.failed().size(),
                ready.values().stream().mapToInt(List::size).sum());
        if (outcome.uploadError() != null) {
            throw outcome.uploadError();
        }
    }

    /**
     * When this message moved the last CREATED charge of its upload, the upload's titles can go to the bank now. Each
     * message checks after its own commit, so the last one to commit sees the upload done; two that both see it send
     * two requests, and the remittance function's run sends each title once whatever the number of runs.
     */
    private void requestRemittance(List<Charge> found) {
        if (options.remittanceQueue() == null || found.isEmpty()) {
            return;
        }
        Set<java.util.UUID> uploads = new LinkedHashSet<>();
        found.forEach(c -> uploads.add(c.uploadId()));
        List<String> bodies = charges.doneInvoicing(uploads).stream()
                .map(id -> MessageCodec.encode(RemittanceRequested.uploadInvoiced(id))).toList();
        if (!bodies.isEmpty()) {
            options.remittanceQueue().publish(bodies);
        }
    }

    private record Outcome(List<Invoiced> invoiced, List<Failed> failed, RuntimeException uploadError) {
    }

    /**
     * Renders on this thread (the renderer need not be thread-safe) and uploads on virtual threads. A PUT that fails
     * does not stop the others: what was stored is still marked, and the error is rethrown after.
     */
    private Outcome invoice(List<Charge> created) {
        List<Failed> failed = new ArrayList<>();
        List<Invoiced> rendered = new ArrayList<>();
        List<Future<?>> uploads = new ArrayList<>();
        Semaphore inFlight = new Semaphore(UPLOAD_CONCURRENCY);
        LocalDate today = LocalDate.now(options.clock());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Charge charge : created) {
                byte[] pdf;
                Boleto boleto;
                try {
                    LocalDate boletoDue = BoletoDueDates.of(charge.dueDate(), today, options.overdueGraceDays());
                    boleto = issuer.issue(new BoletoRequest(charge.debtId(), charge.seq(), charge.name(),
                            charge.governmentId(), charge.amount(), boletoDue, charge.dueDate()));
                    pdf = renderer.render(boleto);
                } catch (RuntimeException e) {
                    // Issuing and rendering are pure computations on the charge's data: retrying cannot help.
                    LOG.warn("charge {} cannot be invoiced: {}", charge.debtId(), e.getMessage());
                    failed.add(new Failed(charge.debtId(), charge.uploadId(), "boleto: " + e.getMessage()));
                    continue;
                }
                String key = invoiceKey(charge.debtId());
                rendered.add(new Invoiced(charge.debtId(), boleto.barcode(), boleto.digitableLine(), key,
                        boleto.ourNumber(), boleto.request().dueDate()));
                inFlight.acquireUninterruptibly();
                uploads.add(executor.submit(() -> {
                    try {
                        objects.put(key, pdf, PDF_CONTENT_TYPE);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }
        List<Invoiced> invoiced = new ArrayList<>();
        RuntimeException uploadError = null;
        Set<String> notStored = new HashSet<>();
        for (int i = 0; i < uploads.size(); i++) {
            Throwable failure = Futures.failure(uploads.get(i), "storing invoices");
            if (failure == null) {
                invoiced.add(rendered.get(i));
                continue;
            }
            notStored.add(rendered.get(i).debtId());
            if (uploadError == null) {
                uploadError = new IllegalStateException("storing " + rendered.get(i).invoiceKey() + " failed", failure);
            } else {
                uploadError.addSuppressed(failure);
            }
        }
        if (!notStored.isEmpty()) {
            LOG.warn("{} of {} invoices could not be stored; the message will be retried", notStored.size(), rendered.size());
        }
        return new Outcome(invoiced, failed, uploadError);
    }
}
