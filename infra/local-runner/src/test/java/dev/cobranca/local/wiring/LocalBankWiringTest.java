package dev.cobranca.local.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceHeader;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceWriter;
import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.testfixtures.SampleBeneficiary;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local bank behind S3: a remessa stored again with the same bytes (a run rewrote it after a crash) is answered
 * once; a new remessa under a key answered before (a fresh database numbers its remessas from 1 again) is answered.
 */
class LocalBankWiringTest {

    private static final String BUCKET = "bank-wiring";
    private static final String KEY = "remittances/2026-12-01/000001.rem";

    @TempDir
    Path dir;

    @Test
    void answersEachRemessaOnce_andANewFileUnderAnOldKeyAgain() throws Exception {
        try (S3Emulator s3 = S3Emulator.start(dir.resolve("s3"));
             LocalBankWiring bank = new LocalBankWiring(s3, s3.client(), BUCKET, dir.resolve("bank"), 0, Duration.ZERO)) {
            s3.createBucket(BUCKET);
            String first = remessa(1, 3);

            put(s3, first);
            await(() -> bank.idle() && bank.answered() == 1);
            put(s3, first);
            await(() -> bank.idle() && bank.repeated() == 1);
            assertThat(bank.answered()).isEqualTo(1);

            put(s3, remessa(4, 2));
            await(() -> bank.idle() && bank.answered() == 2);
            assertThat(bank.repeated()).isEqualTo(1);
            assertThat(s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix("returns/")).contents()).hasSize(2);
        }
        // the answers are kept in the data directory: a restarted bank does not answer the same file again
        try (S3Emulator s3 = S3Emulator.start(dir.resolve("s3"));
             LocalBankWiring bank = new LocalBankWiring(s3, s3.client(), BUCKET, dir.resolve("bank"), 0, Duration.ZERO)) {
            put(s3, remessa(4, 2));
            await(() -> bank.idle() && bank.repeated() == 1);
            assertThat(bank.answered()).isZero();
        }
    }

    private static void put(S3Emulator s3, String remessa) {
        s3.client().putObject(b -> b.bucket(BUCKET).key(KEY).contentType("text/plain"), RequestBody.fromString(remessa));
    }

    /** A valid remessa (NSA 1) of {@code count} titles from nosso número {@code from} on. */
    private static String remessa(int from, int count) {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, new RemittanceHeader(SampleBeneficiary.BENEFICIARY,
                "3", "X", "019", 1, LocalDateTime.of(2026, 12, 1, 9, 0), TitleTerms.NONE));
        for (int i = from; i < from + count; i++) {
            file.add(new RemittanceTitle("1234567" + "%010d".formatted(i), "debt-" + i, LocalDate.of(2026, 12, 20),
                    BigDecimal.valueOf(1000 + i, 2), LocalDate.of(2026, 12, 1),
                    new Payer("52998224725", "Maria da Silva", null, null, null, null, null)));
        }
        file.finish();
        return out.toString();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the local bank did not get there in 20 s");
            }
            Thread.sleep(20);
        }
    }
}
