package dev.cobranca.core.bank;

import dev.cobranca.core.importing.GovernmentIds;
import dev.cobranca.core.boleto.Beneficiary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Test data for the CNAB layer: one beneficiary, titles with valid CPFs, retorno occurrences. */
public final class CnabFixtures {

    public static final String CONVENIO = "1234567";
    public static final Beneficiary BENEFICIARY = new Beneficiary("001", "1234", "56789", CONVENIO, "17",
            "Cobrança Exemplo Ltda", "11222333000181");
    public static final LocalDateTime GENERATED_AT = LocalDateTime.of(2026, 12, 1, 14, 30, 5);
    public static final LocalDate DUE = LocalDate.of(2026, 12, 20);

    private CnabFixtures() {
    }

    public static RemittanceHeader header(long nsa, TitleTerms terms) {
        return new RemittanceHeader(BENEFICIARY, "3", "X", "019", nsa, GENERATED_AT, terms);
    }

    public static ReturnFileHeader returnHeader(long nsa) {
        return new ReturnFileHeader(BENEFICIARY, "3", "X", "019", nsa, GENERATED_AT);
    }

    public static String nossoNumero(long sequence) {
        return CONVENIO + "%010d".formatted(sequence);
    }

    /** The i-th title: a valid CPF, amounts 10.00, 10.01, ... */
    public static RemittanceTitle title(long i) {
        return new RemittanceTitle(nossoNumero(i), "debt-" + i, DUE, BigDecimal.valueOf(1000 + i % 100_000, 2),
                LocalDate.of(2026, 12, 1), new Payer(cpf(i), "Pagador " + i, null, null, null, null, null));
    }

    /** A CPF with valid check digits built from {@code n} (9 base digits). */
    public static String cpf(long n) {
        return GovernmentIds.withCpfCheckDigits("%09d".formatted(100_000_000 + n % 800_000_000));
    }


    public static ReturnOccurrence occurrence(String code, long sequence, List<String> reasons) {
        boolean settled = code.equals("06") || code.equals("17");
        BigDecimal amount = new BigDecimal("150.00");
        return new ReturnOccurrence(0, nossoNumero(sequence), "debt-" + sequence, code, null, null, DUE, amount,
                settled ? new BigDecimal("152.30") : BigDecimal.ZERO, settled ? new BigDecimal("1.50") : BigDecimal.ZERO,
                settled ? new BigDecimal("2.30") : BigDecimal.ZERO, BigDecimal.ZERO, LocalDate.of(2026, 12, 2),
                settled ? LocalDate.of(2026, 12, 3) : null, reasons);
    }
}
