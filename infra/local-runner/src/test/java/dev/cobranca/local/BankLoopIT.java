package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.OccurrenceKind;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.core.importing.GovernmentIds;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.message.RemittanceRequested;
import dev.cobranca.local.wiring.Events;
import dev.cobranca.remittance.RemittanceService;
import dev.cobranca.remittance.adapter.PostgresRemittanceStore;
import dev.cobranca.testfixtures.SampleBeneficiary;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bank loop through the local runner: upload → boletos → remessa (RemittanceFunction) → the local bank → retornos
 * in returns/ → BankReturnFunction → CONFIRMED, REJECTED (with BB's reasons) or PAID; every title in exactly one
 * remessa whatever the crashes and re-deliveries.
 */
class BankLoopIT extends StackPerTest {

    @Test
    void upload_shouldReachTheBank_andComeBackConfirmedRejectedOrPaid() throws Exception {
        // The remessa is built while the e-mails are being claimed, and the bank answers within a second while they are
        // still going out: every charge must get its e-mail all the same, with no repair run to enqueue a missed one
        // again (the repair's defaults: every 5 minutes, charges stale after 15).
        stack = RunningStack.start(dataDir, true, null, 0.5);
        EndToEndIT.Sample sample = EndToEndIT.Sample.write(files.resolve("bank.csv"), 400, 21, 0, false);

        String uploadId = stack.upload(sample.file());
        assertThat(stack.awaitFinished(uploadId, Duration.ofMinutes(3)).path("status").asText()).isEqualTo("COMPLETED");
        JsonNode bank = awaitBankAnswered(uploadId, Duration.ofMinutes(2));

        int accepted = sample.valid().size();
        assertThat(stack.scalar("select count(*) from charges where remittance_id is null")).as("every title sent").isZero();
        assertThat(bank.path("confirmed").asLong() + bank.path("rejected").asLong() + bank.path("settled").asLong())
                .isEqualTo(accepted);
        // the bank refuses exactly the payers whose CPF/CNPJ check digits are wrong, and says why
        long invalid = 0;
        try (Connection c = stack.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select government_id, bank_status, bank_reasons from charges")) {
            while (rs.next()) {
                String id = rs.getString(1);
                String padded = id.length() <= 11 ? "0".repeat(11 - id.length()) + id : "0".repeat(14 - id.length()) + id;
                boolean valid = GovernmentIds.hasValidCheckDigits(padded);
                if (!valid) {
                    invalid++;
                    assertThat(rs.getString(2)).as("payer %s", id).isEqualTo("REJECTED");
                    assertThat(rs.getString(3)).startsWith("03 Entrada rejeitada: ");
                } else {
                    assertThat(rs.getString(2)).as("payer %s", id).isIn("CONFIRMED", "SETTLED");
                }
            }
        }
        assertThat(invalid).as("the sample has payers the bank refuses").isPositive();
        assertThat(bank.path("rejected").asLong()).isEqualTo(invalid);
        // settled titles are PAID with the bank's amount, credit date and tariff
        assertThat(bank.path("settled").asLong()).isPositive();
        // as a bank does: a remessa's titles are registered in one retorno, and paid in a later one of their own
        assertThat(stack.scalar("""
                select count(*) from return_files f
                 where exists (select 1 from bank_events e where e.return_file_id = f.id and e.code = '06')
                   and exists (select 1 from bank_events e where e.return_file_id = f.id and e.code in ('02', '03'))"""))
                .as("retornos holding both confirmations and payments").isZero();
        assertThat(stack.scalar("""
                select count(*) from bank_events paid join return_files pf on pf.id = paid.return_file_id
                  join bank_events entry on entry.debt_id = paid.debt_id and entry.code = '02'
                  join return_files ef on ef.id = entry.return_file_id
                 where paid.code = '06' and pf.nsa <= ef.nsa""")).as("payments in a retorno before their confirmation").isZero();
        assertThat(stack.scalar("select count(*) from charges where bank_status = 'SETTLED' and status = 'PAID' "
                + "and paid_amount = amount and credit_date is not null and bank_tariff > 0 and paid_by = 'BANK'"))
                .isEqualTo(bank.path("settled").asLong());

        // GET /charges/{debtId} shows the bank's side and its events
        String paid = stack.string("select debt_id from charges where bank_status = 'SETTLED' limit 1");
        JsonNode charge = RunningStack.parse(stack.get(stack.api("/charges/" + paid)).body());
        assertThat(charge.path("bankStatus").asText()).isEqualTo("SETTLED");
        assertThat(charge.path("nossoNumero").asText()).matches("1234567\\d{10}");
        assertThat(charge.path("bankEvents")).as("%s", charge).extracting(e -> e.path("code").asText())
                .containsExactlyInAnyOrder("02", "06");

        // the same retorno dropped again changes nothing
        String snapshot = snapshot();
        long events = stack.scalar("select count(*) from bank_events");
        String retorno = stack.keys("returns/").getFirst();
        byte[] bytes = Files.readAllBytes(stack.object(retorno));
        try (S3Client s3 = stack.stack.emulators().s3().newClient()) {
            s3.putObject(b -> b.bucket(stack.bucket()).key("returns/again.RET"), RequestBody.fromBytes(bytes));
        }
        String result = stack.stack.functions().get("BankReturnFunction").invoke(Events.s3("ObjectCreated:Put",
                Stack.REGION, stack.bucket(), "returns/again.RET", bytes.length, "etag", "RetornoCreated"));
        assertThat(RunningStack.parse(result).path("files").get(0).path("skipped").asBoolean()).as(result).isTrue();
        assertThat(snapshot()).isEqualTo(snapshot);
        assertThat(stack.scalar("select count(*) from bank_events")).isEqualTo(events);

        // a retorno naming a title we never sent is kept and shown, not dropped
        putRetorno("returns/unknown.txt", 90, List.of(occurrence("12345679999999999", "06", "42.00", List.of())));
        await(() -> stack.string("select status from return_files where object_key = 'returns/unknown.txt'"), "APPLIED");
        assertThat(stack.scalar("select count(*) from bank_events where nosso_numero = '12345679999999999' and debt_id is null"))
                .isEqualTo(1);
        assertThat(Files.readString(stack.object("reports/returns/unknown.txt.unmatched.csv"))).contains("12345679999999999,06,");
    }

    @Test
    void aRunThatDiedAfterMarkingItsTitlesSent_shouldSendNoTitleTwice() throws Exception {
        stack = RunningStack.start(dataDir, true, null, 0);
        UUID upload = UUID.randomUUID();
        execute("insert into uploads (id, bucket, object_key, status) values ('" + upload + "', 'b', 'uploads/x.csv', 'COMPLETED')");
        for (int i = 0; i < 30; i++) {
            execute("""
                    insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                         boleto_due_date, invoiced_at)
                    values ('crash-%d', '%s', 'Maria da Silva', '52998224725', 'maria@example.com', %d.00, date '2027-01-10',
                            'EMAILED', date '2027-01-10', now())""".formatted(i, upload, 10 + i));
        }
        execute("update charges set nosso_numero = '1234567' || lpad(seq::text, 10, '0')");
        // the crash: a run's transaction marked 20 titles SENT in remessa NSA 1 and died before storing the file
        var claimed = new PostgresRemittanceStore(stack.db.dataSource())
                .claim("1234567", 20, LocalDateTime.now().withNano(0), RemittanceService::key);
        assertThat(claimed).isPresent();

        // the next run (here: a scheduled one) writes that remessa again and the 10 other titles in a new one
        stack.stack.emulators().sqs().client().sendMessage(b -> b.queueUrl(stack.queueUrl("RemittanceQueue"))
                .messageBody(MessageCodec.encode(new RemittanceRequested("schedule", null))));
        await(() -> stack.string("select count(*) from charges where bank_status = 'CONFIRMED'"), "30");

        List<String> titles = new ArrayList<>();
        for (String key : stack.keys("remittances/")) {
            try (InputStream in = Files.newInputStream(stack.object(key))) {
                new BancoDoBrasilRemittanceReader().read(in, new RemittanceListener() {
                    @Override
                    public void onHeader(RemittanceFileHeader header) {
                    }

                    @Override
                    public void onEntry(RemittanceEntry entry) {
                        titles.add(entry.nossoNumero());
                    }

                    @Override
                    public void onError(CnabLineError error) {
                        throw new AssertionError(key + ": " + error);
                    }
                });
            }
        }
        assertThat(stack.keys("remittances/")).hasSize(2);
        assertThat(titles).hasSize(30).doesNotHaveDuplicates();
        assertThat(stack.scalar("select count(*) from bank_events where code = '02'")).isEqualTo(30);
        assertThat(stack.string("select string_agg(nsa || ':' || status || ':' || title_count, ',' order by nsa) from remittances"))
                .isEqualTo("1:WRITTEN:20,2:WRITTEN:10");

        // a run that died after storing the file but before marking it WRITTEN stores it again: the bank, which
        // answered it the first time, does not process the same NSA twice
        execute("update remittances set status = 'BUILDING' where nsa = 1");
        stack.stack.emulators().sqs().client().sendMessage(b -> b.queueUrl(stack.queueUrl("RemittanceQueue"))
                .messageBody(MessageCodec.encode(new RemittanceRequested("schedule", null))));
        await(() -> stack.string("select status from remittances where nsa = 1"), "WRITTEN");
        await(() -> Integer.toString(stack.stack.bank().repeated()), "1");
        String first = stack.keys("remittances/").getFirst();
        String answers = first.substring(first.lastIndexOf('/') - 10).replace('/', '-').replace(".rem", "-RET");
        assertThat(stack.keys("returns/")).filteredOn(k -> k.contains(answers)).hasSize(1);
        assertThat(stack.scalar("select count(*) from bank_events where code = '02'")).isEqualTo(30);
    }

    /**
     * A baixa (FEBRABAN 240 v10.7 note C044: 09 "Baixa", 25 "Protestado e baixado"; reasons from C047's table for 06,
     * 09 and 17) as GET /charges/{debtId} shows it, and a payment the bank settles after it: money received is never
     * lost, so the charge becomes PAID, flagged for a person (whoever asked for the baixa must know).
     */
    @Test
    void aWrittenOffTitle_isShownWithItsBaixa_andAPaymentAfterIt_isPaidAndFlagged() throws Exception {
        stack = RunningStack.start(dataDir, true, null, 0);
        UUID upload = UUID.randomUUID();
        execute("insert into uploads (id, bucket, object_key, status) values ('" + upload + "', 'b', 'uploads/x.csv', 'COMPLETED')");
        for (String id : List.of("baixa-1", "baixa-2")) {
            execute("""
                    insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                         boleto_due_date, invoiced_at, bank_status)
                    values ('%s', '%s', 'Maria da Silva', '52998224725', 'maria@example.com', 100.00, date '2027-01-10',
                            'EMAILED', date '2027-01-10', now(), 'CONFIRMED')""".formatted(id, upload));
        }
        execute("update charges set nosso_numero = '1234567' || lpad(seq::text, 10, '0')");
        String first = stack.string("select nosso_numero from charges where debt_id = 'baixa-1'");
        String second = stack.string("select nosso_numero from charges where debt_id = 'baixa-2'");

        putRetorno("returns/baixa.ret", 70, List.of(occurrence(first, "09", "0", List.of("10")),
                occurrence(second, "25", "0", List.of("09"))));
        await(() -> stack.string("select status from return_files where object_key = 'returns/baixa.ret'"), "APPLIED");

        JsonNode charge = RunningStack.parse(stack.get(stack.api("/charges/baixa-1")).body());
        assertThat(charge.path("status").asText()).isEqualTo("EMAILED");
        assertThat(charge.path("bankStatus").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(charge.path("bankEvents")).as("%s", charge).singleElement().satisfies(e -> {
            assertThat(e.path("code").asText()).isEqualTo("09");
            assertThat(e.path("name").asText()).isEqualTo("Baixa");
            assertThat(e.path("kind").asText()).isEqualTo("WRITTEN_OFF");
            assertThat(e.path("reasons").get(0).asText()).isEqualTo("10 Comandada cliente arquivo");
            assertThat(e.path("returnFile").asText()).isEqualTo("returns/baixa.ret");
        });
        assertThat(RunningStack.parse(stack.get(stack.api("/charges/baixa-2")).body()).path("bankEvents").get(0)
                .path("name").asText()).isEqualTo("Protestado e baixado (baixa por ter sido protestado)");
        assertThat(stack.uploadStatus(upload.toString()).path("bank").path("writtenOff").asLong()).isEqualTo(2);

        // the debtor pays anyway and the bank settles the written-off title in a later retorno
        putRetorno("returns/late.ret", 71, List.of(occurrence(first, "06", "100.00", List.of("33"))));
        await(() -> stack.string("select status from return_files where object_key = 'returns/late.ret'"), "APPLIED");

        charge = RunningStack.parse(stack.get(stack.api("/charges/baixa-1")).body());
        assertThat(charge.path("status").asText()).isEqualTo("PAID");
        assertThat(charge.path("bankStatus").asText()).isEqualTo("SETTLED");
        assertThat(charge.path("paidAmount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(charge.path("bankMismatch").asText()).startsWith("settled after the bank wrote the title off: 06 on ");
        assertThat(charge.path("bankEvents")).extracting(e -> e.path("code").asText()).containsExactly("09", "06");
        assertThat(stack.string("select bank_status from charges where debt_id = 'baixa-2'")).isEqualTo("WRITTEN_OFF");
    }

    /** Charges' bank side and payment, all of them: what a second delivery must not change. */
    private String snapshot() throws SQLException {
        return stack.string("select string_agg(debt_id || ' ' || status || ' ' || bank_status || ' ' || coalesce(paid_amount::text, '-')"
                + " || ' ' || coalesce(bank_updated_at::text, '-'), ',' order by debt_id) from charges");
    }

    private JsonNode awaitBankAnswered(String uploadId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode bank;
        do {
            bank = stack.uploadStatus(uploadId).path("bank");
            // the bank's payments come after its confirmations: answered means it owes no retorno either
            if (bank.path("notSent").asLong() + bank.path("sent").asLong() == 0 && stack.stack.bankSettled()) {
                return stack.uploadStatus(uploadId).path("bank");
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the bank did not answer every title within " + timeout + ": " + bank);
    }

    private static void await(Callable<String> value, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last;
        do {
            last = value.call();
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + expected + ", last saw " + last);
    }

    private void putRetorno(String key, long nsa, List<ReturnOccurrence> occurrences) {
        StringWriter out = new StringWriter();
        ReturnFile file = new BancoDoBrasilReturnWriter().open(out,
                new ReturnFileHeader(SampleBeneficiary.BENEFICIARY, "3", "X", "019", nsa, LocalDateTime.now().withNano(0)));
        occurrences.forEach(file::add);
        file.finish();
        try (S3Client s3 = stack.stack.emulators().s3().newClient()) {
            s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromString(out.toString(), StandardCharsets.ISO_8859_1));
        }
    }

    private static ReturnOccurrence occurrence(String nossoNumero, String code, String paid, List<String> reasons) {
        LocalDate today = LocalDate.now();
        boolean settled = BancoDoBrasilOccurrences.kind(code) == OccurrenceKind.SETTLED;
        return new ReturnOccurrence(0, nossoNumero, "", code, BancoDoBrasilOccurrences.name(code),
                BancoDoBrasilOccurrences.kind(code), today, new BigDecimal("100.00"), new BigDecimal(paid),
                settled ? new BigDecimal("1.50") : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, today,
                settled ? today.plusDays(1) : null, reasons);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = stack.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
