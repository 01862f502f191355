package dev.cobranca.repair;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RepairFunction}, on an EventBridge schedule: one repair run per event. Its findings go to the log (a summary
 * line and an EMF metrics line the alarms read), to the database (GET /uploads/{id} shows them) and to the response.
 * A run that could not do everything fails after doing the rest, so the function's errors are counted too.
 */
public final class RepairHandler implements RequestHandler<ScheduledEvent, RepairReport> {

    private static final Logger LOG = LoggerFactory.getLogger(RepairHandler.class);

    private final RepairService service;
    private final boolean metricsLog;

    public RepairHandler() {
        this(System.getenv());
    }

    public RepairHandler(Map<String, String> env) {
        this(RepairConfig.fromEnv(env));
    }

    private RepairHandler(RepairConfig config) {
        this(DependencyFactory.service(config), config.metricsLog());
    }

    /** @param metricsLog print the EMF metrics line (on Lambda) */
    public RepairHandler(RepairService service, boolean metricsLog) {
        this.service = service;
        this.metricsLog = metricsLog;
    }

    @Override
    public RepairReport handleRequest(ScheduledEvent event, Context context) {
        RepairReport report;
        try {
            report = service.run();
        } catch (RepairService.RepairFailedException e) {
            log(e.report());
            throw e;
        }
        log(report);
        return report;
    }

    private void log(RepairReport r) {
        String summary = String.format(java.util.Locale.ROOT,
                "repair: %d import(s) restarted, %d charge(s) re-enqueued for a boleto and %d for an e-mail, %d upload(s)"
                        + " completed; still waiting: %d for a boleto, %d for an e-mail; dead-lettered: %s; failed charges: %s;"
                        + " failed uploads: %d%s",
                r.importsRestarted(), r.invoicesRequeued(), r.emailsRequeued(), r.uploadsCompleted(), r.waitingInvoice(),
                r.waitingEmail(), r.deadLettered(), r.failedByReason(), r.uploadsFailed(),
                r.errors().isEmpty() ? "" : "; errors: " + r.errors());
        boolean stuck = r.waitingInvoice() + r.waitingEmail() + r.deadLetteredTotal() > 0 || !r.errors().isEmpty();
        if (stuck) {
            LOG.warn(summary);
        } else {
            LOG.info(summary);
        }
        if (metricsLog) {
            // stdout, not the logger: EMF must be the whole log line, with no level or logger name before it
            System.out.println(RepairMetrics.emf(r, System.currentTimeMillis()));
        }
    }
}
