package dev.cobranca.local.bench;

import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.emulators.S3Emulator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bank's answer to the benchmark's remessas: one occurrence per title sent, streamed from the charges (a cursor)
 * into the production retorno writer, file after file (a CNAB 240 file holds at most 999,999 records, two per
 * occurrence), each stored under {@code returns/} and deleted locally. The mix of a day's retorno after a large
 * remessa: 02 entrada confirmada for 70% of the titles, 06 liquidação for 25%, 03 entrada rejeitada (reason 46,
 * CPF/CNPJ do pagador inválido) for 5%.
 */
final class BenchRetornos {

    private static final Beneficiary BENEFICIARY = new Beneficiary("001", "1234", "56789", BankBenchmark.CONVENIO, "17",
            "Cobrança Exemplo Ltda", "11222333000181");
    private static final BigDecimal TARIFF = new BigDecimal("1.50");

    private BenchRetornos() {
    }

    static List<String> write(DataSource dataSource, S3Emulator s3, String bucket, Path work) throws SQLException, IOException {
        long t = System.nanoTime();
        LocalDate today = LocalDate.now();
        BancoDoBrasilReturnWriter writer = new BancoDoBrasilReturnWriter();
        List<String> keys = new ArrayList<>();
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: the titles are never held
            try (PreparedStatement ps = c.prepareStatement(
                    "select nosso_numero, debt_id, boleto_due_date, amount from charges where remittance_id is not null order by seq")) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean more = rs.next();
                    while (more) {
                        long nsa = keys.size() + 1;
                        String key = "returns/BENCH-RET%06d.ret".formatted(nsa);
                        Path file = work.resolve("retorno-" + nsa + ".ret");
                        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                            ReturnFile retorno = writer.open(out, new ReturnFileHeader(BENEFICIARY, "3", "X", "019", nsa,
                                    LocalDateTime.now().withNano(0)));
                            while (more && retorno.canAdd()) {
                                retorno.add(occurrence(n++, rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                                        rs.getBigDecimal(4), today));
                                more = rs.next();
                            }
                            retorno.finish();
                        }
                        s3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
                        Files.delete(file);
                        keys.add(key);
                    }
                }
            }
            c.commit();
        }
        System.out.printf("retorno of %,d occurrences written in %d files (not timed) in %.1f s%n", n, keys.size(),
                (System.nanoTime() - t) / 1e9);
        return keys;
    }

    private static ReturnOccurrence occurrence(long i, String nossoNumero, String debtId, LocalDate due, BigDecimal amount,
                                               LocalDate today) {
        int bucket = (int) (i % 20);
        String code = bucket == 0 ? "03" : bucket <= 5 ? "06" : "02";
        boolean paid = code.equals("06");
        String document = debtId.length() > 15 ? debtId.substring(0, 15) : debtId;
        return new ReturnOccurrence(0, nossoNumero, document, code, BancoDoBrasilOccurrences.name(code),
                BancoDoBrasilOccurrences.kind(code), due, amount, paid ? amount : BigDecimal.ZERO,
                paid ? TARIFF : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, today, paid ? today.plusDays(1) : null,
                code.equals("03") ? List.of("46") : paid ? List.of("33") : List.of());
    }
}
