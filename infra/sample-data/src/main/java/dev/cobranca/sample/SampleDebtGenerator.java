package dev.cobranca.sample;

import dev.cobranca.core.importing.GovernmentIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic sample uploads: the same seed gives the same file. Rows look like real ones (Brazilian names with
 * accents, 11-digit CPFs and some 4-digit ids, people owing several debts, amounts, dates, uuid debtIds); a
 * chosen percentage of rows is dirty, cycling through every {@link DirtyKind}. About 108 bytes a row.
 */
public final class SampleDebtGenerator {

    public static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId";
    /** The header with the optional address columns. */
    public static final String HEADER_WITH_ADDRESS = HEADER + ",address,district,zipCode,city,state";

    private static final String[] FIRST = {"Ana", "João", "Maria", "José", "Antônio", "Francisca", "Luís", "Márcia",
        "Conceição", "Sebastião", "Lúcia", "Cláudio", "Fábio", "Letícia", "Vitória", "Sérgio", "Inês", "Raí",
        "Débora", "Caio", "Beatriz", "André", "Giovana", "Otávio", "Júlia", "Rômulo", "Patrícia", "Thaís"};
    private static final String[] LAST = {"Silva", "Santos", "Oliveira", "Souza", "Conceição", "Gonçalves",
        "Araújo", "Fernandes", "Ribeiro", "Simões", "Brandão", "Magalhães", "Assunção", "Müller", "Falcão",
        "Lima", "Pereira", "Guimarães", "Damásio", "Nóbrega"};
    private static final String[] DOMAINS = {"exemplo.com", "mail.com", "uol.com.br", "correio.net"};
    private static final DirtyKind[] KINDS = DirtyKind.values();
    private static final String[] STREETS = {"Rua das Flores", "Avenida Paulista", "Rua São João", "Avenida Brasil",
        "Travessa do Comércio", "Rua Sete de Setembro", "Alameda Santos", "Rua da Conceição"};
    private static final String[] DISTRICTS = {"Centro", "Jardim América", "Vila Mariana", "Boa Vista", "Santa Cecília"};
    private static final String[][] CITIES = {{"São Paulo", "SP"}, {"Rio de Janeiro", "RJ"}, {"Belo Horizonte", "MG"},
        {"Salvador", "BA"}, {"Porto Alegre", "RS"}, {"Recife", "PE"}, {"São José dos Campos", "SP"}, {"Curitiba", "PR"}};

    private final SplittableRandom random;
    private final double dirtyPercent;
    private long dirtyCount;
    private Person repeat;

    /** @param dirtyPercent 0 to 100: the share of rows that break a rule */
    public SampleDebtGenerator(long seed, double dirtyPercent) {
        if (dirtyPercent < 0 || dirtyPercent > 100) {
            throw new IllegalArgumentException("dirtyPercent must be between 0 and 100, got " + dirtyPercent);
        }
        this.random = new SplittableRandom(seed);
        this.dirtyPercent = dirtyPercent;
    }

    /** Writes the header and {@code rows} data rows (LF line endings), the six required columns only. */
    public static void write(Writer out, long rows, long seed, double dirtyPercent) {
        write(out, rows, seed, dirtyPercent, false);
    }

