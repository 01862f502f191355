package dev.cobranca.core.bank;

import java.time.LocalDate;

/** A retorno's file header: which bank, for which convênio, its sequence number and date. */
public record ReturnHeader(String bankCode, String convenio, long nsa, LocalDate generatedOn) {
}
