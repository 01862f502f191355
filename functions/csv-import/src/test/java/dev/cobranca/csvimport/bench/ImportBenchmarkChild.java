package dev.cobranca.csvimport.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.cobranca.csvimport.CsvImportHandler;
import dev.cobranca.emulators.LiveHeap;
import dev.cobranca.testfixtures.LambdaEvents;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import JVM of {@link ImportBenchmark}: builds the handler from the environment, as Lambda does, and times one
 * event. Arguments: key, size, event name, ETag (without quotes) of the object the event names.
 */
public final class ImportBenchmarkChild {

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        long size = Long.parseLong(args[1]);
        String json = LambdaEvents.json("csv-import/s3-object-created.json")
                .replace("cobranca-123456789012-uploads", System.getenv("BUCKET_NAME"))
                .replace("uploads/6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31.csv", key)
                .replace("\"size\": 1131", "\"size\": " + size)
                .replace("ObjectCreated:Put", args[2])
                .replace("0b4f7d2e9c5a4e1f8a3b6c2d1e0f9a8b", args[3]);
        S3Event event = LambdaEvents.fromJson(json, S3Event.class);
        CsvImportHandler handler = new CsvImportHandler(System.getenv()); // init, as Lambda's cold start
        AtomicLong live = LiveHeap.watch();
        long cpu = processCpuNanos();
        long t = System.nanoTime();
        CsvImportHandler.Result result = handler.handleRequest(event, null);
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.println(result);
        System.out.printf("max heap %d MB; import JVM CPU %.1f s%n", Runtime.getRuntime().maxMemory() >> 20,
                (processCpuNanos() - cpu) / 1e9);
        System.out.printf("RESULT %d %dMB(live heap after GC, -Xmx256m)%n", ms, live.get() >> 20);
        System.exit(0);
    }
}
