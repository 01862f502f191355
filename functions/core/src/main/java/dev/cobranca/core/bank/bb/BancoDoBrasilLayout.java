package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.cnab240.Cnab240Record;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The records Banco do Brasil's CNAB 240 cobrança remessa and retorno share: file header, lot header, lot
 * trailer and file trailer (FEBRABAN layout 240, "Cobrança", lote de serviço 01, with BB's "particularidades":
 * the convênio block of pos 33-52 / 34-53 and blank check digit of agency/account).
 */
final class BancoDoBrasilLayout {

    static final String BANK_CODE = "001";
    static final String BANK_NAME = "BANCO DO BRASIL S.A.";
    /** Header de arquivo pos 164-166 and header de lote pos 14-16, as BB's cobrança layout numbers them. */
    static final String FILE_LAYOUT_VERSION = "083";
    static final String LOT_LAYOUT_VERSION = "042";
    /** FEBRABAN G002: the lot number of file header and file trailer records. */
    static final int FILE_LOT = 0;
    static final int TRAILER_LOT = 9999;
    /** A lot numbers its detail records in 5 digits (pos 9-13). */
    static final int MAX_DETAILS_PER_LOT = 99_999;
    /** The file trailer counts records in 6 digits (pos 24-29). */
    static final int MAX_RECORDS_PER_FILE = 999_999;

    static final char REMESSA = '1';
    static final char RETORNO = '2';

    private BancoDoBrasilLayout() {
    }

    /** FEBRABAN 240 "Header de Arquivo" (registro 0). */
    static void fileHeader(Cnab240Record r, BancoDoBrasilAccount a, char direction, long nsa, LocalDateTime at, Writer out)
            throws IOException {
        r.clear()
                .literal(1, 3, BANK_CODE)
                .number(4, 7, FILE_LOT)
                .literal(8, 8, "0")
                .number(18, 18, a.documentType())
                .digits(19, 32, a.companyDocument());
        convenio(r, 33, a)
                .digits(53, 57, a.agency())
                .literal(58, 58, a.agencyDigit())
                .digits(59, 70, a.account())
                .literal(71, 71, a.accountDigit())
                .text(73, 102, a.companyName())
                .literal(103, 132, BANK_NAME)
                .literal(143, 143, String.valueOf(direction))
                .date(144, 151, at.toLocalDate())
                .time(152, 157, at.toLocalTime())
                .number(158, 163, nsa)
                .literal(164, 166, FILE_LAYOUT_VERSION)
                .zeros(167, 171)
                .writeTo(out);
    }

    /** FEBRABAN 240 "Header de Lote" of the cobrança service (registro 1, serviço 01). */
    static void lotHeader(Cnab240Record r, BancoDoBrasilAccount a, int lot, char direction, long nsa, LocalDateTime at,
            Writer out) throws IOException {
        r.clear()
                .literal(1, 3, BANK_CODE)
                .number(4, 7, lot)
                .literal(8, 8, "1")
                .literal(9, 9, direction == REMESSA ? "R" : "T")
                .literal(10, 11, "01")
                .literal(14, 16, LOT_LAYOUT_VERSION)
                .number(18, 18, a.documentType())
                .digits(19, 33, a.companyDocument());
        convenio(r, 34, a)
                .digits(54, 58, a.agency())
                .literal(59, 59, a.agencyDigit())
                .digits(60, 71, a.account())
                .literal(72, 72, a.accountDigit())
                .text(74, 103, a.companyName())
                .number(184, 191, nsa)
                .date(192, 199, at.toLocalDate())
                .zeros(200, 207)
                .writeTo(out);
    }

    /**
     * BB's "código do convênio no banco" (20 positions): convênio (9) + "0014" (cobrança cedente) + carteira (2)
     * + variação (3) + 2 blanks.
     */
    private static Cnab240Record convenio(Cnab240Record r, int from, BancoDoBrasilAccount a) {
        return r.digits(from, from + 8, a.convenio())
                .literal(from + 9, from + 12, "0014")
                .digits(from + 13, from + 14, a.wallet())
                .digits(from + 15, from + 17, a.walletVariation());
    }

    /**
     * FEBRABAN 240 "Trailer de Lote" (registro 5): records in the lot (header and trailer included), then the
     * "cobrança simples" totals: titles and their sum.
     */
    static void lotTrailer(Cnab240Record r, int lot, long records, long titles, BigDecimal total, Writer out)
            throws IOException {
        r.clear()
                .literal(1, 3, BANK_CODE)
                .number(4, 7, lot)
                .literal(8, 8, "5")
                .number(18, 23, records)
                .number(24, 29, titles)
                .amount(30, 46, total)
                .zeros(47, 115)
                .writeTo(out);
    }

    /** FEBRABAN 240 "Trailer de Arquivo" (registro 9): lots and records of the whole file. */
    static void fileTrailer(Cnab240Record r, int lots, long records, Writer out) throws IOException {
        r.clear()
                .literal(1, 3, BANK_CODE)
                .number(4, 7, TRAILER_LOT)
                .literal(8, 8, "9")
                .number(18, 23, lots)
                .number(24, 29, records)
                .zeros(30, 35)
                .writeTo(out);
    }

    /** The first 17 positions of every detail record; the segment's fields follow from pos 18. */
    static Cnab240Record detail(Cnab240Record r, int lot, int sequence, char segment, String movement) {
        return r.clear()
                .literal(1, 3, BANK_CODE)
                .number(4, 7, lot)
                .literal(8, 8, "3")
                .number(9, 13, sequence)
                .literal(14, 14, String.valueOf(segment))
                .literal(16, 17, movement);
    }
}
