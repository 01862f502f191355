package dev.cobranca.core.bank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cobranca.core.bank.bb.BancoDoBrasilOccurrences;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Reads a CNAB 240 remessa or retorno (told apart by the file header's "código remessa/retorno", pos 143: 1 or 2)
 * and writes one JSON object per title, one per line, as it reads. Banco do Brasil's dialect.
 */
public final class CnabInspector {

    private static final JsonFactory JSON = new JsonFactory();

    private final RemittanceReader remittances = new BancoDoBrasilRemittanceReader();
    private final ReturnReader returns = new BancoDoBrasilReturnReader();

    /**
     * @return the number of titles written
     * @throws CnabFormatException on the first malformed record, with its line and the reason (what was read
     *                             before it is already written)
     */
    public long inspect(InputStream in, Writer out) {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        char direction = direction(buffered);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setRootValueSeparator(null); // one object per line: the line ends are written by hand
            long[] titles = {0};
            if (direction == '2') {
                returns.read(buffered, new ReturnListener() {
                    @Override
                    public void onHeader(ReturnHeader header) {
                    }

                    @Override
                    public void onOccurrence(ReturnOccurrence o) {
                        io(() -> occurrence(json, o));
                        titles[0]++;
                    }

                    @Override
                    public void onError(CnabLineError error) {
                        throw new CnabFormatException(error.line(), error.reason());
                    }
                });
            } else {
                remittances.read(buffered, new RemittanceListener() {
                    @Override
                    public void onHeader(RemittanceFileHeader header) {
                    }

                    @Override
                    public void onEntry(RemittanceEntry e) {
                        if (e.dueDate() == null) {
                            throw new CnabFormatException(e.line(), "segment P due date (pos 78-85) is not a date DDMMAAAA");
                        }
                        if (e.amount() == null) {
                            throw new CnabFormatException(e.line(), "segment P amount (pos 86-100) is not a number");
                        }
                        io(() -> entry(json, e));
                        titles[0]++;
                    }

                    @Override
                    public void onError(CnabLineError error) {
                        throw new CnabFormatException(error.line(), error.reason());
                    }
                });
            }
            json.flush();
            return titles[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peeks at pos 143 of the first record; anything but 2 is read as a remessa (whose reader then explains). */
    private static char direction(BufferedInputStream in) {
        try {
            in.mark(512);
            byte[] head = in.readNBytes(143);
            in.reset();
            if (head.length < 143) {
                throw new CnabFormatException(1, head.length == 0 ? "empty file" : "the first record is shorter than 143 characters: not a CNAB 240 file");
            }
            return (char) (head[142] & 0xFF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void occurrence(JsonGenerator json, ReturnOccurrence o) throws IOException {
        json.writeStartObject();
        json.writeNumberField("line", o.line());
        json.writeStringField("nossoNumero", o.nossoNumero());
        json.writeStringField("occurrence", o.code());
        json.writeStringField("occurrenceName", o.codeName());
        json.writeStringField("kind", o.kind().name());
        json.writeStringField("documentNumber", o.documentNumber());
        date(json, "dueDate", o.dueDate());
        amount(json, "amount", o.amount());
        amount(json, "paidAmount", o.paidAmount());
        amount(json, "tariff", o.tariff());
        amount(json, "interest", o.interest());
        amount(json, "discount", o.discount());
        date(json, "occurrenceDate", o.occurrenceDate());
        date(json, "creditDate", o.creditDate());
        json.writeArrayFieldStart("rejectionReasons");
        for (String reason : o.rejectionReasons()) {
            json.writeStartObject();
            json.writeStringField("code", reason);
            json.writeStringField("meaning", BancoDoBrasilOccurrences.reasonMeaning(o.code(), reason));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void entry(JsonGenerator json, RemittanceEntry e) throws IOException {
        json.writeStartObject();
        json.writeNumberField("line", e.line());
        json.writeStringField("nossoNumero", e.nossoNumero());
        json.writeStringField("command", e.command());
        json.writeStringField("documentNumber", e.documentNumber());
        date(json, "dueDate", e.dueDate());
        amount(json, "amount", e.amount());
        json.writeStringField("payerDocument", e.payerDocument());
        json.writeNumberField("payerDocumentType", e.payerDocumentType());
        json.writeStringField("payerName", e.payerName());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void date(JsonGenerator json, String name, LocalDate date) throws IOException {
        if (date == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, date.toString());
        }
    }

    private static void amount(JsonGenerator json, String name, BigDecimal amount) throws IOException {
        if (amount == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, amount);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
