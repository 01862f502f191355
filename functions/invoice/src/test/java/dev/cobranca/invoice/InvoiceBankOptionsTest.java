package dev.cobranca.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.boleto.Barcode;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.message.RemittanceRequested;
import dev.cobranca.invoice.pdf.PdfBoxBoletoRenderer;
import dev.cobranca.testfixtures.InMemoryMessagePublisher;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The invoice function's side of the bank loop: overdue grace, nosso número, EMAIL_AFTER and the remittance trigger. */
class InvoiceBankOptionsTest {

    private static final UUID UPLOAD = UUID.fromString("5a7e0c1d-2b3f-4d6e-8a9b-0c1d2e3f4a5b");
    /** 2026-12-01 10:00 in Brasília */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T13:00:00Z"), InvoiceService.Options.BANK_ZONE);

    private final InMemoryChargeStore charges = new InMemoryChargeStore();
    private final InMemoryMessagePublisher emailQueue = new InMemoryMessagePublisher();
    private final InMemoryMessagePublisher remittanceQueue = new InMemoryMessagePublisher();

    private InvoiceService service(EmailAfter emailAfter) {
        return new InvoiceService(charges, Fixtures.issuer(), new PdfBoxBoletoRenderer(), new InMemoryObjectStore(),
                emailQueue, new InvoiceService.Options(5, emailAfter, remittanceQueue, CLOCK));
    }

    @Test
    void shouldDueAnOverdueDebtsBoletoTodayPlusGrace_andKeepTheDebtsDueDate() {
        charges.add(UPLOAD, "late", new BigDecimal("100.00"), LocalDate.of(2026, 11, 1), ChargeStatus.CREATED);
        charges.add(UPLOAD, "future", new BigDecimal("100.00"), LocalDate.of(2027, 1, 15), ChargeStatus.CREATED);

        service(EmailAfter.INVOICED).handle(new InvoiceRequested(UPLOAD, List.of("late", "future")));

        InMemoryChargeStore.Row late = charges.row("late");
        assertThat(late.boletoDueDate).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(late.charge.dueDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        // the barcode carries the boleto's due date (FEBRABAN fator de vencimento)
        assertThat(Barcode.fromDigitableLine(late.digitableLine).dueDate(LocalDate.of(2026, 12, 1))).contains(LocalDate.of(2026, 12, 6));
        assertThat(charges.row("future").boletoDueDate).isEqualTo(LocalDate.of(2027, 1, 15));
        // nosso número = convênio + 10-digit complemento from the charge's seq
        assertThat(late.nossoNumero).isEqualTo("1234567" + "%010d".formatted(late.charge.seq()));
    }

    @Test
    void shouldRequestARemittance_onceTheUploadHasNothingLeftToInvoice() {
        charges.add(UPLOAD, "a", new BigDecimal("10.00"), LocalDate.of(2027, 1, 1), ChargeStatus.CREATED);
        charges.add(UPLOAD, "b", new BigDecimal("10.00"), LocalDate.of(2027, 1, 1), ChargeStatus.CREATED);
        InvoiceService service = service(EmailAfter.INVOICED);

        service.handle(new InvoiceRequested(UPLOAD, List.of("a")));
        assertThat(remittanceQueue.bodies()).as("b still waits for its boleto").isEmpty();

        service.handle(new InvoiceRequested(UPLOAD, List.of("b")));
        assertThat(remittanceQueue.bodies()).singleElement()
                .satisfies(body -> assertThat(MessageCodec.decode(body, RemittanceRequested.class).uploadId()).isEqualTo(UPLOAD));
    }

    @Test
    void shouldNotEmail_whenEmailWaitsForTheBank() {
        charges.add(UPLOAD, "a", new BigDecimal("10.00"), LocalDate.of(2027, 1, 1), ChargeStatus.CREATED);

        service(EmailAfter.BANK_CONFIRMED).handle(new InvoiceRequested(UPLOAD, List.of("a")));

        assertThat(charges.row("a").status()).isEqualTo(ChargeStatus.INVOICED);
        assertThat(emailQueue.bodies()).isEmpty();
    }
}
