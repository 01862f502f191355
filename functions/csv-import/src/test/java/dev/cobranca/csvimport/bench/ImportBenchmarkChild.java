package dev.cobranca.csvimport.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cobranca.csvimport.CsvImportHandler;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The import JVM of {@link ImportBenchmark}: builds the handler from the environment, as Lambda does, and times one event. */
public final class ImportBenchmarkChild {

    public static void main(String[] args) throws Exception {
        String key = args[0];
        long size = Long.parseLong(args[1]);
        String json = Files.readString(Path.of("../../events/csv-import/s3-object-created.json"))
                .replace("cobranca-123456789012-uploads", System.getenv("BUCKET_NAME"))
                .replace("uploads/6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31.csv", key)
                .replace("\"size\": 1131", "\"size\": " + size);
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, ImportBenchmarkChild.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        CsvImportHandler handler = new CsvImportHandler(System.getenv()); // init, as Lambda's cold start
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t = System.nanoTime();
        CsvImportHandler.Result result = handler.handleRequest(event, null);
        long ms = (System.nanoTime() - t) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(result);
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("RESULT %d %dMB(sum of heap pool peaks, -Xmx256m)%n", ms, peak >> 20);
        System.exit(0);
    }
}
