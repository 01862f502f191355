package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.CnabFixtures;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.TitleTerms;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds CNAB files as lists of records, so tests can break them one line at a time. */
final class CnabText {

    private CnabText() {
    }

    static List<String> remessa(int titles) {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, CnabFixtures.header(9, TitleTerms.NONE));
        for (int i = 1; i <= titles; i++) {
            file.add(CnabFixtures.title(i));
        }
        file.finish();
        return new ArrayList<>(Arrays.asList(out.toString().split("\r\n")));
    }

    static List<String> retorno(List<ReturnOccurrence> occurrences) {
        StringWriter out = new StringWriter();
        ReturnFile file = new BancoDoBrasilReturnWriter().open(out, CnabFixtures.returnHeader(77));
        occurrences.forEach(file::add);
        file.finish();
        return new ArrayList<>(Arrays.asList(out.toString().split("\r\n")));
    }

    static String crlf(List<String> lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static String lf(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The record with {@code value} at positions {@code from}-{@code to} (1-based, inclusive). */
    static String put(String record, int from, String value) {
        return record.substring(0, from - 1) + value + record.substring(from - 1 + value.length());
    }
}
