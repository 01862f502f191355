package dev.cobranca.local.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void shouldEncodeS3Keys_likeS3Notifications() {
        assertThat(Events.encodeKey("uploads/my file ç.csv")).isEqualTo("uploads/my+file+%C3%A7.csv");
    }
}
