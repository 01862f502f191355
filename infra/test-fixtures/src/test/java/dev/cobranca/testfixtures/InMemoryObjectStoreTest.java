package dev.cobranca.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContract {

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void etag_shouldBeTheMd5OfTheContent_asS3GivesForASinglePut() {
        store.put("k", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(store.head("k").orElseThrow().etag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }

    @Test
    void failPutsTo_shouldFailWritesOfThatKeyOnly() {
        store.failPutsTo("invoices/b.pdf");

        assertThatThrownBy(() -> store.put("invoices/b.pdf", new byte[] {1}, "application/pdf"))
                .isInstanceOf(IllegalStateException.class);
        store.put("invoices/a.pdf", new byte[] {1}, "application/pdf");
        assertThat(store.keys()).containsExactly("invoices/a.pdf");
        assertThat(store.stored("invoices/a.pdf").orElseThrow().contentType()).isEqualTo("application/pdf");
    }

    @Test
    void content_shouldThrowNotFound_likeOpen_afterDelete() {
        store.put("k", new byte[] {7}, "application/octet-stream");
        assertThat(store.content("k")).containsExactly(7);

        store.delete("k");

        assertThatThrownBy(() -> store.content("k")).isInstanceOf(ObjectStore.NotFoundException.class);
    }
}
