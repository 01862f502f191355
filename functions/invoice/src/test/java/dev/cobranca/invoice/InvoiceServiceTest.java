package dev.cobranca.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.boleto.Barcode;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.invoice.pdf.PdfBoxBoletoRenderer;
import dev.cobranca.testfixtures.InMemoryMessagePublisher;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvoiceServiceTest {

    private static final UUID UPLOAD = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14");
    private static final LocalDate DUE = LocalDate.of(2026, 12, 10);

    private final InMemoryChargeStore charges = new InMemoryChargeStore();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryMessagePublisher emailQueue = new InMemoryMessagePublisher();
    private final InvoiceService service = new InvoiceService(charges, Fixtures.issuer(), new PdfBoxBoletoRenderer(),
            objects, emailQueue);

    private void register(String... debtIds) {
        for (String id : debtIds) {
            charges.add(UPLOAD, id, new BigDecimal("1500.75"), DUE, ChargeStatus.CREATED);
        }
    }

    private List<EmailRequested> emailMessages() {
        return emailQueue.messages(EmailRequested.class);
    }

    @Test
    void shouldStoreAPdfPerCharge_markThemInvoiced_andEnqueueTheirEmail() {
        register("a-1", "a-2", "a-3");

        service.handle(MessageCodec.encode(new InvoiceRequested(UPLOAD, List.of("a-1", "a-2", "a-3"))));

        for (String id : List.of("a-1", "a-2", "a-3")) {
            InMemoryObjectStore.Stored pdf = objects.stored("invoices/" + id + ".pdf").orElseThrow();
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            assertThat(new String(pdf.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            InMemoryChargeStore.Row row = charges.row(id);
            assertThat(row.status()).isEqualTo(ChargeStatus.INVOICED);
            assertThat(row.invoiceKey).isEqualTo("invoices/" + id + ".pdf");
            Barcode barcode = Barcode.fromDigitableLine(row.digitableLine);
            assertThat(barcode.digits()).isEqualTo(row.barcode);
            assertThat(barcode.amount()).isEqualByComparingTo("1500.75");
            // nosso número = convênio + the charge's seq: the same charge always gets the same boleto
            assertThat(barcode.freeField()).isEqualTo("000000" + "1234567" + "%010d".formatted(row.charge.seq()) + "17");
        }
        assertThat(charges.markInvoicedCalls).as("one batched UPDATE per message").isEqualTo(1);
        assertThat(emailMessages()).containsExactly(new EmailRequested(UPLOAD, List.of("a-1", "a-2", "a-3")));
    }

    @Test
    void shouldSpreadALargeMessageOverEmailMessagesOfAHundred() {
        List<String> ids = java.util.stream.IntStream.range(0, 250).mapToObj(i -> "big-" + i).toList();
        register(ids.toArray(String[]::new));

        service.handle(MessageCodec.encode(new InvoiceRequested(UPLOAD, ids)));

        assertThat(emailMessages()).extracting(m -> m.debtIds().size()).containsExactly(100, 100, 50);
        assertThat(emailMessages().stream().flatMap(m -> m.debtIds().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void shouldSkipChargesPastRegistered_butEnqueueThoseStillWaitingForTheirEmail() {
        register("new");
        charges.add(UPLOAD, "invoiced-before", BigDecimal.TEN, DUE, ChargeStatus.INVOICED);
        charges.add(UPLOAD, "emailed", BigDecimal.TEN, DUE, ChargeStatus.EMAILED);
        charges.add(UPLOAD, "paid", BigDecimal.TEN, DUE, ChargeStatus.PAID);
        charges.add(UPLOAD, "failed", BigDecimal.TEN, DUE, ChargeStatus.FAILED);

        service.handle(new InvoiceRequested(UPLOAD, List.of("new", "invoiced-before", "emailed", "paid", "failed", "unknown")));

        assertThat(objects.keys()).containsExactlyInAnyOrder("invoices/new.pdf");
        assertThat(emailMessages()).containsExactly(new EmailRequested(UPLOAD, List.of("new", "invoiced-before")));
        assertThat(charges.row("emailed").status()).isEqualTo(ChargeStatus.EMAILED);
        assertThat(charges.row("failed").status()).isEqualTo(ChargeStatus.FAILED);
    }

    @Test
    void shouldRenderNothingTheSecondTime_whenTheSameMessageComesTwice() {
        register("a-1", "a-2");
        InvoiceRequested request = new InvoiceRequested(UPLOAD, List.of("a-1", "a-2"));
        service.handle(request);
        byte[] first = objects.content("invoices/a-1.pdf");
        objects.clear();

        service.handle(request);

        assertThat(objects.keys()).isEmpty();
        assertThat(charges.row("a-1").status()).isEqualTo(ChargeStatus.INVOICED);
        assertThat(first).isNotEmpty();
    }

    @Test
    void shouldFailAChargeWhoseDataCannotMakeABoleto_andInvoiceTheOthers() {
        register("good");
        charges.add(UPLOAD, "too-old", BigDecimal.TEN, LocalDate.of(1999, 1, 1), ChargeStatus.CREATED);
        charges.add(UPLOAD, "too-big", new BigDecimal("100000000.00"), DUE, ChargeStatus.CREATED);

        service.handle(new InvoiceRequested(UPLOAD, List.of("good", "too-old", "too-big")));

        assertThat(charges.row("good").status()).isEqualTo(ChargeStatus.INVOICED);
        // a long-overdue debt is no longer unprintable: its boleto is due a few days from today
        assertThat(charges.row("too-old").status()).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("too-old").boletoDueDate).isAfter(LocalDate.of(2026, 1, 1));
        assertThat(charges.row("too-big").status()).isEqualTo(ChargeStatus.FAILED);
        assertThat(charges.row("too-big").lastError).contains("99,999,999.99");
        assertThat(objects.keys()).containsExactlyInAnyOrder("invoices/good.pdf", "invoices/too-old.pdf");
        assertThat(charges.completionChecks).contains(UPLOAD);
        assertThat(emailMessages()).containsExactly(new EmailRequested(UPLOAD, List.of("good", "too-old")));
    }

    @Test
    void shouldFailTheMessage_whenAPdfCannotBeStored_afterKeepingWhatWasStored() {
        register("a-1", "a-2", "a-3");
        objects.failPutsTo("invoices/a-2.pdf");

        assertThatThrownBy(() -> service.handle(new InvoiceRequested(UPLOAD, List.of("a-1", "a-2", "a-3"))))
                .hasMessageContaining("invoices/a-2.pdf")
                .hasRootCauseMessage("S3 unavailable (simulated) for invoices/a-2.pdf");

        assertThat(charges.row("a-1").status()).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("a-2").status()).as("retried by SQS, not failed").isEqualTo(ChargeStatus.CREATED);
        assertThat(charges.row("a-3").status()).isEqualTo(ChargeStatus.INVOICED);
        assertThat(emailMessages()).containsExactly(new EmailRequested(UPLOAD, List.of("a-1", "a-3")));
    }

    @Test
    void shouldRefuseAMessageThatIsNotAnInvoiceRequested() {
        assertThatThrownBy(() -> service.handle("{\"uploadId\":\"" + UPLOAD + "\",\"debtIds\":[\"x"))
                .isInstanceOf(MessageCodec.MalformedMessageException.class);
        assertThat(emailQueue.bodies()).isEmpty();
    }
}
