package dev.cobranca.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The run's figures as one CloudWatch embedded metric format (EMF) log line: Lambda's log stream turns it into
 * metrics in namespace {@value #NAMESPACE} with no API call and no extra permission; the template's alarms watch them.
 */
public final class RepairMetrics {

    public static final String NAMESPACE = "Cobranca/Repair";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RepairMetrics() {
    }

    public static String emf(RepairReport r, long epochMillis) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", epochMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        put(root, metrics, "StuckCharges", r.waitingInvoice() + r.waitingEmail());
        put(root, metrics, "DeadLetteredMessages", r.deadLetteredTotal());
        put(root, metrics, "ImportsRestarted", r.importsRestarted());
        put(root, metrics, "ChargesRequeued", r.invoicesRequeued() + r.emailsRequeued());
        put(root, metrics, "UploadsCompleted", r.uploadsCompleted());
        put(root, metrics, "RepairErrors", r.errors().size());
        return root.toString();
    }

    private static void put(ObjectNode root, ArrayNode metrics, String name, long value) {
        metrics.addObject().put("Name", name).put("Unit", "Count");
        root.put(name, value);
    }
}
