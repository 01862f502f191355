package dev.cobranca.core.boleto;

/** Computes a bank's boleto (campo livre, barcode, linha digitável) for a charge. Pure and deterministic. */
public interface BoletoIssuer {

    Boleto issue(BoletoRequest request);
}
