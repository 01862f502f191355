package dev.cobranca.local.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.bankreturn.BankReturnHandler;
import dev.cobranca.emulators.LiveHeap;
import dev.cobranca.remittance.RemittanceHandler;
import dev.cobranca.testfixtures.Cpu;
import dev.cobranca.testfixtures.LambdaEvents;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A function's JVM in {@link BankBenchmark}: the handler built from the environment, as Lambda's cold start does, then
 * timed on the events from {@code events/}. {@code remittance}: one RemittanceRequested batch (one run sends every
 * invoiced title, file after file); {@code retorno KEY...}: one ObjectCreated event per retorno, in order.
 * Prints {@code RESULT <ms> <live heap> <start epoch ms> <end epoch ms>}.
 */
public final class BankBenchmarkChild {

    static final String REMITTANCE = "remittance";
    static final String RETORNO = "retorno";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        List<String> keys = List.of(args).subList(1, args.length);
        long ms;
        long startedAt;
        AtomicLong live;
        if (mode.equals(REMITTANCE)) {
            RemittanceHandler handler = new RemittanceHandler(System.getenv());
            SQSEvent event = event("remittance/sqs-remittance-requested.json", SQSEvent.class, "");
            live = LiveHeap.watch();
            startedAt = System.currentTimeMillis();
            long t = System.nanoTime();
            SQSBatchResponse response = handler.handleRequest(event, null);
            ms = (System.nanoTime() - t) / 1_000_000;
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("the remittance run failed: " + response.getBatchItemFailures());
            }
        } else if (mode.equals(RETORNO)) {
            BankReturnHandler handler = new BankReturnHandler(System.getenv());
            live = LiveHeap.watch();
            startedAt = System.currentTimeMillis();
            long t = System.nanoTime();
            for (String key : keys) {
                // the event is built before the clock would matter: reading a small JSON file
                S3Event event = event("bank-return/s3-retorno-created.json", S3Event.class, key);
                System.out.println(handler.handleRequest(event, null));
            }
            ms = (System.nanoTime() - t) / 1_000_000;
        } else {
            throw new IllegalArgumentException("mode: remittance or retorno, got " + mode);
        }
        System.out.printf("%s JVM CPU %.1f s%n", mode, Cpu.selfNanos() / 1e9);
        // the wall-clock window too: the parent times children that run at once from the first start to the last end
        System.out.printf("RESULT %d %dMB %d %d%n", ms, live.get() >> 20, startedAt, startedAt + ms);
        System.exit(0);
    }

    private static <T> T event(String name, Class<T> type, String key) {
        String json = LambdaEvents.json(name)
                .replace("cobranca-123456789012-uploads", System.getenv("BUCKET_NAME"))
                .replace("returns/CBR0012345670000001.RET", key);
        return LambdaEvents.fromJson(json, type);
    }
}
