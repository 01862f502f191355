package dev.cobranca.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.testfixtures.InMemoryMessagePublisher;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import dev.cobranca.testfixtures.LambdaEvents;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import dev.cobranca.invoice.pdf.PdfBoxBoletoRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler fed the sample events in events/invoice, read through Lambda's own serialization. */
class InvoiceHandlerTest {

    private static final UUID UPLOAD = LambdaEvents.SAMPLE_UPLOAD_ID;
    private static final List<String> DEBT_IDS = LambdaEvents.SAMPLE_DEBT_IDS;

    private final InMemoryChargeStore charges = new InMemoryChargeStore();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryMessagePublisher emailQueue = new InMemoryMessagePublisher();
    private final InvoiceHandler handler = new InvoiceHandler(new InvoiceService(charges, Fixtures.issuer(),
            new PdfBoxBoletoRenderer(), objects, emailQueue));

    static SQSEvent event(String name) {
        return LambdaEvents.load("invoice/" + name, SQSEvent.class);
    }

    @BeforeEach
    void registerTheEventsCharges() {
        for (String id : DEBT_IDS) {
            charges.add(UPLOAD, id, new BigDecimal("1000000.00"), LocalDate.of(2026, 10, 12), ChargeStatus.CREATED);
        }
    }

    @Test
    void shouldInvoiceEveryChargeOfTheBatch_andReportNoFailure() {
        SQSBatchResponse response = handler.handleRequest(event("sqs-invoice-requested.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(DEBT_IDS).allSatisfy(id -> assertThat(charges.row(id).status()).isEqualTo(ChargeStatus.INVOICED));
        assertThat(objects.keys()).hasSize(5);
        assertThat(emailQueue.bodies()).hasSize(2);
    }

    @Test
    void shouldReportOnlyThePoisonMessage_andInvoiceTheRest() {
        SQSBatchResponse response = handler.handleRequest(event("sqs-invoice-requested-poison.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("f0e1d2c3-b4a5-4968-8776-655443322110");
        assertThat(DEBT_IDS.subList(0, 3)).allSatisfy(id -> assertThat(charges.row(id).status()).isEqualTo(ChargeStatus.INVOICED));
        assertThat(DEBT_IDS.subList(3, 5)).allSatisfy(id -> assertThat(charges.row(id).status()).isEqualTo(ChargeStatus.CREATED));
    }

    @Test
    void shouldReportAMessageWhosePdfCannotBeStored_andCompleteTheOther() {
        objects.failPutsTo("invoices/b61f0c9d-3e7a-4b28-9d4c-5a1e8f7b2c03.pdf");

        SQSBatchResponse response = handler.handleRequest(event("sqs-invoice-requested.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("c9b7e0a5-1d3f-4b6a-8e2c-7f5d9a1b3c4e");
        assertThat(charges.row(DEBT_IDS.get(0)).status()).isEqualTo(ChargeStatus.INVOICED);
    }
}
