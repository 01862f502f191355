package dev.cobranca.core.bank.bench;

import dev.cobranca.core.bank.CnabFixtures;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.OccurrenceKind;
import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceWriter;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: writes a remessa of N titles (default 1,000,000) and reads a retorno of N occurrences, each on
 * disk, and prints titles per second. A CNAB 240 file holds at most 999,999 records, so N titles take several
 * files, started whenever {@code canAdd()} says no. Run with -Xmx256m (bench/cnab/run.sh).
 *   CnabBenchmark [N] [DIR]
 */
public final class CnabBenchmark {

    private static final LocalDate ISSUED = LocalDate.of(2026, 12, 1);

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/bench-cnab"));
        String[] cpfs = new String[1024];
        for (int i = 0; i < cpfs.length; i++) {
            cpfs[i] = CnabFixtures.cpf(i);
        }
        System.out.printf("warm-up (%,d titles)...%n", n / 10);
        run(n / 10, dir, cpfs, false);
        run(n, dir, cpfs, true);
    }

    private static void run(int n, Path dir, String[] cpfs, boolean print) throws IOException {
        long t0 = System.nanoTime();
        long c0 = cpu();
        List<Path> remessas = writeRemessa(n, dir, cpfs);
        long t1 = System.nanoTime();
        long c1 = cpu();
        List<Path> retornos = writeRetorno(n, dir);
        long t2 = System.nanoTime();
        long c2 = cpu();
        long[] read = readRetorno(retornos);
        long t3 = System.nanoTime();
        long c3 = cpu();
        long entries = readRemessa(remessas);
        long t4 = System.nanoTime();
        long c4 = cpu();
        if (print) {
            long bytes = 0;
            for (Path p : remessas) {
                bytes += Files.size(p);
            }
            System.out.printf("remessa: %,d titles in %d files (%,d MB) written in %.2f s (%.2f s CPU): %,.0f titles/s%n",
                    n, remessas.size(), bytes >> 20, (t1 - t0) / 1e9, (c1 - c0) / 1e9, n / ((t1 - t0) / 1e9));
            System.out.printf("retorno: %,d occurrences in %d files written in %.2f s (%.2f s CPU): %,.0f occurrences/s (fixture)%n",
                    n, retornos.size(), (t2 - t1) / 1e9, (c2 - c1) / 1e9, n / ((t2 - t1) / 1e9));
            System.out.printf("retorno: %,d occurrences (%,d settled, %d line errors) read in %.2f s (%.2f s CPU): %,.0f occurrences/s%n",
                    read[0], read[1], read[2], (t3 - t2) / 1e9, (c3 - c2) / 1e9, read[0] / ((t3 - t2) / 1e9));
            System.out.printf("remessa: %,d titles read back in %.2f s (%.2f s CPU): %,.0f titles/s%n",
                    entries, (t4 - t3) / 1e9, (c4 - c3) / 1e9, entries / ((t4 - t3) / 1e9));
            System.out.printf("max heap %d MB, peak heap used %d MB%n", Runtime.getRuntime().maxMemory() >> 20, peakHeap() >> 20);
        }
        for (Path p : remessas) {
            Files.delete(p);
        }
        for (Path p : retornos) {
            Files.delete(p);
        }
    }

    private static List<Path> writeRemessa(int n, Path dir, String[] cpfs) throws IOException {
        List<Path> files = new ArrayList<>();
        BancoDoBrasilRemittanceWriter writer = new BancoDoBrasilRemittanceWriter();
        int i = 0;
        while (i < n) {
            Path path = dir.resolve("remessa-" + (files.size() + 1) + ".rem");
            files.add(path);
            try (Writer out = Files.newBufferedWriter(path, StandardCharsets.ISO_8859_1)) {
                RemittanceFile file = writer.open(out, CnabFixtures.header(files.size(), TitleTerms.NONE));
                while (i < n && file.canAdd()) {
                    file.add(new RemittanceTitle(CnabFixtures.nossoNumero(i), "debt-" + i, CnabFixtures.DUE,
                            BigDecimal.valueOf(1000 + i % 100_000, 2), ISSUED,
                            new Payer(cpfs[i & 1023], "Pagador " + i, null, null, null, null, null)));
                    i++;
                }
                file.finish();
            }
        }
        return files;
    }

    private static List<Path> writeRetorno(int n, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        BancoDoBrasilReturnWriter writer = new BancoDoBrasilReturnWriter();
        BigDecimal amount = new BigDecimal("150.00");
        BigDecimal tariff = new BigDecimal("1.50");
        LocalDate credit = ISSUED.plusDays(1);
        int i = 0;
        while (i < n) {
            Path path = dir.resolve("retorno-" + (files.size() + 1) + ".ret");
            files.add(path);
            try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.ISO_8859_1)) {
                ReturnFile file = writer.open(out, CnabFixtures.returnHeader(files.size()));
                while (i < n && file.canAdd()) {
                    boolean paid = i % 2 == 0;
                    file.add(new ReturnOccurrence(0, CnabFixtures.nossoNumero(i), "debt-" + i, paid ? "06" : "02", null,
                            null, CnabFixtures.DUE, amount, paid ? amount : BigDecimal.ZERO, paid ? tariff : BigDecimal.ZERO,
                            BigDecimal.ZERO, BigDecimal.ZERO, ISSUED, paid ? credit : null, paid ? List.of("33") : List.of()));
                    i++;
                }
                file.finish();
            }
        }
        return files;
    }

    private static long[] readRetorno(List<Path> files) throws IOException {
        long[] counts = new long[3];
        ReturnListener listener = new ReturnListener() {
            @Override
            public void onHeader(ReturnHeader header) {
            }

            @Override
            public void onOccurrence(ReturnOccurrence o) {
                counts[0]++;
                if (o.kind() == OccurrenceKind.SETTLED) {
                    counts[1]++;
                }
            }

            @Override
            public void onError(CnabLineError error) {
                counts[2]++;
            }
        };
        BancoDoBrasilReturnReader reader = new BancoDoBrasilReturnReader();
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                reader.read(in, listener);
            }
        }
        return counts;
    }

    private static long readRemessa(List<Path> files) throws IOException {
        long[] entries = {0};
        RemittanceListener listener = new RemittanceListener() {
            @Override
            public void onHeader(RemittanceFileHeader header) {
            }

            @Override
            public void onEntry(RemittanceEntry entry) {
                entries[0]++;
            }

            @Override
            public void onError(CnabLineError error) {
                throw new IllegalStateException(error.toString());
            }
        };
        BancoDoBrasilRemittanceReader reader = new BancoDoBrasilRemittanceReader();
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                reader.read(in, listener);
            }
        }
        return entries[0];
    }

    /** CPU time of this thread (the work; GC threads aside). */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
