package dev.cobranca.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An upload's status, as {@code GET /uploads/{id}} reports it, shown while it is followed: a progress bar on a
 * terminal; a line every few seconds (when something changed) otherwise.
 */
interface UploadProgress extends AutoCloseable {

    void show(JsonNode status);

    @Override
    void close();

    static UploadProgress create(PrintStream out) {
        return System.console() != null && System.console().isTerminal() ? new Bar() : new Lines(out);
    }

    private static long done(JsonNode charges) {
        return charges.path("emailed").asLong() + charges.path("paid").asLong() + charges.path("failed").asLong();
    }

    private static String line(JsonNode s) {
        JsonNode rows = s.path("rows");
        JsonNode charges = s.path("charges");
        long invoiced = charges.path("invoiced").asLong() + charges.path("emailed").asLong() + charges.path("paid").asLong();
        // the charges by pipeline status: an e-mailed charge that is paid counts as paid from then on (so this number
        // can fall), and one paid before its e-mail went out is never mailed; the summary counts the e-mails sent
        return String.format(Locale.ROOT, "rows %d (accepted %d, rejected %d, duplicate %d) · boletos %d · e-mailed, unpaid %d · paid %d · failed %d",
                rows.path("total").asLong(), rows.path("accepted").asLong(), rows.path("rejected").asLong(),
                rows.path("duplicate").asLong(), invoiced, charges.path("emailed").asLong(), charges.path("paid").asLong(),
                charges.path("failed").asLong());
    }

    final class Bar implements UploadProgress {
        private ProgressBar bar;

        @Override
        public void show(JsonNode s) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("Upload").setStyle(ProgressBarStyle.ASCII)
                        .setInitialMax(-1).setUpdateIntervalMillis(200).continuousUpdate().build();
            }
            long accepted = s.path("rows").path("accepted").asLong();
            String state = s.path("status").asText();
            if (!state.equals("WAITING") && !state.equals("IMPORTING") && accepted > 0) {
                bar.maxHint(accepted);
            }
            bar.stepTo(done(s.path("charges")));
            bar.setExtraMessage(" " + state + " · " + line(s));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    final class Lines implements UploadProgress {
        private final PrintStream out;
        private String last = "";
        private long lastPrint;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void show(JsonNode s) {
            String text = s.path("status").asText() + " · " + line(s);
            String state = s.path("status").asText();
            boolean finished = state.equals("COMPLETED") || state.equals("FAILED");
            if (!text.equals(last) && (finished || System.currentTimeMillis() - lastPrint >= 2000)) {
                out.println("  " + text);
                last = text;
                lastPrint = System.currentTimeMillis();
            }
        }

        @Override
        public void close() {
        }
    }
}