    /**
     * @param addresses also write the optional address columns, filled in four rows of five (the rows' other cells are
     *                  those of the same seed without them: the addresses come from a random sequence of their own)
     */
    public static void write(Writer out, long rows, long seed, double dirtyPercent, boolean addresses) {
        SampleDebtGenerator generator = new SampleDebtGenerator(seed, dirtyPercent);
        SplittableRandom places = new SplittableRandom(~seed);
        try {
            out.write(addresses ? HEADER_WITH_ADDRESS : HEADER);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                out.write(generator.next().csv());
                if (addresses) {
                    out.write(address(places));
                }
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, long rows, long seed, double dirtyPercent) {
        write(file, rows, seed, dirtyPercent, false);
    }

    public static void write(Path file, long rows, long seed, double dirtyPercent, boolean addresses) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(out, rows, seed, dirtyPercent, addresses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SampleRow next() {
        Person person = person();
        String amount = amount();
        String date = "%04d-%02d-%02d".formatted(2022 + random.nextInt(4), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String debtId = new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
        String[] cells = {csvQuote(person.name), person.governmentId, person.email, amount, date, debtId};
        DirtyKind dirt = null;
        if (dirtyPercent > 0 && random.nextDouble() * 100 < dirtyPercent) {
            dirt = KINDS[(int) (dirtyCount++ % KINDS.length)];
            cells = dirty(cells, dirt);
        }
        return new SampleRow(String.join(",", cells), cells.length > 5 ? cells[5] : "", dirt);
    }

    /** The address cells of one row, with their leading comma; blank in one row of five. */
    static String address(SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            return ",,,,,";
        }
        String[] city = CITIES[random.nextInt(CITIES.length)];
        return "," + csvQuote(STREETS[random.nextInt(STREETS.length)] + ", " + (1 + random.nextInt(2_000)))
                + "," + DISTRICTS[random.nextInt(DISTRICTS.length)]
                + "," + "%05d-%03d".formatted(1_000 + random.nextInt(98_000), random.nextInt(1_000))
                + "," + city[0] + "," + city[1];
    }

    private record Person(String name, String governmentId, String email) {
    }

    private Person person() {
        // one person in five owes another debt: the e-mail repeats across rows, as in real files
        if (repeat != null && random.nextInt(5) == 0) {
            return repeat;
        }
        String first = FIRST[random.nextInt(FIRST.length)];
        String last1 = LAST[random.nextInt(LAST.length)];
        String last2 = LAST[random.nextInt(LAST.length)];
        // one surname mostly, two in a quarter of rows: rows come to about 108 bytes, as in real files (1.1 million rows in about 100 MB)
        String surnames = random.nextInt(4) == 0 ? last1 + " " + last2 : last2;
        String name = random.nextInt(50) == 0 ? last2 + ", " + first : first + " " + surnames;
        String governmentId = random.nextInt(20) == 0
                ? Integer.toString(1000 + random.nextInt(9000))
                : cpfMostly("%011d".formatted(random.nextLong(100_000_000_000L)));
        String local = random.nextBoolean() ? ascii(first) + "." + ascii(last2) : ascii(first) + random.nextInt(100);
        String email = local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
        repeat = new Person(name, governmentId, email);
        return repeat;
    }

    /**
     * Nine in ten 11-digit ids get valid CPF check digits (the bank registers those titles), the rest keep random ones
     * (the bank rejects them with its reason code). Derived from the digits alone: the random sequence is unchanged.
     */
    static String cpfMostly(String elevenDigits) {
        if (elevenDigits.charAt(8) == '0') {
            return elevenDigits;
        }
        return GovernmentIds.withCpfCheckDigits(elevenDigits.substring(0, 9));
    }


    private String amount() {
        return switch (random.nextInt(10)) {
            case 0 -> Integer.toString(1 + random.nextInt(10_000));
            case 1 -> "%d.%02d".formatted(10_000 + random.nextInt(990_000), random.nextInt(100));
            default -> "%d.%02d".formatted(1 + random.nextInt(5_000), random.nextInt(100));
        };
    }

    private static String[] dirty(String[] c, DirtyKind kind) {
        switch (kind) {
            case EMPTY_NAME -> c[0] = "";
            case NAME_TOO_LONG -> c[0] = "Maria".repeat(41);
            case GOVERNMENT_ID_LETTERS -> c[1] = "12A45678901";
            case GOVERNMENT_ID_TOO_LONG -> c[1] = "123456789012345";
            case EMAIL_INVALID -> c[2] = c[2].replace("@", " at ");
            case AMOUNT_COMMA_SEPARATOR -> c[3] = "\"1500,50\"";
            case AMOUNT_THREE_DECIMALS -> c[3] = "10.505";
            case AMOUNT_ZERO -> c[3] = "0.00";
            case AMOUNT_NEGATIVE -> c[3] = "-35.10";
            case AMOUNT_TOO_LARGE -> c[3] = "100000000.00";
            case DATE_NOT_ISO -> c[4] = "12/10/2022";
            case DATE_NOT_IN_CALENDAR -> c[4] = "2023-02-30";
            case EMPTY_DEBT_ID -> c[5] = "";
            case DEBT_ID_TOO_LONG -> c[5] = c[5] + c[5];
            case TOO_FEW_COLUMNS -> {
                return new String[] {c[0], c[1], c[2], c[3], c[4]};
            }
            case TOO_MANY_COLUMNS -> {
                return new String[] {c[0], c[1], c[2], c[3], c[4], c[5], "extra"};
            }
        }
        return c;
    }

    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String csvQuote(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
