package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvImportConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BUCKET_NAME", "cobranca-uploads");
        env.put("INVOICE_QUEUE_URL", "http://localhost:9324/000000000000/invoice");
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/cobranca");
        return env;
    }

    @Test
    void shouldApplyDefaults_whenOnlyRequiredVariablesAreSet() {
        CsvImportConfig config = CsvImportConfig.fromEnv(env());

        assertThat(config.rowsPerKeyRange()).isEqualTo(100_000);
        assertThat(config.debtIdsPerMessage()).isEqualTo(500);
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.forcePathStyle()).isFalse();
        assertThat(config.database().poolSize()).isEqualTo(2);
    }

    @Test
    void shouldNameTheVariable_whenOneIsMissingOrWrong() {
        Map<String, String> noBucket = env();
        noBucket.remove("BUCKET_NAME");
        Map<String, String> noQueue = env();
        noQueue.put("INVOICE_QUEUE_URL", " ");
        Map<String, String> badBatch = env();
        badBatch.put("IMPORT_BATCH_ROWS", "lots");
        Map<String, String> badIds = env();
        badIds.put("INVOICE_MESSAGE_DEBT_IDS", "5000");
        Map<String, String> badFlag = env();
        badFlag.put("S3_FORCE_PATH_STYLE", "yes");
        Map<String, String> bigPool = env();
        bigPool.put("DATABASE_POOL_SIZE", "5");

        assertThatThrownBy(() -> CsvImportConfig.fromEnv(noBucket)).hasMessageStartingWith("BUCKET_NAME is required");
        assertThatThrownBy(() -> CsvImportConfig.fromEnv(noQueue)).hasMessageStartingWith("INVOICE_QUEUE_URL is required");
        assertThatThrownBy(() -> CsvImportConfig.fromEnv(badBatch)).hasMessage("IMPORT_BATCH_ROWS must be a whole number, got 'lots'.");
        assertThatThrownBy(() -> CsvImportConfig.fromEnv(badIds)).hasMessageStartingWith("INVOICE_MESSAGE_DEBT_IDS must be between 1 and 1000");
        assertThatThrownBy(() -> CsvImportConfig.fromEnv(badFlag)).hasMessage("S3_FORCE_PATH_STYLE must be true or false, got 'yes'.");
        assertThatThrownBy(() -> CsvImportConfig.fromEnv(bigPool)).hasMessageStartingWith("DATABASE_POOL_SIZE must be 1 or 2 for the CSV import, got 5");
    }
}
