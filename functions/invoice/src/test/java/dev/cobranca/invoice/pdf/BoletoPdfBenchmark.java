package dev.cobranca.invoice.pdf;

import dev.cobranca.core.boleto.Boleto;
import java.time.LocalDate;

/**
 * Renders boletos on one thread and prints PDFs per second and sizes. Not a test (it lives in src/test so it is
 * not shipped); arguments: [count, default 20000] [warm-up, default 5000]. Run it with {@code bench/boleto/run.sh [count] [warm-up]} from the
 * repository root (one processor, serial GC).
 */
public final class BoletoPdfBenchmark {

    private BoletoPdfBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        PdfBoxBoletoRenderer renderer = new PdfBoxBoletoRenderer();
        Boleto[] boletos = new Boleto[1000];
        for (int i = 0; i < boletos.length; i++) {
            boletos[i] = SampleBoletos.boleto(1_000_000L + i, "Pagador Número " + i + " da Conceição Araújo",
                    String.format("%011d", 10_000_000_000L + i * 7919L), (1 + i * 37) + "." + (i % 100 < 10 ? "0" : "") + (i % 100),
                    LocalDate.of(2026, 1, 1).plusDays(i));
        }
        long sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += renderer.render(boletos[i % boletos.length]).length;
        }
        long totalBytes = 0;
        int maxBytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] pdf = renderer.render(boletos[i % boletos.length]);
            totalBytes += pdf.length;
            maxBytes = Math.max(maxBytes, pdf.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rendered %d boletos on 1 thread in %.2f s: %.0f PDFs/s, %.3f ms each; size avg %.1f KB, max %.1f KB (warm-up %d, %d)%n",
                count, seconds, count / seconds, seconds * 1000 / count, totalBytes / 1024.0 / count, maxBytes / 1024.0,
                warmUp, sink % 10);
    }
}
