package dev.cobranca.bankreturn;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.cobranca.core.bank.OccurrenceKind;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.FreshDatabase;
import dev.cobranca.testfixtures.LambdaEvents;
import dev.cobranca.testfixtures.SampleBeneficiary;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bank-return function built from its environment on a real PostgreSQL and S3Proxy, fed events/bank-return
 * through Lambda's serialization, reading retornos written by the CNAB retorno writer (FEBRABAN CNAB 240 v10.x,
 * segments T and U; BB's occurrence codes).
 */
class BankReturnFunctionIT {

    private static final String BUCKET = "cobranca-123456789012-uploads"; // the sample event's bucket
    private static final String KEY = "returns/CBR0012345670000001.RET"; // the sample event's key
    private static final UUID UPLOAD = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(BUCKET);

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @BeforeEach
    void freshDatabase() throws SQLException {
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + UPLOAD + "', '" + BUCKET
                + "', 'uploads/x.csv', 'COMPLETED')");
        for (String id : List.of("confirmed", "rejected", "paid", "paid-by-webhook")) {
            db.sql().execute("""
                    insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                         bank_status, boleto_due_date)
                    values ('%s', '%s', 'Maria da Silva', '11144477735', 'maria@example.com', 100.00, date '2026-12-20',
                            'EMAILED', 'SENT', date '2026-12-20')""".formatted(id, UPLOAD));
        }
        db.sql().execute("update charges set nosso_numero = '1234567' || lpad(seq::text, 10, '0')");
        db.sql().execute("update charges set status = 'PAID', paid_amount = 90.00, paid_by = 'webhook', paid_at = now() "
                + "where debt_id = 'paid-by-webhook'");
    }

    private BankReturnHandler handler() {
        Map<String, String> env = AWS.env();
        env.put("DATABASE_URL", db.jdbcUrl());
        return new BankReturnHandler(env);
    }

    private static S3Event event() {
        return LambdaEvents.load("bank-return/s3-retorno-created.json", S3Event.class);
    }

    private String nossoNumero(String debtId) throws SQLException {
        return db.sql().string("select nosso_numero from charges where debt_id = '" + debtId + "'");
    }

    private static ReturnOccurrence occurrence(String nossoNumero, String code, String paid, List<String> reasons) {
        BigDecimal paidAmount = new BigDecimal(paid);
        boolean settled = BancoDoBrasilOccurrences.kind(code) == OccurrenceKind.SETTLED;
        return new ReturnOccurrence(0, nossoNumero, "", code, BancoDoBrasilOccurrences.name(code),
                BancoDoBrasilOccurrences.kind(code), LocalDate.of(2026, 12, 20), new BigDecimal("100.00"), paidAmount,
                settled ? new BigDecimal("1.50") : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, TODAY,
                settled ? TODAY.plusDays(1) : null, reasons);
    }

    private static String retorno(long nsa, List<ReturnOccurrence> occurrences) {
        StringWriter out = new StringWriter();
        ReturnFile file = new BancoDoBrasilReturnWriter().open(out,
                new ReturnFileHeader(SampleBeneficiary.BENEFICIARY, "3", "X", "019", nsa, LocalDateTime.of(2026, 12, 2, 7, 30)));
        occurrences.forEach(file::add);
        file.finish();
        return out.toString();
    }

    private void drop(String content) {
        AWS.s3Client().putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString(content, StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldConfirmRejectAndSettle_keepUnknownTitles_andChangeNothingWhenTheFileComesAgain() throws Exception {
        String retorno = retorno(1, List.of(
                occurrence(nossoNumero("confirmed"), "02", "0", List.of()),
                occurrence(nossoNumero("rejected"), "03", "0", List.of("45")),
                occurrence(nossoNumero("paid"), "02", "0", List.of()),
                occurrence(nossoNumero("paid"), "06", "100.00", List.of()),
                occurrence(nossoNumero("paid-by-webhook"), "06", "100.00", List.of()),
                occurrence("12345679999999999", "06", "55.00", List.of())));
        drop(retorno);

        BankReturnHandler.Result result = handler().handleRequest(event(), null);

        assertThat(result.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("APPLIED");
            assertThat(f.occurrences()).isEqualTo(6);
            assertThat(f.unmatched()).isEqualTo(1);
        });
        assertThat(db.sql().string("select string_agg(debt_id || '=' || status || '/' || bank_status, ',' order by debt_id) from charges"))
                .isEqualTo("confirmed=EMAILED/CONFIRMED,paid=PAID/SETTLED,paid-by-webhook=PAID/SETTLED,rejected=EMAILED/REJECTED");
        assertThat(db.sql().string("select paid_amount || ' ' || paid_by || ' ' || credit_date || ' ' || bank_tariff from charges where debt_id = 'paid'"))
                .isEqualTo("100.00 BANK 2026-12-03 1.50");
        // the rejection keeps the bank's reason with its meaning
        assertThat(db.sql().string("select bank_reasons from charges where debt_id = 'rejected'")).startsWith("03 Entrada rejeitada: 45 ");
        assertThat(db.sql().string("select reasons[1] from bank_events where code = '03'")).isEqualTo("45 " + BancoDoBrasilOccurrences.reasonMeaning("03", "45"));
        // the webhook said 90.00, the bank settled 100.00: flagged with both, the bank's amount kept
        assertThat(db.sql().string("select payment_mismatch || ' ' || bank_mismatch from charges where debt_id = 'paid-by-webhook'"))
                .isEqualTo("true paid 90.00 by webhook, the bank settled 100.00");
        // the unknown nosso número is kept and listed, never dropped
        assertThat(db.sql().string("select count(*) from bank_events where debt_id is null and nosso_numero = '12345679999999999'")).isEqualTo("1");
        assertThat(new String(AWS.object("reports/returns/CBR0012345670000001.RET.unmatched.csv"),
                StandardCharsets.UTF_8)).contains("12345679999999999,06,");
        String before = db.sql().string("select string_agg(debt_id || bank_status || status || coalesce(paid_amount::text, '') "
                + "|| coalesce(bank_updated_at::text, ''), ',' order by debt_id) from charges");

        // the same file again: skipped by its content hash
        drop(retorno);
        assertThat(handler().handleRequest(event(), null).files()).singleElement().satisfies(f -> assertThat(f.skipped()).isTrue());
        // the same occurrences in another file (the bank re-sent them under a new NSA): applied once, counted as seen
        drop(retorno(2, List.of(occurrence(nossoNumero("paid"), "06", "100.00", List.of()),
                occurrence(nossoNumero("rejected"), "03", "0", List.of("45")))));
        assertThat(handler().handleRequest(event(), null).files()).singleElement().satisfies(f -> assertThat(f.duplicates()).isEqualTo(2));

        assertThat(db.sql().string("select string_agg(debt_id || bank_status || status || coalesce(paid_amount::text, '') "
                + "|| coalesce(bank_updated_at::text, ''), ',' order by debt_id) from charges")).isEqualTo(before);
        assertThat(db.sql().string("select count(*) from bank_events")).isEqualTo("6");
    }

    @Test
    void shouldApplyTheGoodTitles_andReportTheBadLines_ofAMalformedFile() throws Exception {
        String good = retorno(3, List.of(occurrence(nossoNumero("confirmed"), "02", "0", List.of()),
                occurrence(nossoNumero("paid"), "06", "100.00", List.of())));
        String[] lines = good.split("\r\n", -1);
        // the first segment U loses its amounts: that title cannot be read
        lines[3] = lines[3].substring(0, 77) + "XXXXXXXXXXXXXXX" + lines[3].substring(92);
        drop(String.join("\r\n", lines));

        BankReturnHandler.Result result = handler().handleRequest(event(), null);

        assertThat(result.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("PARTIAL");
            assertThat(f.errors()).isPositive();
            assertThat(f.reportKey()).isEqualTo("reports/returns/CBR0012345670000001.RET.errors.csv");
        });
        String report = new String(AWS.object("reports/returns/CBR0012345670000001.RET.errors.csv"),
                StandardCharsets.UTF_8);
        assertThat(report).startsWith("line,reason\n").contains("\n4,");
        assertThat(db.sql().string("select bank_status from charges where debt_id = 'paid'")).isEqualTo("SETTLED");
        assertThat(db.sql().string("select status || ' ' || errors || ' ' || report_key from return_files"))
                .isEqualTo("PARTIAL " + result.files().getFirst().errors() + " reports/returns/CBR0012345670000001.RET.errors.csv");
    }

    @Test
    void shouldApplyARetornoThatCameRightTrimmedWithLfOnly() throws Exception {
        // as banks' and VANs' files often come: trailing spaces cut, Unix line ends
        String crlf = retorno(6, List.of(occurrence(nossoNumero("confirmed"), "02", "0", List.of()),
                occurrence(nossoNumero("paid"), "06", "100.00", List.of("33"))));
        StringBuilder trimmed = new StringBuilder();
        for (String line : crlf.split("\r\n")) {
            trimmed.append(line.stripTrailing()).append('\n');
        }
        assertThat(trimmed.length()).isLessThan(crlf.length() - 6 * 2);
        drop(trimmed.toString());

        assertThat(handler().handleRequest(event(), null).files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("APPLIED");
            assertThat(f.occurrences()).isEqualTo(2);
            assertThat(f.errors()).isZero();
        });
        assertThat(db.sql().string("select string_agg(debt_id || '=' || bank_status, ',' order by debt_id) from charges "
                + "where debt_id in ('confirmed', 'paid')")).isEqualTo("confirmed=CONFIRMED,paid=SETTLED");
        assertThat(db.sql().string("select paid_amount from charges where debt_id = 'paid'")).isEqualTo("100.00");
    }

    /**
     * Baixa: FEBRABAN 240 v10.7 note C044 (código de movimento retorno, segment T pos 16-17) codes 09 "Baixa" and 25
     * "Protestado e baixado", with their C047 reasons (the table for 06, 09 and 17: 09 "Comandada banco", 10
     * "Comandada cliente arquivo"). A title written off and then paid (a late 06, or 17 "liquidação após baixa") is
     * money received: it must not be lost, so the charge becomes PAID with the bank's amount and is flagged.
     */
    @Test
    void shouldWriteOffConfirmedTitles_andStillRecordAPaymentAfterTheWriteOff() throws Exception {
        db.sql().execute("update charges set bank_status = 'CONFIRMED' where debt_id in ('confirmed', 'paid')");
        drop(retorno(4, List.of(occurrence(nossoNumero("confirmed"), "09", "0", List.of("10")),
                occurrence(nossoNumero("paid"), "25", "0", List.of("09")))));

        assertThat(handler().handleRequest(event(), null).files()).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo("APPLIED"));

        // the bank status moves, the pipeline's does not (the debtor was e-mailed; the title is just no longer at the bank)
        assertThat(db.sql().string("select string_agg(debt_id || '=' || status || '/' || bank_status, ',' order by debt_id) from charges "
                + "where debt_id in ('confirmed', 'paid')")).isEqualTo("confirmed=EMAILED/WRITTEN_OFF,paid=EMAILED/WRITTEN_OFF");
        // each baixa is kept as the bank said it, with the reason's meaning
        assertThat(db.sql().string("select string_agg(debt_id || ' ' || code || ' ' || name || ' ' || kind || ' ' || reasons[1], ',' "
                + "order by debt_id) from bank_events")).isEqualTo("confirmed 09 Baixa WRITTEN_OFF 10 "
                + BancoDoBrasilOccurrences.reasonMeaning("09", "10") + ",paid 25 Protestado e baixado (baixa por ter sido protestado) "
                + "WRITTEN_OFF 09 " + BancoDoBrasilOccurrences.reasonMeaning("25", "09"));
        assertThat(db.sql().string("select bank_mismatch is null and not payment_mismatch from charges where debt_id = 'confirmed'")).isEqualTo("t");

        // the debtor pays the written-off title anyway: the bank settles it in a later retorno
        drop(retorno(5, List.of(occurrence(nossoNumero("confirmed"), "06", "100.00", List.of("33")))));
        handler().handleRequest(event(), null);

        assertThat(db.sql().string("select status || '/' || bank_status || ' ' || paid_amount || ' ' || paid_by || ' ' || credit_date "
                + "from charges where debt_id = 'confirmed'")).isEqualTo("PAID/SETTLED 100.00 BANK 2026-12-03");
        assertThat(db.sql().string("select bank_mismatch from charges where debt_id = 'confirmed'"))
                .isEqualTo("settled after the bank wrote the title off: 06 on 2026-12-02, 100.00");
        assertThat(db.sql().string("select string_agg(code, ',' order by id) from bank_events where debt_id = 'confirmed'")).isEqualTo("09,06");
        // the other written-off title stays so
        assertThat(db.sql().string("select bank_status from charges where debt_id = 'paid'")).isEqualTo("WRITTEN_OFF");
    }


}
