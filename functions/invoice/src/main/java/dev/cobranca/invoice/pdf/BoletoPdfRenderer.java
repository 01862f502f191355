package dev.cobranca.invoice.pdf;

import dev.cobranca.core.boleto.Boleto;

/** Turns an issued boleto into the PDF the payer receives. */
public interface BoletoPdfRenderer {

    /** The PDF bytes of a one-page boleto. */
    byte[] render(Boleto boleto);
}
