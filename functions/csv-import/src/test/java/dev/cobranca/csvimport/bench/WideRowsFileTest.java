package dev.cobranca.csvimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The parts of the benchmark's multipart upload, generated apart, make up exactly the file. */
class WideRowsFileTest {

    @Test
    void shouldMakeUpTheWholeFile_whenSlicesCutThroughRowsAndTheHeader() throws IOException {
        WideRowsFile file = new WideRowsFile(900, 300); // row 777 is the 2 MB one, rows 50, 150, ... 100 KB
        byte[] whole = read(file.slice(0, file.size()));

        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        for (long from = 0; from < file.size(); from += 7_777) {
            parts.write(read(file.slice(from, 7_777)));
        }
        // a slice starting in the header, another past the end
        byte[] inHeader = read(file.slice(5, 100));

        assertThat(whole).hasSize((int) file.size());
        assertThat(parts.toByteArray()).isEqualTo(whole);
        assertThat(inHeader).isEqualTo(java.util.Arrays.copyOfRange(whole, 5, 105));
        assertThat(read(file.slice(file.size(), 10))).isEmpty();
        assertThat(new String(whole, java.nio.charset.StandardCharsets.US_ASCII).lines().count()).isEqualTo(901);
        assertThat(file.overLimit()).isEqualTo(10);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
