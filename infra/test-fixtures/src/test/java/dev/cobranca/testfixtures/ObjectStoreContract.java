package dev.cobranca.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ObjectStore}'s Javadoc promises, written once: the in-memory fake runs it as a unit test, the S3 adapter
 * on S3Proxy as an integration test, so a fake that drifts from the adapter fails here and not in a function's test.
 */
abstract class ObjectStoreContract {

    /** A store with nothing under the keys the contract uses. */
    abstract ObjectStore store();

    @Test
    void open_shouldThrowNotFound_whenNothingIsThere() {
        assertThatThrownBy(() -> store().open("contract/missing.csv"))
                .isInstanceOf(ObjectStore.NotFoundException.class)
                .hasMessageContaining("contract/missing.csv");
    }

    @Test
    void open_shouldStreamWhatWasPut_fromItsFirstByte() throws IOException {
        store().put("contract/a.csv", bytes("name,email\n"), "text/csv");

        assertThat(read(store().open("contract/a.csv"))).isEqualTo("name,email\n");
    }

    @Test
    void put_shouldReplaceTheObject_andKeepNoReferenceToTheCallersArray() throws IOException {
        byte[] first = bytes("first");
        store().put("contract/b.csv", first, "text/csv");
        first[0] = 'X';
        assertThat(read(store().open("contract/b.csv"))).isEqualTo("first");

        store().put("contract/b.csv", bytes("second"), "text/csv");
        assertThat(read(store().open("contract/b.csv"))).isEqualTo("second");
    }

    @Test
    void putFile_shouldStoreTheFilesBytes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report.csv"), "line,reason\n2,bad e-mail\n");

        store().put("contract/report.csv", file, "text/csv");

        assertThat(read(store().open("contract/report.csv"))).isEqualTo("line,reason\n2,bad e-mail\n");
    }

    @Test
    void putContent_shouldStoreTheBytesItStreams() throws IOException {
        byte[] bytes = bytes("line,reason,row\r\n3,bad e-mail,\"a,b\"\r\n");
        ObjectStore.Content content = new ObjectStore.Content() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };

        store().put("contract/rejected.csv", content, "text/csv");

        assertThat(read(store().open("contract/rejected.csv"))).isEqualTo("line,reason,row\r\n3,bad e-mail,\"a,b\"\r\n");
        assertThat(store().head("contract/rejected.csv").orElseThrow().size()).isEqualTo(bytes.length);
    }

    @Test
    void head_shouldGiveTheSizeAndETag_orNothing() {
        assertThat(store().head("contract/none.csv")).isEmpty();

        store().put("contract/c.csv", bytes("12345"), "text/csv");

        ObjectStore.ObjectInfo info = store().head("contract/c.csv").orElseThrow();
        assertThat(info.key()).isEqualTo("contract/c.csv");
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.etag()).isNotBlank();
    }

    @Test
    void openAtETag_shouldReadThatVersion_andThrowChanged_onceTheObjectIsWrittenAgain() throws IOException {
        store().put("contract/d.csv", bytes("v1"), "text/csv");
        String etag = store().head("contract/d.csv").orElseThrow().etag();
        assertThat(read(store().open("contract/d.csv", etag))).isEqualTo("v1");

        store().put("contract/d.csv", bytes("v2"), "text/csv");

        assertThatThrownBy(() -> store().open("contract/d.csv", etag)).isInstanceOf(ObjectStore.ChangedException.class);
        assertThat(read(store().open("contract/d.csv", null))).as("a null ETag reads whatever is there").isEqualTo("v2");
    }

    @Test
    void openAtETag_shouldThrowNotFound_whenNothingIsThere() {
        assertThatThrownBy(() -> store().open("contract/gone.csv", "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(ObjectStore.NotFoundException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
