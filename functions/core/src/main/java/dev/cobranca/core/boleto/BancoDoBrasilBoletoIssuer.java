package dev.cobranca.core.boleto;

import java.util.Objects;

/**
 * Banco do Brasil boletos for a 7-digit convênio ("convênio de 7 posições", carteiras 16/17/18):
 * <pre>
 * campo livre (25) = 000000 + convênio (7) + complemento do nosso número (10) + carteira (2)
 * nosso número (17) = convênio (7) + complemento (10), no check digit
 * </pre>
 * The complemento is the request's {@code sequence}, so a charge always gets the same nosso número and
 * re-rendering its boleto gives the same digits. Immutable and thread-safe.
 */
public final class BancoDoBrasilBoletoIssuer implements BoletoIssuer {

    public static final String BANK_CODE = "001";
    private static final long MAX_SEQUENCE = 9_999_999_999L;

    private final Beneficiary beneficiary;

    public BancoDoBrasilBoletoIssuer(Beneficiary beneficiary) {
        this.beneficiary = validate(beneficiary);
    }

    @Override
    public Boleto issue(BoletoRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.sequence() < 0 || request.sequence() > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be 0..9999999999 (the 10-digit complemento of the nosso número), was "
                    + request.sequence() + " for debt " + request.debtId());
        }
        if (request.dueDate() == null) {
            throw new IllegalArgumentException("due date is missing for debt " + request.debtId());
        }
        String ourNumber = beneficiary.convenio() + "%010d".formatted(request.sequence());
        String freeField = "000000" + ourNumber + beneficiary.wallet();
        Barcode barcode = Barcode.of(BANK_CODE, DueDateFactor.of(request.dueDate()), request.amount(), freeField);
        return new Boleto(request, beneficiary, barcode.digits(), barcode.digitableLine(), ourNumber);
    }

    private static Beneficiary validate(Beneficiary b) {
        Objects.requireNonNull(b, "beneficiary");
        if (!BANK_CODE.equals(b.bankCode())) {
            throw new IllegalArgumentException("beneficiary bank code must be 001 (Banco do Brasil), was " + b.bankCode());
        }
        requireDigits("convênio", b.convenio(), 7, 7, "a 7-digit convênio (convênio de 7 posições)");
        requireDigits("carteira", b.wallet(), 2, 2, "2 digits, e.g. 17");
        requireDigits("agency", b.agency(), 1, 4, "1 to 4 digits, without its check digit");
        requireDigits("account", b.account(), 1, 8, "1 to 8 digits, without its check digit");
        requireDigits("CNPJ", b.cnpj(), 14, 14, "14 digits, without punctuation");
        if (b.name() == null || b.name().isBlank()) {
            throw new IllegalArgumentException("beneficiary name is required: it is printed on every boleto");
        }
        return b;
    }

    private static void requireDigits(String what, String value, int min, int max, String expected) {
        if (value == null || value.length() < min || value.length() > max || !Barcode.isDigits(value)) {
            throw new IllegalArgumentException("beneficiary " + what + " must be " + expected + ", was "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
    }
}
